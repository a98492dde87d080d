// The bytes on the wire, for every field of both operations, checked by a real server that
// parses the multipart body (bracket notation included).
import { openAsBlob } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient, createPostpressFetchClient } from '../src/index.js';
import { json, nest, parts, startServer } from './helpers/server.js';

const ARRAYS = new Set(['attachments', 'linkedin.follow_up.attachments']);
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.url === '/api/v1/chats'
      ? json(res, 201, { object: 'ChatStarted', chat_id: 'chat_1', message_id: 'msg_1' })
      : json(res, 201, { object: 'MessageSent', message_id: 'msg_2' }),
  );
});
afterAll(() => server.close());

const client = () => createPostpressClient({ apiKey: 'pp_test_wire', baseUrl: server.url });
const last = () => server.requests.at(-1)!;
const lastParts = () => parts(last().body, String(last().headers['content-type']));

describe('startChat', () => {
  it('sends every field in the documented format', async () => {
    const cv = new File(['%PDF-1.7 cv'], 'cv.pdf', { type: 'application/pdf' });
    const note = new Blob(['plain note'], { type: 'text/plain' });
    const voice = new File(['OggS'], 'hello.ogg', { type: 'audio/ogg' });
    const video = new File(['mp4'], 'hello.mp4', { type: 'video/mp4' });
    const brochure = new File(['%PDF brochure'], 'brochure.pdf', { type: 'application/pdf' });
    const { data, error } = await client().startChat({
      account_id: 'acc_01',
      attendees_ids: ['ACo1', 'ACo2'],
      text: 'Hi there',
      subject: 'Backend role',
      attachments: [cv, note],
      voice_message: voice,
      video_message: video,
      linkedin: {
        api: 'recruiter',
        signature: 'Jane',
        hiring_project_id: 'hp_1',
        job_posting_id: 'jp_1',
        sourcing_channel: 'RECRUITER_SEARCH',
        email_address: 'jane@acme.test',
        visibility: 'PROJECT',
        follow_up: {
          subject: 'Following up',
          text: 'Any news?',
          scheduled_time: { days: 3, timezone: 'Europe/Paris' },
          attachments: [brochure],
        },
      },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ object: 'ChatStarted', chat_id: 'chat_1', message_id: 'msg_1' });
    expect(last().method).toBe('POST');
    expect(last().url).toBe('/api/v1/chats');
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
    expect(last().headers['x-api-key']).toBe('pp_test_wire');

    const raw = await lastParts();
    expect(raw.map(([name]) => name)).toEqual([
      'account_id',
      'attendees_ids[]',
      'attendees_ids[]',
      'text',
      'subject',
      'attachments',
      'attachments',
      'voice_message',
      'video_message',
      'linkedin[api]',
      'linkedin[signature]',
      'linkedin[hiring_project_id]',
      'linkedin[job_posting_id]',
      'linkedin[sourcing_channel]',
      'linkedin[email_address]',
      'linkedin[visibility]',
      'linkedin[follow_up][subject]',
      'linkedin[follow_up][text]',
      'linkedin[follow_up][scheduled_time][days]',
      'linkedin[follow_up][scheduled_time][timezone]',
      'linkedin[follow_up][attachments]',
    ]);
    expect(nest(raw, ARRAYS)).toEqual({
      account_id: 'acc_01',
      attendees_ids: ['ACo1', 'ACo2'],
      text: 'Hi there',
      subject: 'Backend role',
      attachments: [
        { filename: 'cv.pdf', type: 'application/pdf', text: '%PDF-1.7 cv' },
        { filename: 'blob', type: 'text/plain', text: 'plain note' },
      ],
      voice_message: { filename: 'hello.ogg', type: 'audio/ogg', text: 'OggS' },
      video_message: { filename: 'hello.mp4', type: 'video/mp4', text: 'mp4' },
      linkedin: {
        api: 'recruiter',
        signature: 'Jane',
        hiring_project_id: 'hp_1',
        job_posting_id: 'jp_1',
        sourcing_channel: 'RECRUITER_SEARCH',
        email_address: 'jane@acme.test',
        visibility: 'PROJECT',
        follow_up: {
          subject: 'Following up',
          text: 'Any news?',
          scheduled_time: { days: '3', timezone: 'Europe/Paris' },
          attachments: [{ filename: 'brochure.pdf', type: 'application/pdf', text: '%PDF brochure' }],
        },
      },
    });
  });

  it('sends Classic options, booleans as true/false, weeks in decimal, and omits absent fields', async () => {
    await client().startChat({
      account_id: 'acc_01',
      attendees_ids: ['ACo1'],
      // Explicit undefined (body types that allow it under exactOptionalPropertyTypes are @postpress/types' part)
      text: undefined as unknown as string,
      linkedin: { api: 'classic', topic: 'careers', applicant_id: 'app_1', invitation_id: 'inv_1', inmail: false },
    });
    expect(await lastParts()).toEqual([
      ['account_id', 'acc_01'],
      ['attendees_ids[]', 'ACo1'],
      ['linkedin[api]', 'classic'],
      ['linkedin[topic]', 'careers'],
      ['linkedin[applicant_id]', 'app_1'],
      ['linkedin[invitation_id]', 'inv_1'],
      ['linkedin[inmail]', 'false'],
    ]);
    await client().startChat({
      account_id: 'a',
      attendees_ids: ['b'],
      linkedin: {
        api: 'recruiter',
        follow_up: { subject: 's', text: 't', scheduled_time: { weeks: 1.5, timezone: 'UTC' } },
      },
    });
    expect(await lastParts()).toContainEqual(['linkedin[follow_up][scheduled_time][weeks]', '1.5']);
    await client().startChat({ account_id: 'a', attendees_ids: ['b'], linkedin: { api: 'sales_navigator' } });
    expect(await lastParts()).toEqual([
      ['account_id', 'a'],
      ['attendees_ids[]', 'b'],
      ['linkedin[api]', 'sales_navigator'],
    ]);
  });

  it('writes large and tiny numbers in decimal, never in exponent notation', async () => {
    const schedule = (days: number) => ({
      account_id: 'a',
      attendees_ids: ['b'],
      linkedin: {
        api: 'recruiter' as const,
        follow_up: { subject: 's', text: 't', scheduled_time: { days, timezone: 'UTC' } },
      },
    });
    await client().startChat(schedule(1e21));
    expect(await lastParts()).toContainEqual(['linkedin[follow_up][scheduled_time][days]', '1000000000000000000000']);
    await client().startChat(schedule(1e-7));
    expect(await lastParts()).toContainEqual(['linkedin[follow_up][scheduled_time][days]', '0.0000001']);
  });

  it('refuses a number it cannot write (NaN, Infinity) before sending', async () => {
    const before = server.requests.length;
    const { error } = await client().startChat({
      account_id: 'a',
      attendees_ids: ['b'],
      linkedin: {
        api: 'recruiter',
        follow_up: { subject: 's', text: 't', scheduled_time: { days: Number.NaN, timezone: 'UTC' } },
      },
    });
    expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('days') });
    expect(server.requests.length).toBe(before);
  });
});

describe('sendMessage', () => {
  it('sends every field, with files from fs.openAsBlob', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'postpress-wire-'));
    await writeFile(join(dir, 'report.pdf'), '%PDF report');
    const fromDisk = await openAsBlob(join(dir, 'report.pdf'), { type: 'application/pdf' });
    const { data } = await client().sendMessage('chat_01', {
      text: 'Got it - thanks!',
      account_id: 'acc_01',
      thread_id: 'thr_01',
      quote_id: 'msg_00',
      voice_message: new File(['OggS'], 'v.ogg', { type: 'audio/ogg' }),
      video_message: new File(['mp4'], 'v.mp4', { type: 'video/mp4' }),
      attachments: [fromDisk, new File(['b'], 'b.txt', { type: 'text/plain' })],
      typing_duration: '1500',
    });
    expect(data).toEqual({ object: 'MessageSent', message_id: 'msg_2' });
    expect(last().url).toBe('/api/v1/chats/chat_01/messages');
    expect(nest(await lastParts(), ARRAYS)).toEqual({
      text: 'Got it - thanks!',
      account_id: 'acc_01',
      thread_id: 'thr_01',
      quote_id: 'msg_00',
      voice_message: { filename: 'v.ogg', type: 'audio/ogg', text: 'OggS' },
      video_message: { filename: 'v.mp4', type: 'video/mp4', text: 'mp4' },
      attachments: [
        { filename: 'blob', type: 'application/pdf', text: '%PDF report' },
        { filename: 'b.txt', type: 'text/plain', text: 'b' },
      ],
      typing_duration: '1500',
    });
  });

  it('sends a single attachment as one plain `attachments` part, and an empty body as no parts', async () => {
    await client().sendMessage('c', { attachments: [new File(['x'], 'x.pdf', { type: 'application/pdf' })] });
    expect((await lastParts()).map(([name]) => name)).toEqual(['attachments']);
    await client().sendMessage('c', {});
    expect(await lastParts()).toEqual([]);
  });

  it("createPostpressFetchClient: openapi-fetch's POST, the body typed as the object and encoded the same way", async () => {
    const http = createPostpressFetchClient({ apiKey: 'pp_test_wire', baseUrl: server.url });
    const { data, response } = await http.POST('/api/v1/chats', {
      body: { account_id: 'a', attendees_ids: ['x', 'y'], linkedin: { inmail: true } },
    });
    expect(response.status).toBe(201);
    expect(data?.chat_id).toBe('chat_1');
    expect(await lastParts()).toEqual([
      ['account_id', 'a'],
      ['attendees_ids[]', 'x'],
      ['attendees_ids[]', 'y'],
      ['linkedin[inmail]', 'true'],
    ]);
  });
});

describe('the fetch it calls', () => {
  const answer = () =>
    new Response(JSON.stringify({ object: 'MessageSent', message_id: 'msg_9' }), {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });

  it('hands a `fetch` option one complete Request per call, from both clients', async () => {
    const seen: Request[] = [];
    const options = {
      apiKey: 'pp_test_wire',
      baseUrl: 'https://api.postpress.ai/',
      headers: { 'X-Trace': 't1' },
      fetch: async (request: Request) => {
        seen.push(request);
        return answer();
      },
    };
    const { data } = await createPostpressClient(options).sendMessage('c/1', {
      text: 'hi',
      attachments: [new File(['x'], 'x.txt')],
    });
    expect(data).toEqual({ object: 'MessageSent', message_id: 'msg_9' });
    await createPostpressFetchClient(options).POST('/api/v1/chats/{chat_id}/messages', {
      params: { path: { chat_id: 'c2' } },
      body: { text: 'yo' },
    });
    expect(seen.map((r) => [r.method, r.url, r.headers.get('x-api-key'), r.headers.get('x-trace')])).toEqual([
      ['POST', 'https://api.postpress.ai/api/v1/chats/c%2F1/messages', 'pp_test_wire', 't1'],
      ['POST', 'https://api.postpress.ai/api/v1/chats/c2/messages', 'pp_test_wire', 't1'],
    ]);
    const form = await seen[0]!.formData();
    expect([...form.keys()]).toEqual(['text', 'attachments']);
    expect((form.get('attachments') as File).name).toBe('x.txt');
    expect([...(await seen[1]!.formData())]).toEqual([['text', 'yo']]);
  });

  it('looks up globalThis.fetch at each call, so one replaced after creation is used', async () => {
    const postpress = createPostpressClient({ apiKey: 'pp_test_wire', baseUrl: 'https://api.postpress.ai' });
    const http = createPostpressFetchClient({ apiKey: 'pp_test_wire', baseUrl: 'https://api.postpress.ai' });
    const original = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return answer();
    };
    try {
      expect((await postpress.sendMessage('c', { text: 'hi' })).data?.message_id).toBe('msg_9');
      const { response } = await http.POST('/api/v1/chats/{chat_id}/messages', {
        params: { path: { chat_id: 'd' } },
        body: {},
      });
      expect(response.status).toBe(201);
    } finally {
      globalThis.fetch = original;
    }
    expect(urls).toEqual([
      'https://api.postpress.ai/api/v1/chats/c/messages',
      'https://api.postpress.ai/api/v1/chats/d/messages',
    ]);
  });
});
