// Issue 13: never report an unsent message as sent, never send the key anywhere else. Each case
// of the adversarial pass, re-run against loopback servers.
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPostpressClient, createPostpressFetchClient, PostpressConfigError } from '../src/index.js';
import { MAX_TIMER_MS, retryAfterMs, sleep } from '../src/retry.js';

const KEY = 'pp_live_S3CR3T_k3y_value';
const SECRET = 'hunter2-query-secret';

/** A loopback server that counts requests and answers with whatever `reply` says. */
async function serve() {
  const seen: { method: string; url: string; headers: Record<string, unknown>; bytes: number }[] = [];
  let reply: (res: ServerResponse) => void = (res) => res.end();
  const server: Server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes });
      reply(res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    set reply(fn: (res: ServerResponse) => void) {
      reply = fn;
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
let api: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  api = await serve();
  other = await serve();
});
afterAll(() => {
  api.close();
  other.close();
});
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const client = (options: Partial<Parameters<typeof createPostpressClient>[0]> = {}) =>
  createPostpressClient({ apiKey: KEY, baseUrl: api.url, maxRetries: 0, ...options });
const body = () => ({ text: 'hello', attachments: [new File(['%PDF'], 'cv.pdf')] });
const leaks = (value: unknown, secrets = [KEY]) =>
  secrets.some((secret) =>
    [
      JSON.stringify(value) ?? '',
      inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
      String(value),
      value instanceof Error ? String(value.stack) : '',
    ].some((text) => text.includes(secret)),
  );
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

describe('no redirect is ever followed', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i to another origin: one request, none at the other origin, no data',
    async (status) => {
      api.seen.length = 0;
      other.seen.length = 0;
      other.reply = json(201, { object: 'MessageSent', message_id: 'msg_elsewhere' });
      const target = `${other.url.replace('//', `//user:${SECRET}@`)}/steal?token=${SECRET}#frag`;
      api.reply = (res) => res.writeHead(status, { location: target }).end();
      for (const c of [client(), client({ fetch: (request) => fetch(request) })]) {
        const { data, error } = await c.sendMessage('chat_1', body());
        expect(data).toBeUndefined();
        expect(error).toMatchObject({ kind: 'redirect', httpStatus: status, location: `${other.url}/steal` });
        expect(leaks(error, [SECRET, KEY])).toBe(false);
      }
      expect(api.seen).toHaveLength(2);
      expect(api.seen.every((r) => r.method === 'POST')).toBe(true);
      expect(other.seen).toHaveLength(0);
    },
  );

  it('a 307 loop to itself is one request', async () => {
    api.seen.length = 0;
    api.reply = (res) => res.writeHead(307, { location: '/api/v1/chats/chat_1/messages' }).end();
    const { error } = await client().sendMessage('chat_1', body());
    expect(error).toMatchObject({
      kind: 'redirect',
      httpStatus: 307,
      location: `${api.url}/api/v1/chats/chat_1/messages`,
    });
    expect(api.seen).toHaveLength(1);
  });

  it("a browser's opaque redirect (status 0, no Location) is a redirect error too", async () => {
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    let redirectMode: RequestRedirect | undefined;
    const c = client({
      fetch: async (request) => {
        redirectMode = request.redirect;
        return opaque;
      },
    });
    const { data, error } = await c.sendMessage('chat_1', body());
    expect(redirectMode).toBe('manual');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: 'redirect', httpStatus: 0, location: null });
  });

  it('the fetch client does not follow one either', async () => {
    other.seen.length = 0;
    api.reply = (res) => res.writeHead(308, { location: `${other.url}/x` }).end();
    const http = createPostpressFetchClient({ apiKey: KEY, baseUrl: api.url });
    const { data, response } = await http.POST('/api/v1/chats/{chat_id}/messages', {
      params: { path: { chat_id: 'c' } },
      body: { text: 'x' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(308);
    expect(other.seen).toHaveLength(0);
  });
});

describe('options are validated when the client is created', () => {
  const names = ['maxRetries', 'timeoutMs', 'retryBaseDelayMs', 'maxRetryDelayMs', 'maxResponseBytes'] as const;
  it.each(names)('%s: NaN, ±Infinity, negative, fractional and non-numbers are refused', (name) => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 1.5, '3', null]) {
      const error = thrown(() => createPostpressClient({ apiKey: KEY, [name]: bad } as never));
      expect(error).toBeInstanceOf(PostpressConfigError);
      expect((error as Error).message).toContain(name);
      expect(leaks(error)).toBe(false);
    }
    expect(() => createPostpressClient({ apiKey: KEY, [name]: 1 })).not.toThrow();
  });

  it('maxRetries: NaN (an unset environment variable) no longer hammers the API', () => {
    expect(() => createPostpressClient({ apiKey: KEY, maxRetries: Number(process.env.POSTPRESS_UNSET_X) })).toThrow(
      /maxRetries must be an integer/,
    );
  });

  it('per-call timeoutMs is checked too, before sending', async () => {
    api.seen.length = 0;
    const { error } = await client().sendMessage('c', body(), { timeoutMs: Number.NaN });
    expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('timeoutMs') });
    expect(api.seen).toHaveLength(0);
  });

  it.each([
    ['credentials', `https://user:${SECRET}@api.example.com`],
    ['a query', `https://api.example.com/?token=${SECRET}`],
    ['a fragment', `https://api.example.com/#${SECRET}`],
    ['a bare ?', 'https://api.example.com/?'],
    ['a bare #', 'https://api.example.com/#'],
  ])('a baseUrl with %s is refused without echoing it', (_what, baseUrl) => {
    const error = thrown(() => createPostpressClient({ apiKey: KEY, baseUrl }));
    expect(error).toBeInstanceOf(PostpressConfigError);
    expect(leaks(error, [SECRET, 'api.example.com'])).toBe(false);
  });

  it.each([`${KEY}\0`, `${KEY}\n`, `${KEY} x`, `${KEY}é`, `${KEY}\u2028`])(
    'a key that is not a valid header value (%j) is refused, not echoed',
    (apiKey) => {
      const error = thrown(() => createPostpressClient({ apiKey }));
      expect(error).toBeInstanceOf(PostpressConfigError);
      expect(leaks(error)).toBe(false);
    },
  );

  it('an x-api-key header in any case is refused: at creation, and per call before sending', async () => {
    for (const name of ['x-api-key', 'X-API-KEY', 'X-Api-Key'])
      expect(() => createPostpressClient({ apiKey: KEY, headers: { [name]: 'other' } })).toThrow(/X-API-KEY/);
    api.seen.length = 0;
    const { error } = await client().sendMessage('c', body(), { headers: { 'x-API-key': 'other' } });
    expect(error?.kind).toBe('invalid_request');
    expect(api.seen).toHaveLength(0);
  });
});

describe('Retry-After is read strictly, every timer clamped', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  it.each(['-1', '1.5', '+5', '2, 3', '1e3', '0x10', '', 'Saturday, 21-Nov-26 10:00:30 GMT', 'soon'])(
    '%j falls back to backoff',
    (header) => {
      expect(retryAfterMs(header, now)).toBeUndefined();
    },
  );

  it('delta-seconds and IMF-fixdate are read', () => {
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs(' 7 ', now)).toBe(7000);
    expect(retryAfterMs('2147484', now)).toBe(2_147_484_000);
    expect(retryAfterMs('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  });

  it('a wait beyond what a timer can hold is clamped, not fired at once', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const controller = new AbortController();
    const waiting = sleep(2_147_484_000, controller.signal);
    expect(spy.mock.calls.at(-1)?.[1]).toBe(MAX_TIMER_MS);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined(); // at once: the caller reads the signal
    spy.mockRestore();
  });

  it('a Retry-After of -1 falls back to backoff (the old parser read it as a date in 2001: no wait)', async () => {
    api.seen.length = 0;
    api.reply = json(429, { status: 429, type: 'errors/too_many_requests', title: 't' }, { 'retry-after': '-1' });
    const random = vi.spyOn(Math, 'random').mockReturnValue(1); // full jitter at its top: exactly the base delay
    const started = performance.now();
    await client({ maxRetries: 1, retryBaseDelayMs: 300 }).sendMessage('c', body());
    random.mockRestore();
    expect(api.seen).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('the key appears nowhere', () => {
  it('a custom fetch that rejects with an error holding its Request and the key', async () => {
    const c = createPostpressClient({
      apiKey: KEY,
      baseUrl: api.url,
      fetch: async (request) => {
        throw Object.assign(new Error(`refused ${request.headers.get('x-api-key')}`, { cause: { request } }), {
          request,
          headers: request.headers,
          code: `E_${KEY}`,
        });
      },
    });
    const { error } = await c.sendMessage('c', body());
    expect(error?.kind).toBe('network');
    expect(leaks(error)).toBe(false);
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toMatch(/Request|Headers/);
  });
});

describe('responses are bounded', { timeout: 30_000 }, () => {
  it('a body over maxResponseBytes is cut off; the error keeps a bounded prefix', async () => {
    api.reply = (res) =>
      res.writeHead(502, { 'content-type': 'text/html' }).end(`<p>${'x'.repeat(3 * 1024 * 1024)}</p>`);
    const { error } = await client({ maxResponseBytes: 1024 * 1024 }).sendMessage('c', body());
    expect(error).toMatchObject({
      kind: 'invalid_response',
      httpStatus: 502,
      reason: expect.stringContaining('maxResponseBytes'),
    });
    expect((error as { rawBody: string }).rawBody.length).toBe(8192);
  });

  it('counted after decompression: a gzip bomb (64 MiB in ~64 KiB) stops at the limit', {
    timeout: 60_000,
  }, async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(200 * 1024);
    api.reply = (res) =>
      res.writeHead(201, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
    const { error } = await client().sendMessage('c', body()); // default 10 MiB
    expect(error).toMatchObject({ kind: 'invalid_response', reason: expect.stringContaining('10485760') });
  });

  it('a non-API error body keeps only its first 8,192 characters', async () => {
    api.reply = (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('y'.repeat(100_000));
    const { error } = await client().sendMessage('c', body());
    expect((error as { rawBody: string }).rawBody).toBe('y'.repeat(8192));
  });
});

describe('the documented error wins over EPIPE', () => {
  it('an answer sent while the upload is still running, the rest unread and the connection dropped, is what the caller gets', {
    timeout: 120_000,
  }, async () => {
    const early = createServer((req, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json', connection: 'close' })
        .end(JSON.stringify({ status: 401, type: 'errors/missing_credentials', title: 'Missing credentials' }));
      res.on('finish', () => req.socket.destroy()); // never reads the body
    });
    early.listen(0, '127.0.0.1');
    await once(early, 'listening');
    const c = client({ baseUrl: `http://127.0.0.1:${(early.address() as AddressInfo).port}` });
    const kinds: string[] = [];
    for (const size of [512 * 1024, 4 * 1024 * 1024])
      for (let i = 0; i < 6; i++) {
        const { error } = await c.sendMessage('c', { attachments: [new File([new Uint8Array(size)], 'big.bin')] });
        kinds.push(error?.kind === 'api' ? error.type : `${error?.kind}: ${JSON.stringify(error)}`);
      }
    early.closeAllConnections();
    early.close();
    expect(kinds).toEqual(Array(12).fill('errors/missing_credentials'));
  });
});

describe('smaller', () => {
  it('a 2xx without the fields the spec requires is an invalid_response, not data', async () => {
    api.reply = json(201, { object: 'ChatStarted', message_id: 'm' }); // no chat_id
    const { data, error } = await client().startChat({ account_id: 'a', attendees_ids: ['b'] });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      kind: 'invalid_response',
      httpStatus: 201,
      reason: expect.stringContaining('chat_id'),
    });
  });

  it('a lone surrogate in chatId or in text is refused before sending', async () => {
    api.seen.length = 0;
    expect((await client().sendMessage('chat_\uD800', body())).error?.kind).toBe('invalid_request');
    expect((await client().sendMessage('chat_1', { text: 'a\uDC00b' })).error?.kind).toBe('invalid_request');
    expect(api.seen).toHaveLength(0);
  });

  it('100 concurrent calls sharing one AbortSignal raise no MaxListenersExceededWarning', {
    timeout: 60_000,
  }, async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    api.reply = json(201, { object: 'MessageSent', message_id: 'm' });
    const controller = new AbortController();
    for (const timeoutMs of [60_000, 0]) {
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          client({ timeoutMs }).sendMessage('c', { text: 'x' }, { signal: controller.signal }),
        ),
      );
      expect(results.every((r) => r.data?.message_id === 'm')).toBe(true);
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on the next tick
    process.off('warning', onWarning);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });
});
