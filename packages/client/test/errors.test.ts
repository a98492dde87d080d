import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient, type OperationId } from '../src/index.js';
import { json, startServer } from './helpers/server.js';
import { documented, model } from './helpers/spec.js';

let reply: (res: import('node:http').ServerResponse) => void = () => {};
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => reply(res));
});
afterAll(() => server.close());

const client = (options: { timeoutMs?: number } = {}) =>
  createPostpressClient({ apiKey: 'pp_test_errors', baseUrl: server.url, maxRetries: 0, ...options });
type Method = (...args: unknown[]) => ReturnType<ReturnType<typeof client>[OperationId]>;
/** Calls an operation with its first documented request example (and path parameter examples). */
const call = (operationId: string, c = client(), signal?: AbortSignal) => {
  const op = model.operations.find((o) => o.operationId === operationId)!;
  const ids = op.parameters.filter((p) => p.in === 'path').map((p) => p.examples[0]?.value ?? 'id_1');
  return (c[operationId as OperationId] as Method)(...ids, op.requestBody?.examples[0]?.value, { signal });
};
/** The operations, with and without path parameters (transport outcomes are checked on both). */
const [first, withPath] = [
  model.operations[0]!.operationId,
  model.operations.find((o) => o.parameters.some((p) => p.in === 'path'))!.operationId,
];

// Every documented (status, type) pair is replayed once, through the recordings (recordings.test.ts).

describe('answers the spec does not document', () => {
  it('a new error type under a documented status keeps its body', async () => {
    const body = { status: 422, type: 'errors/brand_new', title: 'Brand new', detail: 'd', extra: { a: 1 } };
    reply = (res) => json(res, 422, body);
    const { error } = await call(first);
    expect(error).toMatchObject({
      kind: 'undocumented',
      httpStatus: 422,
      errorType: 'errors/brand_new',
      title: 'Brand new',
      body,
    });
    expect(error?.status).toBeUndefined();
  });

  it('a documented type under a status the operation does not list', async () => {
    // An operation without a status another operation documents (sendMessage has no 400).
    const [d, op] = documented.flatMap((d) =>
      model.operations.filter((o) => !o.responses.some((r) => r.status === d.status)).map((o) => [d, o] as const),
    )[0]!;
    reply = (res) => json(res, d.status, { status: d.status, type: d.type, title: 'Invalid' });
    const { error } = await call(op.operationId);
    expect(error).toMatchObject({ kind: 'undocumented', httpStatus: d.status, errorType: d.type });
  });
});

describe('transport outcomes are typed and keep status and raw body', () => {
  const cases: [string, (res: import('node:http').ServerResponse) => void, object][] = [
    [
      'HTML from a proxy',
      (res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body>Bad gateway</body></html>');
      },
      { httpStatus: 502, contentType: 'text/html', rawBody: '<html><body>Bad gateway</body></html>' },
    ],
    [
      'an empty error body',
      (res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end();
      },
      { httpStatus: 500, rawBody: '', reason: 'empty body' },
    ],
    [
      'truncated JSON',
      (res) => {
        res.writeHead(422, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"status":422,"type":"errors/limit_exc');
      },
      {
        httpStatus: 422,
        rawBody: '{"status":422,"type":"errors/limit_exc',
        reason: expect.stringContaining('not valid JSON'),
      },
    ],
    [
      'JSON with the wrong content type',
      (res) => {
        res.writeHead(422, { 'content-type': 'text/plain' });
        res.end('{"status":422,"type":"errors/limit_exceeded","title":"x"}');
      },
      { httpStatus: 422, contentType: 'text/plain', reason: expect.stringContaining('expected JSON') },
    ],
    [
      'JSON that is not the envelope',
      (res) => json(res, 500, { message: 'upstream exploded' }),
      { httpStatus: 500, rawBody: '{"message":"upstream exploded"}', reason: 'JSON body is not the error envelope' },
    ],
    [
      'an envelope whose status disagrees with the HTTP status',
      (res) => json(res, 422, { status: 500, type: 'errors/unexpected_error', title: 'x' }),
      { httpStatus: 422, reason: 'JSON body is not the error envelope' },
    ],
    [
      'a 201 with HTML',
      (res) => {
        res.writeHead(201, { 'content-type': 'text/html' });
        res.end('<p>created</p>');
      },
      { httpStatus: 201, rawBody: '<p>created</p>' },
    ],
    [
      'a 201 with a JSON array',
      (res) => json(res, 201, [1, 2]),
      { httpStatus: 201, rawBody: '[1,2]', reason: 'JSON body is not an object' },
    ],
  ];

  it.each(cases)('%s → invalid_response', async (_name, handler, expected) => {
    reply = handler;
    const { data, error, response } = await call(first);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, ...expected });
    expect(response?.status).toBe((expected as { httpStatus: number }).httpStatus);
  });

  it('a connection cut in the middle of the body', async () => {
    reply = (res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"object":"ChatStarted",');
      setTimeout(() => res.destroy(), 20);
    };
    const { error } = await call(first);
    expect(error).toMatchObject({
      kind: 'invalid_response',
      httpStatus: 201,
      reason: expect.stringContaining('could not be read'),
    });
  });

  it('nothing listening → network', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as import('node:net').AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const c = createPostpressClient({
      apiKey: 'pp_test_errors',
      baseUrl: `http://127.0.0.1:${port}`,
      retryBaseDelayMs: 1,
    });
    const { error, response, attempts } = await c.startChat({ account_id: 'a', attendees_ids: ['b'] });
    expect(response).toBeUndefined();
    // No connection, so nothing was sent: retried like a 503, and said so.
    expect(attempts).toBe(3);
    expect(error).toMatchObject({
      kind: 'network',
      sent: false,
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('no answer in time → timeout', async () => {
    reply = () => {}; // never answers
    const { error } = await call(first, client({ timeoutMs: 150 }));
    expect(error).toMatchObject({
      kind: 'timeout',
      message: 'timeout: no complete response within 150 ms',
      timeoutMs: 150,
      retryable: false,
    });
  });

  it('timeoutMs 0 sets no time limit; the caller signal still aborts', async () => {
    reply = (res) => setTimeout(() => json(res, 201, { object: 'ChatStarted', chat_id: 'c', message_id: 'm' }), 200);
    const c = client({ timeoutMs: 100 });
    const slow = await c.startChat({ account_id: 'a', attendees_ids: ['b'] }, { timeoutMs: 0 });
    expect(slow.error).toBeUndefined();
    expect(slow.data?.chat_id).toBe('c');
    expect((await c.startChat({ account_id: 'a', attendees_ids: ['b'] })).error?.kind).toBe('timeout');
    reply = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    const { error } = await call(withPath, client({ timeoutMs: 0 }), controller.signal);
    expect(error).toMatchObject({ kind: 'abort', cause: new Error('user left') });
  });

  it('the caller aborts → abort, not timeout', async () => {
    reply = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    const { error } = await call(withPath, client(), controller.signal);
    expect(error).toMatchObject({ kind: 'abort', retryable: false });
    expect((error as { cause: Error }).cause.message).toBe('user left');
  });

  it('an already aborted signal sends nothing', async () => {
    const before = server.requests.length;
    const { error } = await call(first, client(), AbortSignal.abort());
    expect(error?.kind).toBe('abort');
    expect(server.requests.length).toBe(before);
  });
});
