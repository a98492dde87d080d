// Large attachments are streamed (stream.ts): same parts, same bytes as the FormData path,
// without the whole file in memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../src/index.js';
import { STREAM_THRESHOLD, toMultipartStream } from '../src/stream.js';
import { json, parts, startServer } from './helpers/server.js';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer((_req, res) =>
    json(res, 201, { object: 'ChatStarted', chat_id: 'chat_1', message_id: 'msg_1' }),
  );
});
afterAll(() => server.close());

const client = () => createPostpressClient({ apiKey: 'pp_test_stream', baseUrl: server.url });

function bigFile(size: number): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff; // not all zeros: a shifted byte would show
  return new File([bytes], 'big.bin', { type: 'application/octet-stream' });
}

const body = (file: File) => ({
  account_id: 'acc_1',
  attendees_ids: ['ACo1', 'ACo2'],
  text: 'line one\nline two',
  attachments: [file, new File(['small'], 'note.txt', { type: 'text/plain' })],
  linkedin: {
    api: 'recruiter' as const,
    follow_up: { subject: 'Hi', text: 'ping', scheduled_time: { days: 3, timezone: 'Europe/Paris' } },
  },
});

async function send(file: File) {
  const { data, error } = await client().startChat(body(file));
  expect(error).toBeUndefined();
  expect(data?.object).toBe('ChatStarted');
  const request = server.requests.at(-1);
  if (!request) throw new Error('the server recorded no request');
  return { request, parsed: await parts(request.body, String(request.headers['content-type'])) };
}

describe('a large attachment', () => {
  it('is streamed, arrives byte-identical, with the same parts as the FormData path', async () => {
    const large = bigFile(9 * 1024 * 1024);
    expect(large.size).toBeGreaterThan(STREAM_THRESHOLD);
    const streamed = await send(large);
    // Streamed: chunked, no Content-Length, our own boundary.
    expect(streamed.request.headers['transfer-encoding']).toBe('chunked');
    expect(streamed.request.headers['content-length']).toBeUndefined();
    expect(streamed.request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=postpress-[0-9a-f]{32}$/);

    const small = await send(bigFile(1024));
    expect(small.request.headers['content-type']).not.toMatch(/boundary=postpress-/);
    expect(streamed.parsed.map(([name]) => name)).toEqual(small.parsed.map(([name]) => name));
    expect(streamed.parsed.map(([name]) => name)).toEqual([
      'account_id',
      'attendees_ids[]',
      'attendees_ids[]',
      'text',
      'attachments',
      'attachments',
      'linkedin[api]',
      'linkedin[follow_up][subject]',
      'linkedin[follow_up][text]',
      'linkedin[follow_up][scheduled_time][days]',
      'linkedin[follow_up][scheduled_time][timezone]',
    ]);
    // Everything but the large file's contents is the same on both paths.
    expect(streamed.parsed.filter(([name]) => name !== 'attachments')).toEqual(
      small.parsed.filter(([name]) => name !== 'attachments'),
    );
    const [file, note] = streamed.parsed.filter(([name]) => name === 'attachments').map(([, v]) => v);
    expect(file).toMatchObject({ filename: 'big.bin', type: 'application/octet-stream' });
    expect(note).toEqual({ filename: 'note.txt', type: 'text/plain', text: 'small' });

    // Byte-identical: the file's bytes sit between its part headers and the next boundary.
    const boundary = String(streamed.request.headers['content-type']).split('boundary=')[1];
    const raw = streamed.request.body;
    const start = raw.indexOf('\r\n\r\n', raw.indexOf('filename="big.bin"')) + 4;
    const end = raw.indexOf(`\r\n--${boundary}`, start);
    expect(end - start).toBe(large.size);
    expect(Buffer.compare(raw.subarray(start, end), Buffer.from(await large.arrayBuffer()))).toBe(0);
  }, 30_000);
});

describe('toMultipartStream', () => {
  it('serialises awkward names and values as FormData does', async () => {
    const form = new FormData();
    form.append('quote"name', 'a\rb\nc\r\nd');
    form.append('new\nline', '');
    form.append('file', new File(['x'], 'we"ird\r.txt'));
    form.append('blob', new Blob(['y']));
    const { stream, contentType } = toMultipartStream(form);
    const streamed = await parts(new Uint8Array(await new Response(stream).arrayBuffer()), contentType);
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: form });
    const reference = await parts(
      new Uint8Array(await request.arrayBuffer()),
      String(request.headers.get('content-type')),
    );
    expect(streamed).toEqual(reference);
    expect(streamed[0]).toEqual(['quote"name', 'a\r\nb\r\nc\r\nd']);
    expect(streamed[3]).toEqual(['blob', { filename: 'blob', type: 'application/octet-stream', text: 'y' }]);
  });

  it('uses a fresh random boundary each time', () => {
    const form = new FormData();
    expect(toMultipartStream(form).contentType).not.toBe(toMultipartStream(form).contentType);
  });
});
