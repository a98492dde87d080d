// A web page can call the mock: CORS preflights get 204, every answer carries CORS headers and a
// unique x-request-id (the browser run itself is in packages/usage/test/browser.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsAllowedHeaders } from '../src/cors.js';
import { CONTROL_HEADERS, type MockServer, startMockServer } from '../src/index.js';
import { KEY, methodsAt, paths, post, publishedModel, sendMessageBody, startChatBody } from './helpers.js';

const model = publishedModel();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());

const ORIGIN = 'http://127.0.0.1:5173';

function preflight(path: string, requestHeaders: string, method = 'POST') {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': method,
      'access-control-request-headers': requestHeaders,
    },
    signal: AbortSignal.timeout(5_000),
  });
}

const list = (value: string | null) => (value ?? '').split(',').map((s) => s.trim().toLowerCase());

describe('CORS preflight', () => {
  it('answers 204 with any origin, the methods of the path, the API headers and every control header allowed', async () => {
    const res = await preflight(paths.startChat, 'x-api-key, content-type, x-postpress-mock-error');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const template = model.operations.find((op) => op.path === paths.startChat)?.path ?? '';
    expect(new Set(list(res.headers.get('access-control-allow-methods')))).toEqual(
      new Set(methodsAt(model, template).map((m) => m.toLowerCase())),
    );
    const allowed = list(res.headers.get('access-control-allow-headers'));
    for (const name of ['x-api-key', 'content-type', ...Object.values(CONTROL_HEADERS)])
      expect(allowed).toContain(name);
    expect(corsAllowedHeaders()).toEqual(expect.arrayContaining(['x-api-key', 'content-type']));
  });

  it('also allows a header the page asks for beyond the list (e.g. a client identification header)', async () => {
    const res = await preflight(paths.sendMessage, 'x-api-key, x-stainless-like-header');
    expect(res.status).toBe(204);
    expect(list(res.headers.get('access-control-allow-headers'))).toContain('x-stainless-like-header');
  });

  it('a preflight of a path no operation has allows every method of the model', async () => {
    const res = await preflight('/api/v1/nope', 'x-api-key');
    expect(res.status).toBe(204);
    const all = new Set(model.operations.flatMap((op) => methodsAt(model, op.path)).map((m) => m.toLowerCase()));
    expect(new Set(list(res.headers.get('access-control-allow-methods')))).toEqual(all);
  });

  it('an OPTIONS that is not a preflight (no Access-Control-Request-Method) is a 405 listing the methods', async () => {
    const res = await fetch(`${server.url}${paths.startChat}`, {
      method: 'OPTIONS',
      signal: AbortSignal.timeout(5_000),
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBeTruthy();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('headers on every answer', () => {
  it('a success carries allow-origin *, the exposed headers and an x-request-id', async () => {
    const res = await post(`${server.url}${paths.startChat}`, startChatBody(), { origin: ORIGIN });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(list(res.headers.get('access-control-expose-headers'))).toEqual(['x-request-id', 'retry-after']);
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
  });

  it('errors carry them too: 401, 404, a forced 422 and a 429 with retry-after', async () => {
    const answers = [
      await post(`${server.url}${paths.startChat}`, startChatBody(), { 'X-API-KEY': '' }),
      await post(`${server.url}/api/v1/nope`, sendMessageBody()),
      await post(`${server.url}${paths.startChat}`, startChatBody(), {
        [CONTROL_HEADERS.error]: 'errors/limit_exceeded',
      }),
      await post(`${server.url}${paths.sendMessage}`, sendMessageBody(), {
        [CONTROL_HEADERS.error]: 'errors/too_many_requests',
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 404, 422, 429]);
    for (const a of answers) {
      expect(a.headers.get('access-control-allow-origin')).toBe('*');
      expect(a.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    }
    expect(answers[3]?.headers.get('retry-after')).toBe('1');
    expect(JSON.stringify(answers.map((a) => Object.fromEntries(a.headers)))).not.toContain(KEY);
  });

  it('every answer gets a different x-request-id', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 20; i++)
      ids.add((await post(`${server.url}${paths.sendMessage}`, sendMessageBody())).headers.get('x-request-id'));
    expect(ids.size).toBe(20);
    expect(ids.has(null)).toBe(false);
  });
});
