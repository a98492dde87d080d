// Issue 25: hostile servers and racing files, against loopback servers. Each case failed before: a
// file that changes after fs.openAsBlob, an error body whose fields became the error's own, the key
// echoed back in some encoding, a 2xx off the spec told as a failure, writes refused on connections
// the server closed told as "may have been processed", an unsolicited 100 Continue.
import { once } from 'node:events';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  openAsBlob,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrubber } from '../src/client.js';
import { createPostpressClient, createPostpressFetchClient, PostpressError, unwrap } from '../src/index.js';
import { model } from './helpers/spec.js';

// A key with every character base64 and URL encodings treat specially.
const KEY = 'pp_test_h0st/le+K3y=thatMustNeverLeak';

// The operation these tests call, and the answer its spec documents (from the operations model).
const op = model.operations.find((o) => o.operationId === 'sendMessage')!;
const success = op.responses.find((r) => r.success)!;
const schema = success.schema as { required: string[]; properties: Record<string, { const?: string }> };
const answer = Object.fromEntries(schema.required.map((f) => [f, schema.properties[f]?.const ?? `${f}_1`]));
const idField = schema.required.find((f) => f.endsWith('_id'))!;
const documented = op.responses.find((r) => r.status === 422)!.errors[0]!.type;

/** A loopback server: counts requests read to their end, answers with whatever `reply` says. */
async function serve() {
  let complete = 0;
  let reply: (res: ServerResponse, req: IncomingMessage) => void = (res) => res.end();
  const server: Server = createServer((req, res) => {
    req.on('error', () => {});
    req.resume();
    req.on('end', () => {
      complete++;
      reply(res, req);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    complete: () => complete,
    set reply(fn: (res: ServerResponse, req: IncomingMessage) => void) {
      reply = fn;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
let api: Awaited<ReturnType<typeof serve>>;
let dir: string;
beforeAll(async () => {
  api = await serve();
  dir = mkdtempSync(join(tmpdir(), 'postpress-hostile-'));
});
afterAll(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

const send =
  (status: number, text: string, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
const json = (status: number, body: unknown, headers?: Record<string, string>) =>
  send(status, JSON.stringify(body), headers);

/** A client whose log lines are kept, every level. */
function client(options: Partial<Parameters<typeof createPostpressClient>[0]> = {}) {
  const lines: { level: string; line: string }[] = [];
  const logger = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [level, (line: string) => void lines.push({ level, line })]),
  ) as Record<'debug' | 'info' | 'warn' | 'error', (line: string) => void>;
  const c = createPostpressClient({
    apiKey: KEY,
    baseUrl: api.url,
    maxRetries: 0,
    logger,
    logLevel: 'debug',
    ...options,
  });
  return Object.assign(c, { lines });
}

/** Everything a caller could print of a value. */
const printed = (value: unknown) =>
  [
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    String(value),
    value instanceof Error ? String(value.stack) : '',
  ].join('\n');

describe('a file that changes, disappears or lies about its size (item 1)', () => {
  const changes: Array<[string, (path: string) => void]> = [
    ['grows', (path) => appendFileSync(path, 'more')],
    ['shrinks', (path) => truncateSync(path, 10)],
    ['is deleted', (path) => rmSync(path)],
    ['is replaced', (path) => writeFileSync(path, 'another file')],
  ];

  // 1 KiB: sent as it is (fetch's own NotReadableError); 1 MiB: through the client's watched stream.
  const cases = changes.flatMap(([what, change]) => [1 << 10, 1 << 20].map((size) => [what, size, change] as const));
  it.each(cases)(
    'a file that %s after fs.openAsBlob (%i bytes): invalid_request, sent: false; no crash, nothing reached the API',
    async (_, size, change) => {
      const path = join(dir, 'cv.pdf');
      writeFileSync(path, Buffer.alloc(size, 1));
      const file = new File([await openAsBlob(path)], 'cv.pdf', { type: 'application/pdf' });
      change(path);
      const before = api.complete();
      api.reply = json(201, answer);
      const c = client({ maxRetries: 2 });
      const { data, error, attempts } = await c.sendMessage('chat_1', { text: 'hi', attachments: [file] });
      expect(data).toBeUndefined();
      expect(error).toMatchObject({ kind: 'invalid_request', sent: false, retryable: false });
      expect(error?.message).toMatch(/file could not be read.*not sent/);
      expect(attempts).toBe(1); // a file that changed changes no less on a second try
      expect(api.complete()).toBe(before);
      expect(c.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    },
  );

  it('a Blob whose read fails half way (any Blob, not only a file): the same, and fetch never sees the error', async () => {
    class Failing extends File {
      override stream() {
        let sent = false;
        return new ReadableStream<Uint8Array<ArrayBuffer>>({
          pull(controller) {
            if (sent) return controller.error(new DOMException('The blob could not be read', 'NotReadableError'));
            sent = true;
            controller.enqueue(new Uint8Array(100));
          },
        });
      }
    }
    const before = api.complete();
    const { error } = await client().sendMessage('chat_1', {
      attachments: [new Failing([new Uint8Array(1000)], 'a.bin')],
    });
    expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
    expect(api.complete()).toBe(before);
  });

  it('a Blob that yields fewer or more bytes than its size says: the same (fetch would wait forever for more)', async () => {
    const liar = (content: string) =>
      class extends File {
        override stream() {
          return new Blob([content]).stream();
        }
      };
    for (const Liar of [liar('short'), liar('x'.repeat(5000))]) {
      const before = api.complete();
      const { error } = await client({ timeoutMs: 10_000 }).sendMessage('chat_1', {
        attachments: [new Liar(['y'.repeat(1000)], 'a.bin')],
      });
      expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
      expect(api.complete()).toBe(before);
    }
  });

  // A runtime's own Blob that is not its size: files under /sys say 4096 bytes and have fewer. Sent
  // as it is (under 256 KiB), fetch fails on the content length, which the client reads as not sent.
  it.runIf(process.platform === 'linux')(
    'a /sys file (fewer bytes than its size) via fs.openAsBlob: the same',
    async () => {
      const path = ['/sys/kernel/mm/transparent_hugepage/enabled', '/sys/kernel/profiling', '/sys/power/state'].find(
        (p) => existsSync(p),
      );
      expect(path, 'a /sys file that says 4096 bytes').toBeDefined();
      const blob = await openAsBlob(path!);
      expect(blob.size).toBeGreaterThan(readFileSync(path!).length);
      const before = api.complete();
      const { error } = await client({ maxRetries: 2 }).sendMessage('chat_1', {
        attachments: [new File([blob], 'a.txt')],
      });
      expect(error).toMatchObject({ kind: 'invalid_request', sent: false, attempts: 1 });
      expect(api.complete()).toBe(before);
    },
  );

  it('a file changed while it is being sent: a typed outcome, never a crash or a "network" error', async () => {
    const path = join(dir, 'big.bin');
    writeFileSync(path, '');
    truncateSync(path, 64 << 20);
    const file = new File([await openAsBlob(path)], 'big.bin');
    api.reply = json(201, answer);
    setTimeout(() => appendFileSync(path, 'x'), 5);
    const { data, error } = await client().sendMessage('chat_1', { attachments: [file] });
    // Node 20 reads the whole file before sending (then the change comes too late and it is sent whole).
    if (error) expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
    else expect(data).toEqual(answer);
  });
});

describe('an error body cannot reach into the error (item 3)', () => {
  // Raw JSON: `__proto__` as an own key, as JSON.parse makes it.
  const hostile = (type: string, extra = '') =>
    `{"status":422,"type":"${type}","title":"Limit exceeded","detail":42,"instance":{"x":1},` +
    `"name":"Evil","__proto__":{"polluted":true},"toString":"nope","valueOf":{"a":1},"stack":"fake stack",` +
    `"constructor":"Object","message":"forged"${extra}}`;

  it.each([
    ['a documented type', documented, 'api'],
    ['an undocumented type', 'errors/not_in_the_spec', 'undocumented'],
  ])(
    '%s: still an Error and a PostpressError, prints, keeps its stack; the body stays readable as data',
    async (_, type, kind) => {
      api.reply = send(422, hostile(type));
      const { error } = await client().sendMessage('chat_1', { text: 'hi' });
      expect(error?.kind).toBe(kind);
      expect(error).toBeInstanceOf(PostpressError);
      expect(error).toBeInstanceOf(Error);
      expect(Object.getPrototypeOf(error)).toBe(PostpressError.prototype);
      expect(error?.name).toBe('PostpressError');
      expect(String(error)).toMatch(new RegExp(`^PostpressError: 422 ${type.replace('/', '\\/')}`));
      expect(`${error}`).not.toContain('forged');
      expect(error?.message).not.toContain('forged');
      expect(error?.stack).not.toBe('fake stack');
      expect(error?.stack).toMatch(/^PostpressError: [\s\S]*\n\s+at /);
      expect((error as unknown as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.hasOwn(error!, 'toString')).toBe(false);
      expect(Object.hasOwn(error!, 'valueOf')).toBe(false);
      expect(Object.hasOwn(error!, 'constructor')).toBe(false);
      if (error?.kind === 'api') {
        expect(error.status).toBe(422);
        expect(error.type).toBe(type);
        expect(error.title).toBe('Limit exceeded');
        expect(error.detail).toBeUndefined(); // 42 is not the documented string
        expect(error.instance).toBeUndefined();
      }
      // The whole body, as data: read-only, not enumerable (JSON.stringify of the error leaves it out).
      const body = (error as unknown as { body: Record<string, unknown> }).body;
      expect(body.name).toBe('Evil');
      expect(Object.hasOwn(body, '__proto__')).toBe(true);
      expect(body.detail).toBe(42);
      const descriptor = Object.getOwnPropertyDescriptor(error, 'body');
      expect(descriptor).toMatchObject({ writable: false, enumerable: false, configurable: false });
      expect(() => JSON.stringify(error)).not.toThrow();
      expect(JSON.stringify(error)).not.toContain('Evil');
      expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toThrow();
      // The throwing style throws the same error.
      const thrown = await unwrap(client().sendMessage('chat_1', { text: 'hi' })).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(PostpressError);
      expect(thrown).toBeInstanceOf(Error);
      expect(String(thrown)).toMatch(/^PostpressError: 422 /);
    },
  );

  it('documented fields of the documented type are kept', async () => {
    api.reply = json(422, { status: 422, type: documented, title: 'T', detail: 'why', instance: 'req_1' });
    const { error } = await client().sendMessage('chat_1', { text: 'hi' });
    expect(error).toMatchObject({
      kind: 'api',
      status: 422,
      type: documented,
      title: 'T',
      detail: 'why',
      instance: 'req_1',
    });
  });
});

describe('the key never shows, in any encoding an API or a proxy could echo it (item 6)', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const url64 = (text: string) => Buffer.from(text).toString('base64url');
  /** The part of base64(prefix + KEY + …) made of the key's bits alone (what must never show). */
  const core = (prefix: string, encode: (t: string) => string) => {
    const at = Buffer.byteLength(prefix) % 3;
    return encode('\0'.repeat(at) + KEY).slice(Math.ceil((4 * at) / 3), Math.floor((4 * (at + KEY.length)) / 3));
  };
  // [name, text echoed, what must not appear in any output]
  const forms: Array<[string, string, string]> = [
    ['plain', KEY, KEY],
    ['URL-encoded', encodeURIComponent(KEY), encodeURIComponent(KEY)],
    ['URL-encoded, lower-case hex', encodeURIComponent(KEY).toLowerCase(), encodeURIComponent(KEY).toLowerCase()],
    [
      'every character percent-encoded',
      [...KEY].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
      [...KEY].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
    ],
    ...['', 'B', 'Bearer ', 'Basic u:'].flatMap(
      (prefix): Array<[string, string, string]> => [
        [`base64 after ${JSON.stringify(prefix)}`, b64(`${prefix}${KEY}!`), core(prefix, b64)],
        [`base64url after ${JSON.stringify(prefix)}`, url64(`${prefix}${KEY}!`), core(prefix, url64)],
      ],
    ),
  ];

  it.each(forms)('%s, in the detail, title, request id and a 2xx raw body', async (_, echoed, secret) => {
    const all: unknown[] = [];
    const c = client();
    api.reply = json(
      422,
      { status: 422, type: documented, title: `t ${echoed}`, detail: `d ${echoed}` },
      {
        'x-request-id': `req_${echoed}`,
      },
    );
    all.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    api.reply = json(418, { status: 418, type: `errors/${echoed}`, title: echoed });
    all.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    api.reply = send(502, `<html>${echoed}</html>`, { 'content-type': `text/html; x=${echoed}` });
    all.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    api.reply = send(201, `created ${echoed}`, { 'content-type': `text/plain; x=${echoed}` });
    all.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    api.reply = (res) => res.writeHead(302, { location: `/${echoed}/x` }).end();
    all.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    expect(all.every((e) => e instanceof PostpressError)).toBe(true);
    const out = [...all.map(printed), ...c.lines.map((l) => l.line)].join('\n');
    expect(out).toContain('[redacted]');
    for (const text of [secret, echoed, KEY]) expect(out).not.toContain(text);
  });

  it('JSON-escaped: \\u escapes and \\/ in the raw body', async () => {
    const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const slashed = KEY.replaceAll('/', '\\/');
    const c = client();
    const errors = [];
    for (const text of [escaped, slashed]) {
      api.reply = send(422, `{"status":422,"type":"${documented}","title":"t","detail":"${text}","k":"${text}"}`);
      errors.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
      api.reply = send(201, `{"${idField}":1,"echo":"${text}"}`);
      errors.push((await c.sendMessage('chat_1', { text: 'hi' })).error);
    }
    const out = [...errors.map(printed), ...errors.map((e) => JSON.stringify((e as { body?: unknown }).body ?? null))]
      .concat(c.lines.map((l) => l.line))
      .join('\n');
    for (const text of [KEY, escaped, slashed]) expect(out).not.toContain(text);
    expect(out).toContain('[redacted]');
  });

  it('a custom fetch that rejects with the Request and the key in its message, in either client', async () => {
    const evil = async (request: Request) => {
      throw Object.assign(new Error(`refused ${b64(`Bearer ${KEY}`)}`, { cause: new Error(`was ${KEY}`) }), {
        request,
        code: encodeURIComponent(KEY),
      });
    };
    const { error } = await client({ fetch: evil }).sendMessage('chat_1', { text: 'hi' });
    expect(error?.kind).toBe('network');
    const http = createPostpressFetchClient({ apiKey: KEY, baseUrl: api.url, fetch: evil });
    const thrown = await http
      .POST('/api/v1/chats/{chat_id}/messages', { params: { path: { chat_id: 'c' } }, body: { text: 'x' } })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Error);
    for (const value of [error, thrown]) {
      const out = printed(value);
      for (const text of [KEY, encodeURIComponent(KEY), core('Bearer ', b64)]) expect(out).not.toContain(text);
    }
  });

  it('the scrubber leaves other text alone', () => {
    const scrub = scrubber(KEY);
    const text = 'fetch failed: connect ECONNREFUSED 127.0.0.1:9 — attempt(s) %2F \\u0041 aGVsbG8=';
    expect(scrub(text)).toBe(text);
    expect(scrub(`a${KEY}b`)).toBe('a[redacted]b');
  });
});

describe('a 2xx off the spec: the caller is told the API accepted the request (item 2)', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const cases: Array<[string, (res: ServerResponse) => void, RegExp]> = [
    [
      'an id given as a number',
      json(201, { ...answer, [idField]: 12345 }),
      new RegExp(`${idField} \\(must be string\\)`),
    ],
    ['an id given as null', json(201, { ...answer, [idField]: null }), /must be string/],
    ['no documented field', json(201, { unexpected: true }), /lacks/],
    ['plain text', (res) => res.writeHead(201, { 'content-type': 'text/plain' }).end('Created'), /expected JSON/],
    ['an empty body', send(201, ''), /empty body/],
    ['a body over maxResponseBytes', json(201, { ...answer, padding: 'x'.repeat(2 << 20) }), /maxResponseBytes/],
  ];

  it.each(cases)('%s: invalid_response with accepted: true, logged without "failed"', async (_, reply, reason) => {
    api.reply = reply;
    const c = client({ maxResponseBytes: 1 << 20 });
    const { data, error } = await c.sendMessage('chat_1', { text: 'hi' });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: 'invalid_response', httpStatus: 201, accepted: true, retryable: false });
    expect(error?.message).toMatch(
      /^the API accepted the request \(201\) but its answer is not what the spec documents/,
    );
    expect(error?.message).toMatch(/do not send it again/);
    expect((error as { reason: string }).reason).toMatch(reason);
    const said = c.lines.filter((l) => l.level !== 'debug');
    expect(said).toHaveLength(1);
    expect(said[0]?.level).toBe('warn');
    expect(said[0]?.line).not.toMatch(/fail/i);
  });

  it('extra fields, and one nested 100,000 deep, are data: nothing overflows the stack', async () => {
    api.reply = send(201, `${JSON.stringify({ ...answer, extra: 'x' }).slice(0, -1)},"deep":${nested(100_000)}}`);
    const { data, error } = await client().sendMessage('chat_1', { text: 'hi' });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ ...answer, extra: 'x' });
  });

  it('an error body nested 100,000 deep: a typed error that prints and serialises', async () => {
    api.reply = send(422, `{"status":422,"type":"${documented}","title":"t","detail":"d","deep":${nested(100_000)}}`);
    const { error } = await client().sendMessage('chat_1', { text: 'hi' });
    expect(error).toMatchObject({ kind: 'api', status: 422, detail: 'd' });
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => String(error)).not.toThrow();
    expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it('params nested 100,000 deep: refused before sending, not thrown', async () => {
    let deep: Record<string, unknown> = { days: 1 };
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const before = api.complete();
    const { error } = await client().startChat({
      account_id: 'a',
      attendees_ids: ['b'],
      linkedin: deep as never,
    });
    expect(error).toMatchObject({ kind: 'invalid_request', sent: false });
    expect(api.complete()).toBe(before);
  });
});

describe('a request never written whole is not "possibly processed" (item 10)', () => {
  /** undici's shape: TypeError('fetch failed') caused by the socket's error. */
  const socketError = (message: string, fields: object) =>
    new TypeError('fetch failed', { cause: Object.assign(new Error(message), fields) });

  it.each([
    ['write EPIPE (the server had closed the connection)', { code: 'EPIPE', syscall: 'write' }],
    ['write ECONNRESET', { code: 'ECONNRESET', syscall: 'write' }],
    ['connect ECONNREFUSED', { code: 'ECONNREFUSED', syscall: 'connect' }],
    ['getaddrinfo ENOTFOUND', { code: 'ENOTFOUND', syscall: 'getaddrinfo' }],
  ])('%s: sent: false, retried, and the retry is sent', async (what, fields) => {
    let failures = 1;
    api.reply = json(201, answer);
    const c = client({
      maxRetries: 2,
      retryBaseDelayMs: 1,
      fetch: async (request) => {
        if (failures-- > 0) throw socketError(what, fields);
        return fetch(request);
      },
    });
    const { data, attempts } = await c.sendMessage('chat_1', { text: 'hi' });
    expect(data).toEqual(answer);
    expect(attempts).toBe(2);
    failures = 3; // every attempt fails: the last error says it was not sent
    const last = await c.sendMessage('chat_1', { text: 'hi' });
    expect(last.attempts).toBe(3);
    expect(last.error).toMatchObject({ kind: 'network', sent: false, retryable: true });
  });

  it('a request body shorter or longer than its length (a file that is not its size): not sent, never retried', async () => {
    const what = 'a request body shorter or longer than its length';
    const fetch = async () => Promise.reject(socketError(what, { code: 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH' }));
    const { error, attempts } = await client({ maxRetries: 2, fetch }).sendMessage('chat_1', { text: 'hi' });
    expect(error).toMatchObject({ kind: 'invalid_request', sent: false, retryable: false });
    expect(attempts).toBe(1); // the same file is no more its size on a second try
  });

  it.each([
    ['read ECONNRESET', { code: 'ECONNRESET', syscall: 'read' }],
    ['other side closed (undici)', { code: 'UND_ERR_SOCKET' }],
  ])('%s after the request was written: may have been processed, never retried', async (what, fields) => {
    const c = client({ maxRetries: 2, fetch: async () => Promise.reject(socketError(what, fields)) });
    const { error, attempts } = await c.sendMessage('chat_1', { text: 'hi' });
    expect(error).toMatchObject({ kind: 'network', retryable: false });
    expect((error as { sent?: unknown }).sent).toBeUndefined();
    expect(attempts).toBe(1);
  });

  it('a 503 storm, the server closing each keep-alive connection as it answers: 1,000 concurrent calls, no refused write told "possibly processed"', async () => {
    // Every request is answered 503 (Retry-After: 0) on a connection kept alive, which the server then
    // closes at once: a retry sent on it races the close (on Node 20 the write fails with EPIPE).
    let processed = 0;
    let late = 0;
    const storm = createTcpServer((socket) => {
      let head = Buffer.alloc(0);
      let answered = false;
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => {
        if (answered) {
          late++; // bytes of a request on a connection already given up: never processed
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(head.subarray(0, end).toString())?.[1] ?? 0);
        if (end < 0 || head.length < end + 4 + length) return;
        answered = true;
        processed++;
        const text = JSON.stringify({ status: 503, type: 'errors/service_unavailable', title: 'Unavailable' });
        socket.write(
          `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: 0\r\n` +
            `keep-alive: timeout=60\r\ncontent-length: ${text.length}\r\n\r\n${text}`,
          () => socket.destroy(),
        );
      });
    });
    storm.listen(0, '127.0.0.1');
    await once(storm, 'listening');
    try {
      const c = createPostpressClient({
        apiKey: KEY,
        baseUrl: `http://127.0.0.1:${(storm.address() as AddressInfo).port}`,
        logLevel: 'off',
        retryBaseDelayMs: 1,
        maxRetryDelayMs: 50,
      });
      const file = new File([new Uint8Array(256 << 10)], 'cv.pdf');
      const results = await Promise.all(
        Array.from({ length: 1000 }, () => c.sendMessage('chat_1', { text: 'hi', attachments: [file] })),
      );
      const network = results.flatMap((r) => (r.error?.kind === 'network' ? [r.error] : []));
      const codeOf = (e: { cause: unknown }) => {
        const cause = e.cause as { code?: string; message?: string; cause?: { code?: string; message?: string } };
        return `${cause?.cause?.code ?? cause?.code} ${cause?.cause?.message ?? cause?.message}`;
      };
      const refused = network.filter((e) => /EPIPE|write/.test(codeOf(e)));
      const possibly = network.filter((e) => e.sent !== false);
      console.log(
        `503 storm, ${process.version}, 1,000 calls: ${processed} requests answered, ${late} late chunks ignored; ` +
          `${network.length} calls ended on a network error, ${refused.length} on a refused write (EPIPE); ` +
          `${possibly.length} told "possibly processed" (${[...new Set(possibly.map(codeOf))].join(', ') || 'none'})`,
      );
      expect(results.every((r) => r.error)).toBe(true); // every answer the server gave was a 503
      for (const e of refused) expect(e).toMatchObject({ sent: false, retryable: true });
      // What stays "possibly processed" is only what the client cannot tell: a reset or a close after its write.
      for (const e of possibly) expect(codeOf(e)).toMatch(/ECONNRESET|other side closed/);
    } finally {
      storm.close();
    }
  }, 120_000);
});

describe('an unsolicited 100 Continue (item 12)', () => {
  it.each([
    ['100 Continue', 'HTTP/1.1 100 Continue\r\n\r\n'],
    ['103 Early Hints', 'HTTP/1.1 103 Early Hints\r\nlink: </a.css>\r\n\r\n'],
  ])('%s before the answer: not a network error', async (name, interim) => {
    const text = JSON.stringify(answer);
    const raw = createTcpServer((socket) => {
      let got = '';
      socket.on('error', () => {});
      socket.on('data', (chunk) => {
        got += chunk;
        const end = got.indexOf('\r\n\r\n');
        const length = Number(/content-length: (\d+)/i.exec(got)?.[1] ?? 0);
        if (end < 0 || Buffer.byteLength(got) < end + 4 + length) return;
        socket.end(
          `${interim}HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: ${text.length}\r\n\r\n${text}`,
        );
      });
    });
    raw.listen(0, '127.0.0.1');
    await once(raw, 'listening');
    try {
      const c = client({ baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` });
      const { data, error } = await c.sendMessage('chat_1', { text: 'hi' });
      if (name.startsWith('100')) {
        // fetch reads no further than an unsolicited 100: the API answered, so it may have done the request.
        expect(error).toMatchObject({ kind: 'invalid_response', httpStatus: 100, retryable: false });
        expect(error?.message).toMatch(/100 Continue.*may have been processed/);
      } else expect(data).toEqual(answer);
    } finally {
      raw.close();
    }
  });
});

describe('createPostpressFetchClient reads a response only up to maxResponseBytes (item 12)', () => {
  it('a 200 MiB answer: the call rejects with invalid_response and the rest is never read; a small one is untouched', async () => {
    let written = 0;
    let closed = false;
    const http = createPostpressFetchClient({ apiKey: KEY, baseUrl: api.url, maxResponseBytes: 1 << 20 });
    api.reply = json(201, answer);
    const small = await http.POST('/api/v1/chats/{chat_id}/messages', {
      params: { path: { chat_id: 'c' } },
      body: { text: 'x' },
    });
    expect(small.data).toEqual(answer);
    expect(small.response.status).toBe(201);
    expect(small.response.url).toBe(`${api.url}/api/v1/chats/c/messages`);
    api.reply = (res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      const pump = () => {
        while (written < 200 << 20 && !closed) {
          written += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        closed = true;
      });
      pump();
    };
    const thrown = await http
      .POST('/api/v1/chats/{chat_id}/messages', { params: { path: { chat_id: 'c' } }, body: { text: 'x' } })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(PostpressError);
    expect(thrown).toMatchObject({
      kind: 'invalid_response',
      httpStatus: 201,
      reason: expect.stringMatching(/maxResponseBytes/),
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBeLessThan(100 << 20);
  });
});
