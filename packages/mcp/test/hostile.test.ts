// Issue 25, through the SDK's own client (which checks every structured result against the tool's
// output schema): whatever a server at the API's address answers, a call ends as a tool result — never
// a protocol error, never "failed" after a 2xx, never more text than the documented bounds, never the
// key in any encoding, in results or in log lines (the client's included).
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostpressMcpServer, describeError, type PostpressMcpOptions, tools } from '../src/index.js';
import { documentedAnswer, type FakeApi, json, requiredArgs, startFakeApi } from './helpers.js';

type Result = {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, any>;
};

// Characters that URL-encode, and a length whose base64 lands on every alignment below.
const KEY = 'pp_test_h0st/le+K3y=thatMustNeverLeak';
// The tool every case goes through: one that sends, with files (read from the model's tools, not named).
const sender = tools.find((t) => t.method === 'POST' && t.files.some((f) => f.multiple && f.path.length === 2))!;
const fileArg = sender.files.find((f) => f.multiple && f.path.length === 2)!.path[0]!;
const answer = documentedAnswer(sender);
const idField = Object.keys(answer).find((name) => name.endsWith('_id'))!;

/** The key as an API or a proxy could echo it: plain, URL-encoded, inside base64 and base64url at each alignment. */
const echoes = [
  KEY,
  encodeURIComponent(KEY),
  encodeURIComponent(KEY).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
  ...['', 'u:', 'user:'].flatMap((prefix) => {
    const base64 = Buffer.from(`${prefix}${KEY}!`).toString('base64');
    return [base64, base64.replaceAll('+', '-').replaceAll('/', '_')];
  }),
];

/**
 * Whether `text` shows 16 characters of the key in a row, as it is, URL-decoded, or base64-decoded at
 * any offset: an oracle independent of how the server scrubs.
 */
function leaks(text: string): boolean {
  const windows = Array.from({ length: KEY.length - 15 }, (_, i) => KEY.slice(i, i + 16));
  const shows = (s: string) => windows.some((w) => s.includes(w));
  if (shows(text)) return true;
  for (const run of text.match(/%[0-9a-f]{2}|[^\s"]+/gi) ?? []) {
    try {
      if (shows(decodeURIComponent(run))) return true;
    } catch {}
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{20,}/g) ?? [])
    for (let offset = 0; offset < 4; offset++)
      if (shows(Buffer.from(run.slice(offset).replaceAll('-', '+').replaceAll('_', '/'), 'base64').toString('latin1')))
        return true;
  return false;
}

let api: FakeApi;
let dir: string;
const logs: string[] = [];

beforeAll(async () => {
  api = await startFakeApi();
  dir = mkdtempSync(join(tmpdir(), 'postpress-mcp-hostile-'));
  writeFileSync(join(dir, 'note.txt'), 'hello');
});
afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  logs.length = 0;
});

async function connect(options: PostpressMcpOptions = {}) {
  const server = createPostpressMcpServer({
    apiKey: KEY,
    baseUrl: api.url,
    fileRoots: [dir],
    log: (line) => logs.push(line),
    ...options,
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'hostile-test', version: '0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  await client.listTools(); // the SDK client then validates each structured result against its output schema
  return async (args: Record<string, unknown>) =>
    (await client.callTool({ name: sender.name, arguments: args }, undefined, { timeout: 60_000 })) as Result;
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('after a 2xx, the agent is told the API accepted the request', () => {
  const raw = (status: number, type: string, body: string) => (res: import('node:http').ServerResponse) =>
    res.writeHead(status, { 'content-type': type }).end(body);
  const cases: Array<[string, (res: import('node:http').ServerResponse) => void, RegExp]> = [
    [
      'an id given as a number',
      (res) => json(res, 201, { ...answer, [idField]: 12345 }),
      new RegExp(`${idField}: 12345`),
    ],
    ['an id given as null', (res) => json(res, 201, { ...answer, [idField]: null }), /must be string/],
    [
      'a field nested 100,000 deep',
      raw(201, 'application/json', `${JSON.stringify(answer).slice(0, -1)},"x":${nested(100_000)}}`),
      /nested deeper than 32 levels/,
    ],
    [
      '5 MB of extra fields',
      (res) => json(res, 201, { ...answer, padding: 'x'.repeat(5_000_000) }),
      /over 100,000 characters/,
    ],
    ['no documented field', (res) => json(res, 201, { unexpected: true }), /lacks/],
    ['a JSON array', (res) => json(res, 201, [answer]), /not an object/],
    ['plain text', raw(201, 'text/plain', 'Created'), /expected JSON/],
    ['an empty body', raw(201, 'application/json', ''), /empty body/],
  ];

  it.each(cases)(
    '%s: a normal tool result saying it was accepted, with the ids it could read',
    async (_, how, problem) => {
      api.answer = how;
      const call = await connect();
      const result = await call(requiredArgs(sender));
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      expect(result.content[0]?.text).toMatch(
        /^\w+: accepted \(HTTP 201\); the answer did not match the documented shape/,
      );
      expect(result.content[0]?.text).toMatch(problem);
      expect(result.content[0]?.text).toMatch(/do not send it again/);
      expect(result.structuredContent).toMatchObject({ accepted: true, status: 201 });
      expect(JSON.stringify(result).length).toBeLessThan(120_000);
      // The server's own lines say what happened (the client's own verdict, "failed", is its view of the body).
      const own = logs.filter((line) => !line.startsWith('client: '));
      expect(own.at(-1)).toMatch(/HTTP 201, an answer off the spec/);
      expect(own.join('\n')).not.toMatch(/fail/i);
    },
  );

  it('extra fields that fit the documented shape: the answer, as documented', async () => {
    api.answer = (res) => json(res, 201, { ...answer, extra: { a: [1, 2] } });
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ ...answer, extra: { a: [1, 2] } });
    expect(result.content[0]?.text).toContain(`${idField}: ${answer[idField]}`);
  });
});

describe('an error answer with hostile fields', () => {
  const [status, documented] = Object.entries(sender.errors).find(
    ([, e]) => !e.retryable && Object.keys(e.types).length,
  )!;
  const [type] = Object.keys(documented.types);
  const hostile = (fields: string) => (res: import('node:http').ServerResponse) =>
    res
      .writeHead(Number(status), { 'content-type': 'application/json' })
      .end(`{"type":"${type}","title":"Refused","status":${status},${fields}}`);

  it('__proto__, toString, valueOf, stack, message, kind and retryable in the body: a tool error naming status, type and advice', async () => {
    api.answer = hostile(
      '"__proto__":{"kind":"network","title":{"x":1}},"toString":"no","valueOf":"no","stack":"fake",' +
        '"message":{"a":1},"kind":"network","retryable":"yes","detail":{"deep":[1]}',
    );
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(
      new RegExp(
        `^${sender.name} failed: HTTP ${status} ${type} \\(Refused\\)\\..*Retrying the same request will not help`,
      ),
    );
  });

  it('a `name` field in the body: a tool error naming status, type and advice', async () => {
    api.answer = hostile('"name":"EvilError","toString":"no"');
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(
      new RegExp(
        `^${sender.name} failed: HTTP ${status} ${type} \\(Refused\\)\\..*Retrying the same request will not help`,
      ),
    );
  });
});

describe('bounded, scrubbed text', () => {
  const [status, documented] = Object.entries(sender.errors).find(
    ([, e]) => !e.retryable && Object.keys(e.types).length,
  )!;
  const [type] = Object.keys(documented.types);

  it('a 5 MB detail and a 1 MB title, echoing the key in every encoding: cut with "… (N more characters)", no key, in results and log lines', async () => {
    api.answer = (res) =>
      json(res, Number(status), {
        type,
        title: `${echoes.join(' ')} ${'T'.repeat(1_000_000)}`,
        status: Number(status),
        detail: `${echoes.join(' ')} ${'D'.repeat(5_000_000)}`,
      });
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBe(true);
    const text = result.content[0]?.text ?? '';
    expect(text.length).toBeLessThan(5_000);
    expect(text).toMatch(/… \(\d+ more characters\)/);
    expect(text).toContain('[redacted]');
    expect(leaks(inspect(result, { depth: Infinity, showHidden: true }))).toBe(false);
    // The client's own line about the failure came through the same scrubber.
    expect(logs.some((line) => line.startsWith('client: '))).toBe(true);
    for (const line of logs) expect(line.length).toBeLessThanOrEqual(2_100);
    expect(leaks(logs.join('\n'))).toBe(false);
  });

  it('a success answer echoing the key: redacted in structured content and text', async () => {
    api.answer = (res) => json(res, 201, { ...answer, note: echoes.join(' ') });
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent?.note).toContain('[redacted]');
    expect(leaks(inspect(result, { depth: Infinity, showHidden: true }))).toBe(false);
  });

  it('a retryable error with an 8 KB Retry-After and the key in a network error message: bounded, scrubbed', async () => {
    const retryable = Object.entries(sender.errors).find(([, e]) => e.retryable)!;
    const [rType] = Object.keys(retryable[1].types);
    api.answer = (res) =>
      json(
        res,
        Number(retryable[0]),
        { type: rType, title: 'Busy', status: Number(retryable[0]) },
        { 'retry-after': `1 ${'z'.repeat(8_000)}` },
      );
    const result = await (await connect())(requiredArgs(sender));
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text.length).toBeLessThan(2_000);
    expect(result.content[0]?.text).not.toContain('zzzz');
  });
});

describe('large arguments', () => {
  it('6 MiB of text in a dry run: refused before any work, with a small tool error', async () => {
    const textField = Object.entries<any>(sender.inputSchema.properties).find(
      ([, s]) => s.type === 'string' && !s.enum && !s.maxLength,
    )![0];
    const call = await connect();
    const result = await call({ ...requiredArgs(sender), [textField]: 'x'.repeat(6 * 1024 * 1024), dry_run: true });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/arguments are over 1,048,576 characters of JSON.*Nothing was sent\.$/);
    expect(JSON.stringify(result).length).toBeLessThan(1_000);
  });
});

describe('a dry run larger than a result shows', () => {
  it('values cut at 10,000 characters and parts left out past 100,000, said so in the text and in `truncated`', async () => {
    const [list] = Object.entries<any>(sender.inputSchema.properties).find(
      ([name, s]) => s.type === 'array' && s.items?.type === 'string' && !s.maxItems && name !== fileArg,
    )!;
    const textField = Object.entries<any>(sender.inputSchema.properties).find(
      ([, s]) => s.type === 'string' && !s.enum && !s.maxLength,
    )![0];
    const ids = Array.from({ length: 3_000 }, (_, i) => `ACo${String(i).padStart(57, '0')}`);
    const result = await (await connect())({
      ...requiredArgs(sender),
      [list]: ids,
      [textField]: 'y'.repeat(50_000),
      dry_run: true,
    });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(result.structuredContent?.truncated).toBe(true);
    const parts = result.structuredContent?.parts as Array<{ name: string; value?: string }>;
    expect(parts.length).toBeLessThan(ids.length);
    expect(parts.find((p) => p.name === textField)?.value).toMatch(/^y{10000}… \(40000 more characters\)$/);
    expect(result.content[0]?.text).toMatch(/\(the request is larger than shown here\)$|… \(\d+ more characters\)$/);
    for (const item of result.content) expect(item.text.length).toBeLessThan(100_100);
    expect(JSON.stringify(result.structuredContent).length).toBeLessThan(100_100);
  });
});

describe('dry runs', () => {
  /** Bytes this process has read through read(2) so far (Linux), to show that a dry run reads no file. */
  const bytesRead = () => Number(/rchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1]);

  it('a 2 GB file: refused over the limit, or with a higher limit shown by its size without being read', async () => {
    const big = join(dir, 'big.mp4');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 2 ** 31); // sparse: no disk used
    closeSync(fd);
    try {
      const args = { ...requiredArgs(sender), [fileArg]: [big], dry_run: true };
      const refused = await (await connect())(args);
      expect(refused.isError).toBe(true);
      expect(refused.content[0]?.text).toMatch(
        /big\.mp4 is 2,147,483,648 bytes, over the 52,428,800 bytes limit \(POSTPRESS_MCP_MAX_FILE_BYTES\); it was not sent\. Nothing was sent\.$/,
      );
      const before = bytesRead();
      const shown = await (await connect({ maxFileBytes: 3 * 2 ** 30 }))(args);
      expect(bytesRead() - before).toBeLessThan(16 * 1024 * 1024);
      expect(shown.isError, shown.content[0]?.text).toBeFalsy();
      expect(shown.content[0]?.text).toContain('= big.mp4 (video/mp4, 2147483648 bytes)');
      expect(shown.structuredContent?.parts).toContainEqual(
        expect.objectContaining({ name: fileArg, filename: 'big.mp4', size: 2 ** 31 }),
      );
    } finally {
      rmSync(big);
    }
  });

  it('says nothing was sent, never "may be sent twice", and logs no failure', async () => {
    const bodies = api.bodies.length;
    const result = await (await connect())({ ...requiredArgs(sender), [fileArg]: ['note.txt'], dry_run: true });
    expect(result.isError).toBeFalsy();
    expect(result.content[0]?.text).toMatch(/^Dry run of \w+: nothing was sent\./);
    expect(result.content[0]?.text).toContain('= note.txt (text/plain, 5 bytes)');
    expect(JSON.stringify(result)).not.toMatch(/twice|may already|processed/);
    expect(logs.join('\n')).not.toMatch(/fail/i);
    expect(api.bodies.length).toBe(bodies);
  });
});

describe('a request the client knows never left', () => {
  it('is reported as not sent, safe to retry, whatever the operation (the client says `sent: false`)', () => {
    for (const tool of tools) {
      const text = describeError(tool, { kind: 'network', message: 'write EPIPE', retryable: true, sent: false });
      expect(text, tool.name).toMatch(/Nothing was sent: retrying later is safe\.$/);
      expect(text).not.toMatch(/may already have processed/);
    }
  });
});
