// The strict mock: every shape the reference calls wrong is refused with a documented error whose
// detail names the part and the wire name to send instead; nothing is dropped in silence; and every
// (status, type) the mock answers, bad input included, is one the bundled spec documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MockServer,
  type MultipartPart,
  type RefusalKind,
  refusal,
  startMockServer,
  validateParts,
} from '../src/index.js';
import { REFUSALS } from '../src/refusal.js';
import { controlHeaderRefusal } from '../src/request.js';
import type { OperationId } from '../src/spec.js';
import {
  documents,
  KEY,
  operationIn,
  paths,
  post,
  publishedModel,
  sendMessageBody,
  startChatBody,
  validRequest,
} from './helpers.js';

let server: MockServer;
let small: MockServer;
beforeAll(async () => {
  server = await startMockServer();
  small = await startMockServer({ maxBodyBytes: 4 * 1024 });
});
afterAll(async () => {
  await server.close();
  await small.close();
});

const chats = () => `${server.url}${paths.startChat}`;
const messages = () => `${server.url}${paths.sendMessage}`;

type Entry = [name: string, value: string] | [name: string, file: Blob, filename: string];
function form(entries: Entry[]) {
  const body = new FormData();
  for (const [name, value, filename] of entries) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, filename);
  }
  return body;
}
const pdf = () => new Blob(['%PDF-1.4'], { type: 'application/pdf' });
const required: Entry[] = [
  ['account_id', 'acc_1'],
  ['attendees_ids[]', 'ACo1'],
];

/**
 * A multipart body built byte by byte: FormData cannot send a part with a Content-Type and no
 * filename, which is exactly the shape under test.
 */
function raw(parts: { name: string; value: string; headers?: string }[]) {
  const boundary = 'strict-test-boundary';
  const body = `${parts
    .map(
      (p) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n${p.headers ?? ''}\r\n${p.value}\r\n`,
    )
    .join('')}--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('wrong shapes on startChat: 400 invalid_parameters naming the part and the wire name', () => {
  it.each<[string, Entry[], string[]]>([
    [
      'an unbracketed array',
      [
        ['account_id', 'a'],
        ['attendees_ids', 'ACo1'],
      ],
      ['attendees_ids', '`attendees_ids[]`'],
    ],
    [
      'an unbracketed array, twice (what generic generators send)',
      [
        ['account_id', 'a'],
        ['attendees_ids', 'ACo1'],
        ['attendees_ids', 'ACo2'],
      ],
      ['attendees_ids', '`attendees_ids[]` part per item'],
    ],
    [
      'an indexed array',
      [
        ['account_id', 'a'],
        ['attendees_ids[5]', 'ACo1'],
      ],
      ['attendees_ids[5]', '`attendees_ids[]`'],
    ],
    [
      'a nested array',
      [
        ['account_id', 'a'],
        ['attendees_ids[][]', 'ACo1'],
      ],
      ['attendees_ids[][]', '`attendees_ids[]`'],
    ],
    [
      'a named index',
      [
        ['account_id', 'a'],
        ['attendees_ids[first]', 'ACo1'],
      ],
      ['attendees_ids[first]', '`attendees_ids[]`'],
    ],
    [
      'a JSON array in one unbracketed part',
      [
        ['account_id', 'a'],
        ['attendees_ids', '["ACo1","ACo2"]'],
      ],
      ['attendees_ids', '`attendees_ids[]`', 'JSON array'],
    ],
    [
      'a JSON array in one bracketed part',
      [
        ['account_id', 'a'],
        ['attendees_ids[]', '["ACo1","ACo2"]'],
      ],
      ['attendees_ids[]', 'JSON array', '`attendees_ids[]` part per item'],
    ],
    [
      'the linkedin object as one JSON part',
      [...required, ['linkedin', '{"api":"classic","inmail":true}']],
      ['linkedin', 'bracket notation', '`linkedin[api]=…`', 'JSON object'],
    ],
    [
      'the linkedin object as [object Object]',
      [...required, ['linkedin', '[object Object]']],
      ['linkedin', 'bracket notation'],
    ],
    [
      'linkedin[] (an object sent as an array)',
      [...required, ['linkedin[]', 'classic']],
      ['linkedin[]', '`linkedin[api]`'],
    ],
    [
      'an unknown bracket path',
      [...required, ['linkedin[nope]', 'x']],
      ['linkedin[nope] is not a known parameter', '`linkedin[api]`'],
    ],
    [
      'brackets under a single value',
      [...required, ['linkedin[api][x]', 'classic']],
      ['linkedin[api][x]', 'one `linkedin[api]` part'],
    ],
    [
      'brackets deep under the follow-up',
      [...required, ['linkedin[api]', 'recruiter'], ['linkedin[follow_up][scheduled_time][days][0]', '3']],
      ['linkedin[follow_up][scheduled_time][days][0]', '`linkedin[follow_up][scheduled_time][days]`'],
    ],
    [
      'brackets on a single value',
      [
        ['account_id[]', 'a'],
        ['attendees_ids[]', 'ACo1'],
      ],
      ['account_id[]', '`account_id`'],
    ],
    [
      'attachments[] for files',
      [...required, ['attachments[]', pdf(), 'cv.pdf']],
      ['attachments[]', '`attachments` part per file', 'no brackets'],
    ],
    [
      'a follow-up attachment with brackets',
      [
        ...required,
        ['linkedin[api]', 'recruiter'],
        ['linkedin[follow_up][subject]', 's'],
        ['linkedin[follow_up][text]', 't'],
        ['linkedin[follow_up][scheduled_time][days]', '3'],
        ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
        ['linkedin[follow_up][attachments][]', pdf(), 'cv.pdf'],
      ],
      ['linkedin[follow_up][attachments][]', '`linkedin[follow_up][attachments]` part per file'],
    ],
    [
      'a file part for a text field (account_id=@acc.txt)',
      [
        ['account_id', new Blob(['acc_1'], { type: 'text/plain' }), 'acc.txt'],
        ['attendees_ids[]', 'ACo1'],
      ],
      ['account_id', 'file part', 'acc.txt', 'send a text part'],
    ],
    [
      'a file part as an array item',
      [
        ['account_id', 'a'],
        ['attendees_ids[]', new Blob(['x']), 'ids.txt'],
      ],
      ['attendees_ids[]', 'file part', 'ids.txt'],
    ],
    [
      'a text part for a file field',
      [...required, ['voice_message', 'not a file']],
      ['voice_message', 'a text part was sent', 'send a file part (with a filename)'],
    ],
    [
      'a text part for a file array',
      [...required, ['attachments', 'cv.pdf']],
      ['attachments', 'a text part was sent', 'file part'],
    ],
    [
      'a text part holding the old internal file marker',
      [...required, ['voice_message', '\u0000postpress-file:0']],
      ['voice_message', 'a text part was sent'],
    ],
    [
      'a single value sent twice',
      [...required, ['account_id', 'acc_2']],
      ['account_id: sent 2 times', 'send one `account_id` part'],
    ],
    [
      'a file field sent twice',
      [...required, ['voice_message', pdf(), 'a.ogg'], ['voice_message', pdf(), 'b.ogg']],
      ['voice_message: sent 2 times'],
    ],
  ])('%s', async (_label, entries, mentions) => {
    const res = await post(chats(), form(entries));
    expect(res.status, res.text).toBe(400);
    expect(res.json).toMatchObject({ status: 400, type: 'errors/invalid_parameters', title: 'Invalid parameters' });
    for (const mention of mentions) expect(res.json.detail).toContain(mention);
  });

  it('a text part for a file field is refused even with Content-Type application/octet-stream', async () => {
    const { body, headers } = raw([
      { name: 'account_id', value: 'acc_1' },
      { name: 'attendees_ids[]', value: 'ACo1' },
      { name: 'voice_message', value: 'OggS…', headers: 'Content-Type: application/octet-stream\r\n' },
    ]);
    const res = await post(chats(), body, headers);
    expect(res.status).toBe(400);
    expect(res.json.type).toBe('errors/invalid_parameters');
    expect(res.json.detail).toContain('voice_message: a part without a filename was sent');
    expect(res.json.detail).toContain('send a file part (with a filename)');
  });

  it('a text field sent with Content-Type application/octet-stream is refused, not lost', async () => {
    const { body, headers } = raw([
      { name: 'account_id', value: 'acc_1', headers: 'Content-Type: application/octet-stream\r\n' },
      { name: 'attendees_ids[]', value: 'ACo1' },
    ]);
    const res = await post(chats(), body, headers);
    expect(res.status).toBe(400);
    expect(res.json.detail).toContain('account_id: a part with Content-Type application/octet-stream and no filename');
  });

  it('a missing field sent only in a wrong shape is reported as wrong, not as missing', async () => {
    const res = await post(
      chats(),
      form([
        ['account_id', 'a'],
        ['attendees_ids', 'ACo1'],
      ]),
    );
    expect(res.json.type).toBe('errors/invalid_parameters');
    expect(res.json.detail).not.toContain('Missing');
  });

  it('still names a missing field when another is misshapen', async () => {
    const res = await post(chats(), form([['attendees_ids', 'ACo1']]));
    expect(res.json.type).toBe('errors/missing_parameters');
    expect(res.json.detail).toContain('account_id');
    expect(res.json.detail).toContain('`attendees_ids[]`');
  });
});

describe('unknown field names are refused alike, whatever the name', () => {
  const names = ['foo', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  it.each(names)('%s gets the same answer as foo', async (name) => {
    const res = await post(chats(), form([...required, [name, 'x']]));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      status: 400,
      type: 'errors/invalid_parameters',
      title: 'Invalid parameters',
      detail: `Invalid parameter(s): ${name} is not a known parameter.`,
    });
  });

  it.each(names)('linkedin[%s] is refused too', async (name) => {
    const res = await post(chats(), form([...required, ['linkedin[api]', 'classic'], [`linkedin[${name}]`, 'x']]));
    expect(res.status).toBe(400);
    expect(res.json.detail).toContain(`linkedin[${name}] is not a known parameter`);
  });

  it.each(names)('%s is refused on sendMessage (422 invalid_message)', async (name) => {
    const res = await post(
      messages(),
      form([
        ['text', 'hi'],
        [name, 'x'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('errors/invalid_message');
    expect(res.json.detail).toContain(`${name} is not a known parameter`);
  });

  it.each(['attendees_ids[', 'account_id]', 'linkedin[api', 'linkedin]api[', '[api]', 'linkedin[a[b]]'])(
    '%s (not bracket notation) is not a known parameter',
    (name) => {
      const result = validateParts('startChat', [
        { name: 'account_id', value: 'a' },
        { name: 'attendees_ids[]', value: 'b' },
        { name, value: 'x' },
      ]);
      expect(!result.ok && result.error.detail).toBe(`Invalid parameter(s): ${name} is not a known parameter.`);
    },
  );

  it('an empty part name is named as such', async () => {
    const { body, headers } = raw([
      ...[
        { name: 'account_id', value: 'a' },
        { name: 'attendees_ids[]', value: 'b' },
      ],
      { name: '', value: 'x' },
    ]);
    const res = await post(chats(), body, headers);
    expect(res.status).toBe(400);
    expect(res.json.detail).toContain('empty or missing name');
  });
});

describe('wrong shapes on sendMessage: its documented 422 invalid_message', () => {
  it.each<[string, Entry[], string[]]>([
    ['attachments[] for files', [['attachments[]', pdf(), 'cv.pdf']], ['attachments[]', '`attachments` part per file']],
    ['a text part for voice_message', [['voice_message', 'x']], ['voice_message', 'send a file part']],
    ['a file part for text', [['text', new Blob(['hi']), 'text.txt']], ['text', 'file part']],
    ['an unknown bracket path', [['text[html]', 'x']], ['text[html]', 'one `text` part']],
  ])('%s', async (_label, entries, mentions) => {
    const res = await post(messages(), form(entries));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message', title: 'Invalid message' });
    expect(res.json.detail).toMatch(/^The message body or attachments are invalid\. /);
    for (const mention of mentions) expect(res.json.detail).toContain(mention);
  });

  it('a body that is not multipart is 415 unsupported_media_type, naming what to send', async () => {
    const res = await post(messages(), '{"text":"hi"}', { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ status: 415, type: 'errors/unsupported_media_type' });
    expect(res.json.detail).toContain('multipart/form-data');
    expect(res.json.detail).toContain('application/json');
  });

  it('a garbled multipart body is 422 invalid_message', async () => {
    const res = await post(messages(), '--XYZ\r\nContent-Disp', {
      'content-type': 'multipart/form-data; boundary=XYZ',
    });
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('errors/invalid_message');
  });
});

describe('nothing past a limit is dropped: refused, naming the limit', () => {
  // Over HTTP the mock's maxFields (1,000 text parts) refuses such a body first (limits.test.ts);
  // maxArrayItems holds for a caller of validateParts/validateRequest with other limits.
  it('1,001 attendees_ids[] parts then an unknown field: content_too_large naming maxArrayItems', () => {
    const parts: MultipartPart[] = [{ name: 'account_id', value: 'a' }];
    for (let i = 0; i < 1_001; i++) parts.push({ name: 'attendees_ids[]', value: `ACo${i}` });
    parts.push({ name: 'evil', value: 'x' });
    const result = validateParts('startChat', parts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(400);
    expect(result.error.type).toBe('errors/content_too_large');
    expect(result.error.detail).toContain('attendees_ids[]: 1001 parts sent');
    expect(result.error.detail).toContain('maxArrayItems');
  });

  it('1,000 attendees_ids[] parts are all kept', () => {
    const parts: MultipartPart[] = [{ name: 'account_id', value: 'a' }];
    for (let i = 0; i < 1_000; i++) parts.push({ name: 'attendees_ids[]', value: `ACo${i}` });
    const result = validateParts('startChat', parts);
    expect(result.ok && (result.body as any).attendees_ids.length).toBe(1_000);
  });

  it('files past the limit on sendMessage: 422 invalid_message naming the limit', () => {
    const file = (n: number) => ({
      name: 'attachments',
      file: { field: 'attachments', filename: `${n}.pdf`, contentType: 'application/pdf', size: 1 },
    });
    const result = validateParts('sendMessage', [file(1), file(2), file(3)], { maxArrayItems: 2 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(result.error.detail).toContain('attachments: 3 parts sent; at most 2');
  });

  it('a detail lists at most 20 problems, then counts the rest', () => {
    const parts: MultipartPart[] = Array.from({ length: 25 }, (_, i) => ({ name: `unknown_${i}`, value: 'x' }));
    const result = validateParts('sendMessage', parts);
    expect(!result.ok && result.error.detail).toContain('and 5 more');
    expect(!result.ok && result.problems).toHaveLength(25);
  });
});

describe('valid requests still pass', () => {
  const examples = operationIn(publishedModel(), 'startChat').requestBody?.examples ?? [];
  it.each(examples.map((e) => [e.name, e.wireValue] as const))('startChat example %s', async (_name, wireValue) => {
    const body = form([]);
    for (const [name, value] of Object.entries(wireValue ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, String(item));
    }
    body.append('attachments', pdf(), 'cv.pdf');
    const res = await post(chats(), body);
    expect(res.status, res.text).toBe(201);
  });

  it('the full Recruiter body, and a sendMessage with every file field', async () => {
    expect((await post(chats(), startChatBody())).status).toBe(201);
    const body = sendMessageBody();
    body.append('voice_message', new Blob(['OggS'], { type: 'audio/ogg' }), 'v.ogg');
    body.append('video_message', new Blob(['mp4'], { type: 'video/mp4' }), 'v.mp4');
    body.append('attachments', pdf(), 'a.pdf');
    body.append('attachments', pdf(), 'b.pdf');
    const res = await post(messages(), body);
    expect(res.status, res.text).toBe(201);
  });

  it('a valid body comes back typed, files as what was received', () => {
    const result = validateParts('startChat', [
      { name: 'account_id', value: 'a' },
      { name: 'attendees_ids[]', value: 'b' },
      { name: 'linkedin[inmail]', value: 'true' },
      {
        name: 'attachments',
        file: { field: 'attachments', filename: 'cv.pdf', contentType: 'application/pdf', size: 8 },
      },
    ]);
    expect(result).toEqual({
      ok: true,
      body: {
        account_id: 'a',
        attendees_ids: ['b'],
        linkedin: { inmail: true },
        attachments: [{ field: 'attachments', filename: 'cv.pdf', contentType: 'application/pdf', size: 8 }],
      },
      params: { path: {}, query: {}, header: {} },
    });
  });
});

describe('every answer is documented for its operation', () => {
  // Read from the operations model directly, not through the mock's own view of it.
  const model = publishedModel();
  function documented(operationId: OperationId, status: number, type: string): string | undefined {
    return documents(operationIn(model, operationId), status, type)
      ? undefined
      : `${status} ${type} is not documented for ${operationId}`;
  }

  const kinds = Object.keys(REFUSALS) as RefusalKind[];
  it.each(model.operations.flatMap((op) => kinds.map((kind) => [op.operationId, kind] as const)))(
    '%s: a %s refusal is a documented pair',
    (operationId, kind) => {
      const envelope = refusal(operationId, kind, 'why');
      // The mock's own type only where the operation documents none of the kind's types (README: Refusals).
      if (envelope.type.startsWith('mock/')) {
        const op = operationIn(model, operationId);
        const documentedTypes = op.responses.flatMap((r) => r.errors.map((e) => e.type));
        expect(REFUSALS[kind].types.filter((t) => documentedTypes.includes(t))).toEqual([]);
      } else expect(documented(operationId, envelope.status, envelope.type)).toBeUndefined();
    },
  );

  it('the checker itself refuses an undocumented pair', () => {
    expect(documented('sendMessage', 400, 'errors/invalid_parameters')).toContain('not documented');
    expect(documented('startChat', 400, 'mock/invalid_control_header')).toContain('not documented');
    expect(documented('startChat', 422, 'errors/limit_exceeded')).toBeUndefined();
  });

  // Every multipart operation of the model, with a valid body built from its first example.
  const multipart = model.operations.filter((op) => op.requestBody?.multipart);
  type Op = (typeof multipart)[number];
  const valid = (op: Op, base = server.url) => validRequest(op, base);
  const send = (op: Op, body: FormData | string, headers: Record<string, string> = {}, base = server.url) => {
    const { url } = valid(op, base);
    return post(url, body, headers);
  };
  const validBody = (op: Op) => valid(op).init.body as FormData;
  const firstFile = (op: Op) => op.requestBody?.multipart?.parts.find((p) => p.kind === 'file')?.name ?? 'file';
  const bad: [label: string, send: (op: Op) => ReturnType<typeof post>][] = [
    ['no key', (op) => send(op, validBody(op), { 'X-API-KEY': '' })],
    ['a malformed key', (op) => send(op, validBody(op), { 'X-API-KEY': 'secret-of-another-service' })],
    ['an unknown control type', (op) => send(op, validBody(op), { 'X-Postpress-Mock-Error': 'errors/nope' })],
    [
      'a control status that does not match',
      (op) =>
        send(op, validBody(op), {
          'X-Postpress-Mock-Error': 'errors/limit_exceeded',
          'X-Postpress-Mock-Status': '400',
        }),
    ],
    [
      'fail-times without a scenario',
      (op) =>
        send(op, validBody(op), {
          'X-Postpress-Mock-Error': 'errors/limit_exceeded',
          'X-Postpress-Mock-Fail-Times': '1',
        }),
    ],
    ['a JSON body', (op) => send(op, '{}', { 'content-type': 'application/json' })],
    ['a URL-encoded body', (op) => send(op, 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' })],
    ['no boundary', (op) => send(op, 'x', { 'content-type': 'multipart/form-data' })],
    [
      'a truncated body',
      (op) => send(op, '--XYZ\r\nContent-Disp', { 'content-type': 'multipart/form-data; boundary=XYZ' }),
    ],
    ['an unknown field', (op) => send(op, form([['colour', 'blue']]))],
    ['a missing required field', (op) => send(op, form([['text', 'x']]))],
    ['a text part for a file field', (op) => send(op, form([[firstFile(op), 'x']]))],
    ['a file part with brackets', (op) => send(op, form([[`${firstFile(op)}[]`, pdf(), 'a.pdf']]))],
    [
      'a body over maxBodyBytes',
      (op) => {
        const body = validBody(op);
        body.append(firstFile(op), new Blob([new Uint8Array(8 * 1024)]), 'big.bin');
        return send(op, body, {}, small.url);
      },
    ],
    ['a valid body', (op) => send(op, validBody(op))],
  ];

  it.each(multipart.flatMap((op) => bad.map(([label, sender]) => [op.operationId, label, sender, op] as const)))(
    '%s, %s: the answer is documented and its body matches the spec',
    async (operationId, _label, sender, op) => {
      const res = await sender(op);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.text).not.toContain(KEY);
      expect(res.text).not.toContain('secret-of-another-service');
      if (res.status < 300) {
        expect(res.status).toBe(op.responses.find((r) => r.success)?.status);
        return;
      }
      expect(res.json.status).toBe(res.status);
      expect(documented(operationId, res.status, res.json.type), res.text).toBeUndefined();
    },
  );

  it('a bad control header is told apart from a forced error by its instance', async () => {
    const res = await post(chats(), startChatBody(), { 'X-Postpress-Mock-Error': 'errors/nope' });
    expect(res.json).toMatchObject({
      status: 422,
      type: 'errors/unprocessable_entity',
      instance: 'mock/invalid_control_header',
    });
    expect(res.json.detail).toMatch(/^Mock control header: /);
    const forced = await post(chats(), startChatBody(), { 'X-Postpress-Mock-Error': 'errors/unprocessable_entity' });
    expect(forced.json.instance).toBeUndefined();
    expect(controlHeaderRefusal('sendMessage', 'x').status).toBe(422);
  });
});
