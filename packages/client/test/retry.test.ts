// A sent message must never be sent twice: only 429 and 503 (not processed) are retried,
// with the body rebuilt for each attempt, honouring Retry-After up to a cap.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../src/index.js';
import { backoffMs, retryAfterMs } from '../src/retry.js';
import { json, parts, startServer } from './helpers/server.js';

let script: ((res: ServerResponse, attempt: number) => void)[] = [];
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    const attempt = server.requests.length;
    (script[attempt - 1] ?? script.at(-1))?.(res, attempt);
  });
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

const envelope = (status: number, type: string) => (res: ServerResponse) =>
  json(res, status, { status, type, title: type });
const ok = (res: ServerResponse) => json(res, 201, { object: 'MessageSent', message_id: 'msg_1' });
const client = (options: Partial<Parameters<typeof createPostpressClient>[0]> = {}) =>
  createPostpressClient({ apiKey: 'pp_test_retry', baseUrl: server.url, retryBaseDelayMs: 5, ...options });
const send = (c = client()) => c.sendMessage('chat_1', { text: 'once', attachments: [new File(['pdf'], 'a.pdf')] });

describe('retried: the API did not process the request', () => {
  it('429 with Retry-After in seconds, then success', async () => {
    script = [
      (res) =>
        json(res, 429, { status: 429, type: 'errors/too_many_requests', title: 'Too many' }, { 'retry-after': '1' }),
      ok,
    ];
    const started = performance.now();
    const { data } = await send();
    expect(data?.message_id).toBe('msg_1');
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950); // it waited as asked
  });

  it('503 twice, then success; every attempt carries the whole body', async () => {
    script = [envelope(503, 'errors/no_client_session'), envelope(503, 'errors/network_down'), ok];
    const { data } = await send();
    expect(data?.object).toBe('MessageSent');
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(await parts(request.body, String(request.headers['content-type']))).toEqual([
        ['text', 'once'],
        ['attachments', { filename: 'a.pdf', type: 'application/octet-stream', text: 'pdf' }],
      ]);
    }
  });

  it('gives up after maxRetries and returns the last error, marked retryable', async () => {
    script = [envelope(503, 'errors/service_unavailable')];
    const { error } = await send(client({ maxRetries: 2 }));
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'api', status: 503, type: 'errors/service_unavailable', retryable: true });
  });

  it('maxRetries: 0 disables retries', async () => {
    script = [envelope(429, 'errors/too_many_requests')];
    await send(client({ maxRetries: 0 }));
    expect(server.requests).toHaveLength(1);
  });

  it('does not wait for a Retry-After longer than the cap: the caller decides', async () => {
    script = [
      (res) => json(res, 429, { status: 429, type: 'errors/too_many_requests', title: 't' }, { 'retry-after': '3600' }),
    ];
    const { error } = await send(client({ maxRetryDelayMs: 2000 }));
    expect(server.requests).toHaveLength(1);
    expect(error?.status).toBe(429);
  });

  it('an abort during the wait ends the call', async () => {
    script = [
      (res) => json(res, 429, { status: 429, type: 'errors/too_many_requests', title: 't' }, { 'retry-after': '5' }),
    ];
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await client().sendMessage('c', { text: 'x' }, { signal: controller.signal });
    expect(error?.kind).toBe('abort');
    expect(server.requests).toHaveLength(1);
  });
});

describe('never retried: the API may have processed the request', () => {
  it.each([
    [500, 'errors/unexpected_error'],
    [504, 'errors/request_timeout'],
    [422, 'errors/limit_exceeded'],
    [401, 'errors/missing_credentials'],
  ])('%i %s', async (status, type) => {
    script = [envelope(status, type), ok];
    const { error } = await send();
    expect(server.requests).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'api', status, type, retryable: false });
  });

  it('a timeout after the body was sent', async () => {
    script = [() => {}, ok];
    const { error } = await send(client({ timeoutMs: 150 }));
    expect(error?.kind).toBe('timeout');
    expect(server.requests).toHaveLength(1);
  });

  it('a 502 HTML page from a proxy', async () => {
    script = [
      (res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<h1>502</h1>');
      },
      ok,
    ];
    const { error } = await send();
    expect(error?.kind).toBe('invalid_response');
    expect(server.requests).toHaveLength(1);
  });
});

describe('delays', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(3, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(10, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(3, 500, 30_000, () => 0.25)).toBe(1000);
    expect(backoffMs(3, 500, 30_000, () => 0)).toBe(0);
  });

  it('honours an HTTP-date Retry-After end to end', async () => {
    const at = new Date(Date.now() + 1500).toUTCString();
    script = [
      (res) => json(res, 503, { status: 503, type: 'errors/no_handler', title: 't' }, { 'retry-after': at }),
      ok,
    ];
    const started = performance.now();
    const { data } = await send();
    expect(data).toBeDefined();
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(400);
  });
});
