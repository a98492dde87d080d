// The API key goes only in X-API-KEY and nowhere else; the client refuses what could leak it or
// change the request: plain http to remote hosts, CR/LF in headers, ids that rewrite the path.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient, createPostpressFetchClient, PostpressConfigError } from '../src/index.js';
import { json, startServer } from './helpers/server.js';

const KEY = 'pp_live_S3CR3T_k3y_value';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    json(res, 422, { status: 422, type: 'errors/limit_exceeded', title: 'Limit exceeded' });
  });
});
afterAll(() => server.close());

const leaks = (value: unknown) =>
  [JSON.stringify(value) ?? '', inspect(value, { depth: 10, showHidden: true }), String(value)].some((text) =>
    text.includes(KEY),
  );

describe('the API key', () => {
  it('is sent in X-API-KEY only, never in the URL or elsewhere', async () => {
    const client = createPostpressClient({ apiKey: KEY, baseUrl: server.url });
    await client.startChat({ account_id: 'a', attendees_ids: ['b'] });
    const request = server.requests.at(-1)!;
    expect(request.headers['x-api-key']).toBe(KEY);
    const otherHeaders = Object.entries(request.headers).filter(([name]) => name !== 'x-api-key');
    expect(JSON.stringify(otherHeaders)).not.toContain(KEY);
    expect(request.url).not.toContain(KEY);
    expect(request.body.toString('latin1')).not.toContain(KEY);
  });

  it('appears in no client, result, error, JSON.stringify, util.inspect or log output', async () => {
    const logged: unknown[] = [];
    const client = createPostpressClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
    const apiError = await client.startChat({ account_id: 'a', attendees_ids: ['b'] });
    const offline = createPostpressClient({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9', maxRetries: 0 });
    const network = await offline.sendMessage('c', { text: 'x' });
    const timeout = await createPostpressClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 1 }).sendMessage(
      'c',
      {},
    );
    for (const value of [client, apiError.error, network.error, timeout.error]) {
      logged.push(value);
      expect(leaks(value), inspect(value)).toBe(false);
    }
    expect(apiError.error?.kind).toBe('api');
    expect(network.error?.kind).toBe('network');
    expect(logged).toHaveLength(4);
    for (const bad of [
      { apiKey: `${KEY}\r\nX-Evil: 1` },
      { apiKey: KEY, baseUrl: 'http://api.example.com' },
      { apiKey: KEY, baseUrl: 'not a url' },
    ]) {
      let thrown: unknown;
      try {
        createPostpressClient(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(PostpressConfigError);
      expect(leaks(thrown)).toBe(false);
      expect(leaks((thrown as Error).stack)).toBe(false);
    }
  });
});

describe('transport safety', () => {
  it('refuses plain http to a non-loopback host unless the caller opts in', () => {
    expect(() => createPostpressClient({ apiKey: KEY, baseUrl: 'http://api.postpress.ai' })).toThrow(
      PostpressConfigError,
    );
    expect(() => createPostpressClient({ apiKey: KEY, baseUrl: 'ftp://api.postpress.ai' })).toThrow(/https/);
    for (const loopback of ['http://localhost:4010', 'http://127.0.0.1:4010', 'http://[::1]:4010']) {
      expect(() => createPostpressClient({ apiKey: KEY, baseUrl: loopback })).not.toThrow();
    }
    expect(() =>
      createPostpressClient({ apiKey: KEY, baseUrl: 'http://staging.internal', allowInsecureHttp: true }),
    ).not.toThrow();
    expect(() => createPostpressClient({ apiKey: KEY })).not.toThrow();
  });

  it('createPostpressFetchClient makes the same checks', () => {
    expect(() => createPostpressFetchClient({ apiKey: KEY, baseUrl: 'http://api.postpress.ai' })).toThrow(
      PostpressConfigError,
    );
    expect(() => createPostpressFetchClient({ apiKey: '' })).toThrow(/apiKey is required/);
    expect(() => createPostpressFetchClient({ apiKey: KEY, headers: { 'X-Trace': 'a\r\nX-Evil: 1' } })).toThrow(
      /CR or LF/,
    );
    expect(() => createPostpressFetchClient({ apiKey: KEY, baseUrl: 'http://localhost:4010' })).not.toThrow();
  });

  it('rejects header values with CR/LF before sending anything', async () => {
    expect(() =>
      createPostpressClient({ apiKey: KEY, baseUrl: server.url, headers: { 'X-Trace': 'a\r\nX-Evil: 1' } }),
    ).toThrow(/CR or LF/);
    const before = server.requests.length;
    const client = createPostpressClient({ apiKey: KEY, baseUrl: server.url });
    const { error } = await client.sendMessage('c', { text: 'x' }, { headers: { 'X-Trace': 'a\nb' } });
    expect(error).toMatchObject({ kind: 'invalid_request', message: expect.stringContaining('CR or LF') });
    expect(server.requests.length).toBe(before);
  });

  it.each([
    ['a/b', '/api/v1/chats/a%2Fb/messages'],
    ['../../admin', '/api/v1/chats/..%2F..%2Fadmin/messages'],
    ['x?y=1', '/api/v1/chats/x%3Fy%3D1/messages'],
    ['x#frag', '/api/v1/chats/x%23frag/messages'],
    ['a%2Fb', '/api/v1/chats/a%252Fb/messages'],
    ['chat 1', '/api/v1/chats/chat%201/messages'],
  ])('chat id %j stays one path segment', async (chatId, path) => {
    const client = createPostpressClient({ apiKey: KEY, baseUrl: server.url });
    await client.sendMessage(chatId, { text: 'x' });
    expect(server.requests.at(-1)?.url).toBe(path);
  });

  it.each(['..', '.', ''])('chat id %j is refused', async (chatId) => {
    const before = server.requests.length;
    const client = createPostpressClient({ apiKey: KEY, baseUrl: server.url });
    const { error } = await client.sendMessage(chatId, { text: 'x' });
    expect(error?.kind).toBe('invalid_request');
    expect(server.requests.length).toBe(before);
  });
});
