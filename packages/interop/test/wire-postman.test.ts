// Postman's path: openapi-to-postmanv2 converts the wire view into a collection, newman runs it
// against a loopback server, and we look at the parts that travel. What the converter cannot
// express (repeated parts, lists of files) is asserted as such and stated in the package README.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@postpress/mock';
import newman from 'newman';
import Converter from 'openapi-to-postmanv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapturedPart, startCaptureServer, TEST_KEY, wireJsonPath } from './helpers.js';
import { wireMedia } from './wire-fixtures.js';

interface FormRow {
  key: string;
  value?: string;
  type: 'text' | 'file';
  src?: string;
  disabled?: boolean;
}
interface Item {
  name: string;
  item?: Item[];
  request: { body: { mode: string; formdata: FormRow[] }; auth?: unknown; header?: unknown[] };
}
interface Collection {
  item: Item[];
  variable?: { key: string; value: string }[];
  auth?: { type: string; apikey?: { key: string; value: string }[] };
}

function convert(): Promise<Collection> {
  return new Promise((resolve, reject) =>
    Converter.convert(
      { type: 'json', data: readFileSync(wireJsonPath, 'utf8') },
      { parametersResolution: 'Schema' },
      (error: Error | null, result: { result: boolean; reason?: string; output: { data: Collection }[] }) => {
        if (error || !result.result) reject(error ?? new Error(result.reason));
        else resolve(result.output[0]?.data as Collection);
      },
    ),
  );
}

const leaves = (items: Item[]): Item[] => items.flatMap((i) => (i.item ? leaves(i.item) : [i]));
const byName = (collection: Collection, name: string) => {
  const item = leaves(collection.item).find((i) => i.name === name);
  if (!item) throw new Error(`no request named ${name}`);
  return item;
};

function run(collection: Collection, baseUrl: string, workingDir: string) {
  return new Promise<newman.NewmanRunSummary>((resolve, reject) =>
    newman.run(
      {
        collection: collection as never,
        envVar: [
          { key: 'baseUrl', value: baseUrl },
          { key: 'apiKey', value: TEST_KEY },
        ],
        workingDir,
        insecureFileRead: false,
        reporters: [],
        timeoutRequest: 30_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    ),
  );
}

describe('a Postman collection converted by openapi-to-postmanv2 6.3 from the wire view, run by newman', () => {
  let collection: Collection;
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  const dir = mkdtempSync(join(tmpdir(), 'postpress-newman-'));

  beforeAll(async () => {
    collection = await convert();
    capture = await startCaptureServer();
    mock = await startMockServer();
    writeFileSync(join(dir, 'cv.pdf'), '%PDF-1.4 cv');
    writeFileSync(join(dir, 'voice.mp3'), 'ID3 voice');
  }, 60_000);
  afterAll(async () => {
    await capture?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every part of both bodies under its wire name, and takes the key from {{apiKey}}', () => {
    for (const [name, op] of [
      ['Start a new chat', 'startChat'],
      ['Send a message in a chat', 'sendMessage'],
    ] as const) {
      const rows = byName(collection, name).request.body.formdata;
      expect(rows.map((r) => r.key)).toEqual(Object.keys(wireSchema(op)));
    }
    const rows = byName(collection, 'Start a new chat').request.body.formdata;
    expect(rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(['attendees_ids[]', 'linkedin[api]', 'linkedin[follow_up][scheduled_time][days]']),
    );
    expect(rows.filter((r) => r.type === 'file').map((r) => r.key)).toEqual(['voice_message', 'video_message']);
    expect(JSON.stringify(collection.auth)).toContain('X-API-KEY');
    expect(JSON.stringify(collection.auth)).toContain('{{apiKey}}');
    console.log(
      `Postman form fields (startChat): ${rows.map((r) => `${r.key}${r.type === 'file' ? ' (file)' : ''}`).join(', ')}`,
    );
  });

  // What the converter cannot express: one row per name, so a repeated part (attendees_ids[],
  // attachments) is one text row holding a JSON-looking placeholder, and a list of files is not a
  // file row. A user adds one row per item and switches file rows to File (the README says so).
  it('cannot express repeated parts: each array is one text row with a placeholder', () => {
    const rows = byName(collection, 'Start a new chat').request.body.formdata;
    const row = (key: string) => rows.find((r) => r.key === key);
    expect(row('attendees_ids[]')).toMatchObject({ type: 'text', value: '["<string>"]' });
    expect(row('attachments')).toMatchObject({ type: 'text' });
    expect(row('linkedin[follow_up][attachments]')).toMatchObject({ type: 'text' });
    expect(rows.filter((r) => r.key === 'attendees_ids[]')).toHaveLength(1);
  });

  /** The converted startChat request, filled in as a user does for one call: rows kept in order. */
  function filledIn(): Collection {
    const copy: Collection = structuredClone(collection);
    const item = byName(copy, 'Start a new chat');
    const values: Record<string, string> = {
      account_id: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
      text: 'Hi! Open to a chat?',
      'linkedin[api]': 'recruiter',
      'linkedin[follow_up][subject]': 'Following up',
      'linkedin[follow_up][text]': 'Did you see my message?',
      'linkedin[follow_up][scheduled_time][days]': '3',
      'linkedin[follow_up][scheduled_time][timezone]': 'Europe/Paris',
    };
    const rows: FormRow[] = [];
    for (const row of item.request.body.formdata) {
      if (row.key === 'attendees_ids[]') {
        // by hand: one row per attendee
        rows.push({ ...row, value: 'ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8' });
        rows.push({ ...row, value: 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI' });
      } else if (row.key === 'attachments') {
        // by hand: the text row becomes a file row
        rows.push({ key: row.key, type: 'file', src: 'cv.pdf' });
      } else if (row.key === 'voice_message') {
        rows.push({ ...row, src: 'voice.mp3' }); // converted as a file row: only its file is picked
      } else if (row.key in values) {
        rows.push({ ...row, value: values[row.key] });
      } else {
        rows.push({ ...row, disabled: true }); // an option this call does not use
      }
    }
    item.request.body.formdata = rows;
    copy.item = [item];
    return copy;
  }

  const SENT: CapturedPart[] = [
    ['account_id', 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR'],
    ['attendees_ids[]', 'ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8'],
    ['attendees_ids[]', 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI'],
    ['text', 'Hi! Open to a chat?'],
    ['attachments', { filename: 'cv.pdf', contentType: 'application/pdf', size: 11 }],
    ['voice_message', { filename: 'voice.mp3', contentType: 'audio/mpeg', size: 9 }],
    ['linkedin[api]', 'recruiter'],
    ['linkedin[follow_up][subject]', 'Following up'],
    ['linkedin[follow_up][text]', 'Did you see my message?'],
    ['linkedin[follow_up][scheduled_time][days]', '3'],
    ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
  ];

  it('sends the documented parts once filled in (newman, against a loopback server)', { timeout: 90_000 }, async () => {
    const summary = await run(filledIn(), capture.url, dir);
    expect(summary.run.failures).toEqual([]);
    expect(capture.requests).toHaveLength(1);
    const [request] = capture.requests;
    expect(request?.url).toBe('/api/v1/chats');
    expect(request?.headers['x-api-key']).toBe(TEST_KEY);
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.parts).toEqual(SENT);
  });

  it('gets 201 from @postpress/mock for that request', { timeout: 90_000 }, async () => {
    const summary = await run(filledIn(), mock.url, dir);
    expect(summary.run.failures).toEqual([]);
    const codes = summary.run.executions.map((e) => e.response?.code);
    expect(codes).toEqual([201]);
  });
});

function wireSchema(op: 'startChat' | 'sendMessage') {
  const ref: string = wireMedia(op).schema.$ref;
  const wire = JSON.parse(readFileSync(wireJsonPath, 'utf8'));
  return wire.components.schemas[ref.split('/').pop() as string].properties;
}
