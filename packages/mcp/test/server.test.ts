// The server in-process (the SDK's in-memory transport): configurations the stdio test does not start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../src/errors.js';
import { createPostpressMcpServer, optionsFromEnv, type PostpressMcpOptions, tools } from '../src/index.js';
import { requiredArgs } from './helpers.js';

let dir: string;
const logs: string[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postpress-mcp-server-'));
  writeFileSync(join(dir, 'cv.pdf'), 'pdf');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function connect(options: PostpressMcpOptions) {
  const server = createPostpressMcpServer({ ...options, log: (line) => logs.push(line) });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  return async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ text: string }> };
}

describe('the server, in-process', () => {
  it('without POSTPRESS_MCP_FILE_ROOTS refuses a file argument and says how to allow it', async () => {
    const call = await connect({ apiKey: 'pp_test_abcdefgh' });
    const result = await call('start_chat', {
      account_id: 'a',
      attendees_ids: ['b'],
      attachments: [join(dir, 'cv.pdf')],
    });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(
      /File arguments are disabled.*POSTPRESS_MCP_FILE_ROOTS.*Nothing was sent\.$/,
    );
  });

  it('without a key, refuses to send and says how to set it; a dry run still works, with no key in it', async () => {
    const call = await connect({ fileRoots: [dir] });
    const sent = await call('send_message', { chat_id: 'chat_1', text: 'hi' });
    expect(sent.isError).toBe(true);
    expect(sent.content[0]?.text).toMatch(/POSTPRESS_API_KEY is not set/);
    const dry = await call('send_message', { chat_id: 'chat/1', text: 'hi', attachments: ['cv.pdf'], dry_run: true });
    expect(dry.isError, dry.content[0]?.text).toBeFalsy();
    expect(dry.content[0]?.text).toContain('POST https://api.postpress.ai/api/v1/chats/chat%2F1/messages');
    expect(dry.content[0]?.text).toContain('attachments = cv.pdf (application/pdf, 3 bytes)');
    expect(JSON.stringify(dry)).not.toMatch(/pp_dry_run|x-api-key/i);
  });

  it('aborts the API call when the MCP client cancels the tool call', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((done) => {
      closed = done;
    });
    let received!: () => void;
    const requestReceived = new Promise<void>((done) => {
      received = done;
    });
    const api = createServer((req) => {
      received();
      req.socket.on('close', closed); // never answers
    });
    await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
    try {
      const baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
      const server = createPostpressMcpServer({ apiKey: 'pp_test_abcdefgh', baseUrl, log: () => {} });
      const [a, b] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'test', version: '0' });
      await Promise.all([server.connect(a), client.connect(b)]);
      const controller = new AbortController();
      const pending = client.callTool({ name: 'send_message', arguments: { chat_id: 'c', text: 'hi' } }, undefined, {
        signal: controller.signal,
      });
      await requestReceived;
      controller.abort('the user changed their mind');
      await expect(pending).rejects.toThrow();
      await connectionClosed; // the server-side fetch was aborted (the test times out otherwise)
    } finally {
      api.closeAllConnections();
      api.close();
    }
  });

  it('holds the key where util.inspect cannot show it', () => {
    const server = createPostpressMcpServer({ apiKey: 'pp_test_inspectMe12345', log: () => {} });
    expect(inspect(server, { depth: Infinity, showHidden: true })).not.toContain('inspectMe12345');
  });

  it('reports a bad base URL as a configuration error, and an unknown tool as a protocol error', async () => {
    const call = await connect({ apiKey: 'pp_test_abcdefgh', baseUrl: 'http://example.com' });
    const result = await call('send_message', { chat_id: 'chat_1', text: 'hi' });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/configuration error: baseUrl is plain http to a non-loopback host/);
    await expect(call('delete_everything', {})).rejects.toThrow(/Unknown tool: delete_everything/);
  });

  it('refuses arguments the generated schema rejects: unknown field, wrong linkedin variant', async () => {
    const call = await connect({ apiKey: 'pp_test_abcdefgh' });
    const unknown = await call('send_message', { chat_id: 'c', txt: 'typo' });
    expect(unknown.content[0]?.text).toMatch(
      /invalid arguments: .*must NOT have additional properties.*Nothing was sent\./,
    );
    const variant = await call('start_chat', {
      account_id: 'a',
      attendees_ids: ['b'],
      linkedin: { api: 'sales_navigator', inmail: true },
    });
    expect(variant.isError).toBe(true);
    expect(variant.content[0]?.text).toMatch(/arguments\/linkedin must match exactly one schema in oneOf/);
  });
});

describe('a client that misbehaves (a throw, a hostile error, an answer JSON cannot carry)', () => {
  const sender = tools.find((t) => t.method === 'POST')!;
  const args = () => requiredArgs(sender);
  async function callWith(method: (...args: unknown[]) => unknown, createClient?: () => object) {
    const server = createPostpressMcpServer({
      apiKey: 'pp_test_abcdefgh',
      log: (line) => logs.push(line),
      createClient: createClient ?? (() => ({ [sender.operationId]: method })),
    });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'test', version: '0' });
    await Promise.all([server.connect(a), client.connect(b)]);
    await client.listTools(); // structured results are then checked against the output schemas
    return (await client.callTool({ name: sender.name, arguments: args() })) as {
      isError?: boolean;
      content: Array<{ text: string }>;
      structuredContent?: Record<string, unknown>;
    };
  }
  const hostile = () =>
    Object.defineProperties(Object.create(null), {
      name: {
        get() {
          throw new Error('no name');
        },
      },
      message: {
        get() {
          throw new Error('no message');
        },
      },
      kind: { value: { not: 'a string' } },
      toString: { value: 'not a function' },
    });

  it('a client that cannot even be built: a tool error saying nothing was sent', async () => {
    const result = await callWith(
      () => {},
      () => {
        throw new TypeError('boom');
      },
    );
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toBe(`${sender.name} failed before sending (TypeError: boom). Nothing was sent.`);
  });

  it('a method that rejects with, or returns, an error whose every field is hostile: a tool error, never a throw', async () => {
    const rejected = await callWith(async () => Promise.reject(hostile()));
    expect(rejected.isError).toBe(true);
    expect(rejected.content[0]?.text).toMatch(/^\w+ failed before sending \(object\)\. Nothing was sent\.$/);
    const returned = await callWith(async () => ({ error: hostile(), response: 'not a response' }));
    expect(returned.isError).toBe(true);
    expect(returned.content[0]?.text).toMatch(/^\w+ failed: error: no details\. Retrying later may help, but/);
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    // Awaiting it reads its `then`, which throws: the call rejects, and it never used the server's fetch.
    const trapped = await callWith(async () => proxy);
    expect(trapped.content[0]?.text).toMatch(/failed before sending \(Error: trap\)\. Nothing was sent\.$/);
    const empty = await callWith(async () => ({ data: undefined }));
    expect(empty.isError).toBeFalsy(); // no error reported: a success whose answer is missing
    expect(empty.structuredContent).toMatchObject({ accepted: true, problem: 'the answer is missing' });
  });

  it('an answer with a cycle, or a getter that throws: "accepted", with what could be read', async () => {
    const cyclic: Record<string, unknown> = { message_id: 'msg_1' };
    cyclic.self = cyclic;
    const result = await callWith(async () => ({ data: cyclic }));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ accepted: true, ids: { message_id: 'msg_1' } });
    expect(result.content[0]?.text).toMatch(/nested deeper than 32 levels/);
  });
});

describe('optionsFromEnv', () => {
  it('reads POSTPRESS_MCP_TOOLS as names separated by commas or spaces; empty means every tool', () => {
    expect(optionsFromEnv({ POSTPRESS_MCP_TOOLS: ' a_b, c_d  e ' }).tools).toEqual(['a_b', 'c_d', 'e']);
    expect(optionsFromEnv({ POSTPRESS_MCP_TOOLS: ' , ' })).not.toHaveProperty('tools');
    expect(optionsFromEnv({})).not.toHaveProperty('tools');
    expect(optionsFromEnv({ POSTPRESS_API_KEY: ' pp_test_x ', POSTPRESS_MCP_FILE_ROOTS: '/a:/b' })).toEqual({
      apiKey: 'pp_test_x',
      baseUrl: undefined,
      fileRoots: ['/a', '/b'],
    });
  });
});

describe('describeError', () => {
  const startChat = tools.find((t) => t.name === 'start_chat')!;
  it('never throws, whatever the error: getters that throw, a proxy, a string, null, objects where strings belong', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        getPrototypeOf() {
          throw new Error('trap');
        },
      },
    );
    const response = {
      headers: {
        get: () => {
          throw new Error('no headers');
        },
      },
      status: 'x',
    } as unknown as Response;
    for (const error of [
      throwing,
      'a string',
      null,
      undefined,
      42,
      { kind: 'api', type: { a: 1 }, title: ['x'], detail: 5 },
    ])
      expect(describeError(startChat, error, response)).toMatch(/^start_chat failed: /);
    expect(describeError(startChat, { kind: 'api', status: 422, type: 'toString' })).toMatch(
      /^start_chat failed: HTTP 422 toString\./,
    );
  });

  it('names status, type, meaning and retry advice for each kind, with only the fields it knows', () => {
    expect(
      describeError(
        startChat,
        {
          kind: 'api',
          status: 429,
          type: 'errors/too_many_requests',
          title: 'Too many requests',
          retryable: true,
        },
        new Response('', { headers: { 'retry-after': '30' } }),
      ),
    ).toMatch(
      /^start_chat failed: HTTP 429 errors\/too_many_requests \(Too many requests\)\..*Retrying later can help: the API did not process the request \(it asked to wait: Retry-After 30\)\.$/,
    );
    expect(describeError(startChat, { kind: 'api', status: 500, type: 'errors/unexpected_error' })).toMatch(
      /may already have processed the request/,
    );
    expect(
      describeError(startChat, { kind: 'undocumented', httpStatus: 422, errorType: 'errors/new_thing', title: 'New' }),
    ).toMatch(/HTTP 422 errors\/new_thing \(New\), an error type the spec does not document.*will not help/);
    expect(describeError(startChat, { kind: 'timeout', message: 'no complete response within 60000 ms' })).toMatch(
      /timeout: no complete response within 60000 ms\. Retrying later may help, but the API may already/,
    );
    // A kind or a field a later client adds does not break it.
    expect(describeError(startChat, { kind: 'brand_new', message: 'something' })).toMatch(/brand_new: something/);
  });
});
