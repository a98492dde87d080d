// Every operation shape, end to end and on the wire: the fixture spec (GET/POST/PUT/PATCH/DELETE;
// path, query and header parameters; multipart, JSON and no body; 200/201/204; cursor paging) goes
// through the whole pipeline, its generated operations file is imported from a folder of its own,
// and a client built from it talks to a loopback server that records every raw request.
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostpressClientWith, createPostpressFetchClient, PostpressError } from '../src/index.js';
import type { PostpressResult } from '../src/types.js';
import { buildFixture, type Fixture } from './helpers/fixture.js';
import { json, parts, type Recorded, startServer } from './helpers/server.js';

type Result = PostpressResult<never> & { data?: any; error?: any };
type Method = ((...args: unknown[]) => Promise<Result>) & { all?: (...args: unknown[]) => AsyncIterable<any> };

let fixture: Fixture;
let server: Awaited<ReturnType<typeof startServer>>;
/** What the server answers; the default answers each operation's first documented success example. */
let reply: (req: Recorded, res: ServerResponse) => void;

const opAt = (req: Recorded) =>
  fixture.model.operations.find(
    (op) => op.method === req.method && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}(\\?|$)`).test(req.url),
  );
const example = (req: Recorded, res: ServerResponse) => {
  const success = opAt(req)?.responses.find((r) => r.success);
  if (!success) return json(res, 404, { status: 404, type: 'errors/resource_not_found', title: 'No route' });
  if (success.mediaType === null) return res.writeHead(success.status).end();
  json(res, success.status, success.examples[0]?.value);
};

beforeAll(async () => {
  fixture = await buildFixture();
  server = await startServer((req, res) => reply(req, res));
}, 300_000);
beforeEach(() => {
  reply = example;
  server.requests.length = 0;
});
afterAll(() => server?.close());

const client = (options: { maxRetries?: number } = {}) =>
  createPostpressClientWith(fixture.generated.operations, {
    apiKey: 'pp_test_shapes',
    baseUrl: server.url,
    maxRetries: 0,
    retryBaseDelayMs: 1,
    ...options,
  }) as unknown as Record<string, Method>;
const last = () => server.requests.at(-1)!;
const op = (operationId: string) => fixture.model.operations.find((o) => o.operationId === operationId)!;

describe('the fixture has every shape (or this file is out of date)', () => {
  it('one operation per method, a paged list, a header parameter, a 204, JSON and multipart bodies', () => {
    const ops = fixture.model.operations;
    expect(new Set(ops.map((o) => o.method))).toEqual(new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    expect(op('listChats').pagination).toEqual({
      cursorParameter: 'cursor',
      itemsField: 'items',
      nextCursorField: 'cursor',
    });
    expect(op('addReaction').parameters.map((p) => `${p.in}:${p.name}`)).toContain('header:Idempotency-Key');
    expect(op('deleteChat').responses.find((r) => r.success)).toMatchObject({ status: 204, mediaType: null });
    expect(op('updateChat').requestBody?.mediaType).toBe('application/json');
    expect(op('startChat').requestBody?.mediaType).toBe('multipart/form-data');
    expect(Object.keys(fixture.generated.operations)).toEqual(ops.map((o) => o.operationId));
  });
});

describe('GET with a query', () => {
  it('serializes enums, repeated array items, integers, booleans, a Date and a date-time string', async () => {
    const { data, error } = await client().listChats!({
      account_type: 'WHATSAPP',
      account_id: ['acc_1', 'acc 2/3&x=1'],
      limit: 250,
      before: new Date(Date.UTC(2026, 11, 1)),
      after: '2026-11-01T00:00:00Z',
      unread: false,
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(op('listChats').responses[0]!.examples[0]!.value);
    expect(last().method).toBe('GET');
    expect(last().url).toBe(
      '/api/v1/chats?account_type=WHATSAPP&account_id=acc_1&account_id=acc%202%2F3%26x%3D1&limit=250' +
        '&before=2026-12-01T00%3A00%3A00.000Z&after=2026-11-01T00%3A00%3A00Z&unread=false',
    );
    expect(last().body.length).toBe(0);
    expect(last().headers['content-type']).toBeUndefined();
  });

  it('leaves out absent parameters, undefined ones and empty lists', async () => {
    await client().listChats!();
    expect(last().url).toBe('/api/v1/chats');
    await client().listChats!({ account_id: [], unread: undefined, limit: 1 });
    expect(last().url).toBe('/api/v1/chats?limit=1');
  });

  it('refuses, before sending, what a query cannot carry: NaN, an invalid Date, an object, an unknown name', async () => {
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ limit: Number.NaN }, /^invalid_request: limit: cannot send NaN in a query parameter$/],
      [{ before: new Date('not a date') }, /^invalid_request: before: cannot send an invalid Date/],
      [{ account_type: { a: 1 } }, /^invalid_request: account_type: cannot send object/],
      [{ account_id: ['ok', '\uD800'] }, /^invalid_request: account_id: text contains a lone surrogate/],
    ];
    for (const [params, message] of refusals) {
      const { error } = await client().listChats!(params);
      expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringMatching(message) });
    }
    const { error } = await client().getChat!('chat_1', { unread: true });
    expect(error).toMatchObject({
      kind: 'invalid_request',
      message: 'invalid_request: unread is not a parameter of this operation',
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('paging', () => {
  const pages: Record<string, { ids: string[]; cursor: string | null }> = {
    '': { ids: ['chat_1', 'chat_2'], cursor: 'p2' },
    p2: { ids: ['chat_3', 'chat_4'], cursor: 'p3' },
    p3: { ids: ['chat_5'], cursor: null },
  };
  const chat = () => (op('listChats').responses[0]!.examples[0]!.value as { items: object[] }).items[0];
  const paged = (req: Recorded, res: ServerResponse) => {
    const page = pages[new URL(req.url, 'http://x').searchParams.get('cursor') ?? '']!;
    json(res, 200, { object: 'ChatList', items: page.ids.map((id) => ({ ...chat(), id })), cursor: page.cursor });
  };

  it('.all() yields every item of three pages, following the cursor and keeping the other parameters', async () => {
    reply = paged;
    const ids: string[] = [];
    for await (const item of client().listChats!.all!({ limit: 2, unread: true })) ids.push(item.id);
    expect(ids).toEqual(['chat_1', 'chat_2', 'chat_3', 'chat_4', 'chat_5']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/chats?limit=2&unread=true',
      '/api/v1/chats?limit=2&cursor=p2&unread=true',
      '/api/v1/chats?limit=2&cursor=p3&unread=true',
    ]);
  });

  it('throws a failed page as its PostpressError, after the items before it', async () => {
    const [status, type] = [400, op('listChats').responses.find((r) => r.status === 400)!.errors[0]!.type];
    reply = (req, res) =>
      server.requests.length > 1 ? json(res, status, { status, type, title: 'Bad cursor' }) : paged(req, res);
    const ids: string[] = [];
    const thrown = await (async () => {
      for await (const item of client().listChats!.all!()) ids.push(item.id);
    })().catch((error: unknown) => error);
    expect(ids).toEqual(['chat_1', 'chat_2']);
    expect(thrown).toBeInstanceOf(PostpressError);
    expect(thrown).toMatchObject({ kind: 'api', status, type });
  });

  it('refuses to loop on a next cursor equal to the page’s own', async () => {
    reply = (_req, res) => json(res, 200, { object: 'ChatList', items: [chat()], cursor: 'same' });
    let count = 0;
    const thrown = await (async () => {
      for await (const _ of client().listChats!.all!({ cursor: 'same' })) count++;
    })().catch((error: unknown) => error);
    expect(thrown).toMatchObject({ kind: 'invalid_response', reason: expect.stringContaining('repeats') });
    expect(count).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('only operations that page get .all', () => {
    const c = client();
    for (const { operationId, pagination } of fixture.model.operations)
      expect(typeof c[operationId]!.all, operationId).toBe(pagination ? 'function' : 'undefined');
  });
});

describe('path parameters, JSON bodies, a header parameter and a 204', () => {
  it('GET by id: the id is one percent-encoded segment', async () => {
    const { data } = await client().getChat!('chat/1 ä?');
    expect(last().method).toBe('GET');
    expect(last().url).toBe('/api/v1/chats/chat%2F1%20%C3%A4%3F');
    expect(data).toMatchObject({ object: 'Chat' });
  });

  it('PATCH sends the JSON body with content-type application/json, without undefined fields', async () => {
    const { data, error } = await client().updateChat!('chat_1', { name: 'Backend', muted: true, archived: undefined });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ object: 'Chat' });
    expect(last()).toMatchObject({ method: 'PATCH', url: '/api/v1/chats/chat_1' });
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().body.toString('utf8')).toBe('{"name":"Backend","muted":true}');
  });

  it('PUT sends the JSON body', async () => {
    await client().replaceChatLabels!('chat_1', { labels: ['candidates', 'über'] });
    expect(last()).toMatchObject({ method: 'PUT', url: '/api/v1/chats/chat_1/labels' });
    expect(last().body.toString('utf8')).toBe('{"labels":["candidates","über"]}');
  });

  it('a JSON body refuses what JSON would change: a Blob, NaN, a lone surrogate', async () => {
    for (const [labels, message] of [
      [[new Blob(['x'])], /^invalid_request: 0: cannot send object in a JSON body$/],
      [[Number.NaN], /^invalid_request: 0: cannot send NaN in a JSON body$/],
      [['\uDC00'], /^invalid_request: 0: text contains a lone surrogate/],
    ] as const) {
      const { error } = await client().replaceChatLabels!('chat_1', { labels });
      expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringMatching(message) });
    }
    expect(server.requests).toHaveLength(0);
  });

  it('POST with a header parameter: the header is sent, not put in the body', async () => {
    const { data } = await client().addReaction!('msg_1', { reaction: 'like', 'Idempotency-Key': 'reaction-1' });
    expect(data).toMatchObject({ object: 'ReactionAdded' });
    expect(last()).toMatchObject({ method: 'POST', url: '/api/v1/messages/msg_1/reactions' });
    expect(last().headers['idempotency-key']).toBe('reaction-1');
    expect(last().body.toString('utf8')).toBe('{"reaction":"like"}');
    await client().addReaction!('msg_1', { reaction: 'love' });
    expect(last().headers['idempotency-key']).toBeUndefined();
    const { error } = await client().addReaction!('msg_1', { reaction: 'like', 'Idempotency-Key': 'a\r\nX-Evil: 1' });
    expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('CR or LF') });
    expect(server.requests).toHaveLength(2);
  });

  it('DELETE answered 204 is a success with data undefined, and sends no body', async () => {
    const result = await client().deleteChat!('chat_1');
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.response?.status).toBe(204);
    expect(last()).toMatchObject({ method: 'DELETE', url: '/api/v1/chats/chat_1' });
    expect(last().body.length).toBe(0);
    expect(last().headers['content-type']).toBeUndefined();
  });

  it('a DELETE answered 503 (x-retryable) is retried, then its 204 is the result', async () => {
    const [status, type] = [503, op('deleteChat').responses.find((r) => r.status === 503)!.errors[0]!.type];
    reply = (req, res) =>
      server.requests.length === 1 ? json(res, status, { status, type, title: 'Busy' }) : example(req, res);
    const result = await client({ maxRetries: 1 }).deleteChat!('chat_1');
    expect(result).toMatchObject({ data: undefined, attempts: 2 });
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('multipart (the fixture’s copy of the published operations) still sends bracketed parts', async () => {
    const multipart = fixture.model.operations.find((o) => o.requestBody?.multipart && !o.parameters.length)!;
    await client()[multipart.operationId]!(multipart.requestBody!.examples[0]!.value);
    expect(last().headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const names = (await parts(last().body, String(last().headers['content-type']))).map(([name]) => name);
    const wireNames = Object.keys(multipart.requestBody!.examples[0]!.wireValue ?? {});
    expect(new Set(names)).toEqual(new Set(wireNames));
  });
});

describe('errors, per documented (status, type) of every fixture operation', () => {
  it('each documented pair is a typed api error; an unknown type under the same status is undocumented', async () => {
    let checked = 0;
    for (const o of fixture.model.operations) {
      const ids = o.parameters.filter((p) => p.in === 'path').map(() => 'id_1');
      const params = o.requestBody?.examples[0]?.value;
      for (const r of o.responses.filter((r) => r.errors.length)) {
        for (const { type } of r.errors) {
          reply = (_req, res) => json(res, r.status, { status: r.status, type, title: 'T' });
          const { error } = await client()[o.operationId]!(...ids, params);
          expect(error, `${o.operationId} ${r.status} ${type}`).toMatchObject({
            kind: 'api',
            status: r.status,
            type,
            retryable: r.retryable,
          });
          checked++;
        }
        reply = (_req, res) => json(res, r.status, { status: r.status, type: 'errors/not_in_spec', title: 'T' });
        const { error } = await client()[o.operationId]!(...ids, params);
        expect(error).toMatchObject({ kind: 'undocumented', httpStatus: r.status, errorType: 'errors/not_in_spec' });
      }
    }
    expect(checked).toBe(fixture.model.operations.flatMap((o) => o.responses.flatMap((r) => r.errors)).length);
  }, 120_000);
});

describe('createPostpressFetchClient finds the operation by method and path', () => {
  it('GET and POST of the same path: the query in its style, the body as multipart; PATCH as JSON', async () => {
    const http = createPostpressFetchClient(
      { apiKey: 'pp_test_shapes', baseUrl: server.url },
      fixture.generated.operations,
    ) as unknown as Record<'GET' | 'POST' | 'PATCH', (path: string, init: object) => Promise<{ response: Response }>>;
    const get = await http.GET('/api/v1/chats', {
      params: { query: { account_id: ['a', 'b c'], unread: true, before: new Date(Date.UTC(2026, 0, 2)) } },
    });
    expect(get.response.status).toBe(200);
    expect(last()).toMatchObject({
      method: 'GET',
      url: '/api/v1/chats?account_id=a&account_id=b%20c&before=2026-01-02T00%3A00%3A00.000Z&unread=true',
    });
    const post = await http.POST('/api/v1/chats', { body: { account_id: 'acc_1', attendees_ids: ['x', 'y'] } });
    expect(post.response.status).toBe(201);
    expect(last().method).toBe('POST');
    expect(await parts(last().body, String(last().headers['content-type']))).toEqual([
      ['account_id', 'acc_1'],
      ['attendees_ids[]', 'x'],
      ['attendees_ids[]', 'y'],
    ]);
    await http.PATCH('/api/v1/chats/{chat_id}', { params: { path: { chat_id: 'c/1' } }, body: { muted: false } });
    expect(last()).toMatchObject({ method: 'PATCH', url: '/api/v1/chats/c%2F1' });
    expect(last().headers['content-type']).toBe('application/json');
    expect(last().body.toString('utf8')).toBe('{"muted":false}');
  });
});

describe('the key', () => {
  it('is in no error of the new shapes (util.inspect at full depth), and only in X-API-KEY on the wire', async () => {
    const key = 'pp_test_shapes';
    const errors: unknown[] = [];
    errors.push((await client().listChats!({ limit: Number.NaN })).error);
    errors.push((await client().addReaction!('m', { reaction: 'like', 'Idempotency-Key': 'a\nb' })).error);
    reply = (_req, res) => json(res, 200, { object: 'ChatList', items: 'none', cursor: null });
    errors.push(
      await (async () => {
        for await (const _ of client().listChats!.all!()) void _;
      })().catch((error: unknown) => error),
    );
    reply = example;
    await client().addReaction!('m', { reaction: 'like', 'Idempotency-Key': 'k' });
    expect(errors.every((e) => e instanceof PostpressError)).toBe(true);
    for (const error of errors)
      expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(key);
    const sent = last();
    expect(sent.headers['x-api-key']).toBe(key);
    expect(JSON.stringify({ ...sent.headers, 'x-api-key': undefined }) + sent.url + sent.body.toString()).not.toContain(
      key,
    );
  });
});
