// Issue 14, the client-runtime parts: errors a person can read and a program can narrow (Error
// subclasses, with the same fields), an opt-in throwing style, visible retries (logger, attempts,
// request ids), 429/503 retried whatever their body, per-call maxRetries, SDK identification,
// and no client in a browser unless asked for.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as dist from '../dist/index.js';
import {
  createPostpressClient,
  createPostpressFetchClient,
  type Logger,
  PostpressConfigError,
  PostpressError,
  unwrap,
} from '../src/index.js';
import { json, startServer } from './helpers/server.js';

const KEY = 'pp_test_dx_S3CR3T';
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8'));
let script: ((res: ServerResponse) => void)[] = [];
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => (script[server.requests.length - 1] ?? script.at(-1))?.(res));
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(() => server.close());

const lines: [string, string][] = [];
const at = (level: string) => (message: string) => {
  lines.push([level, message]);
};
const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
const client = (options: Partial<Parameters<typeof createPostpressClient>[0]> = {}) =>
  createPostpressClient({ apiKey: KEY, baseUrl: server.url, retryBaseDelayMs: 1, logger, ...options });
const envelope =
  (status: number, type: string, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    json(res, status, { status, type, title: `The ${type.slice(7)}` }, headers);
const sent = (res: ServerResponse) =>
  json(res, 201, { object: 'MessageSent', message_id: 'msg_1' }, { 'x-request-id': 'req_ok' });

describe('errors a person can read and a program can narrow', () => {
  it('every kind is a PostpressError (an Error) with a readable message, a stack and the same fields', async () => {
    const messages: Record<string, string> = {};
    const check = (error: unknown, pattern: RegExp) => {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(PostpressError);
      const e = error as PostpressError<'sendMessage'>;
      expect(e.name).toBe('PostpressError');
      expect(e.stack).toContain('PostpressError');
      expect(e.message).toMatch(pattern);
      expect(String(e)).toContain(e.message);
      expect(inspect(e, { depth: Number.POSITIVE_INFINITY })).not.toContain(KEY);
      messages[e.kind] = e.message;
    };
    script = [envelope(422, 'errors/limit_exceeded', { 'x-request-id': 'req_1' })];
    check(
      (await client().sendMessage('c', { text: 'x' })).error,
      /^422 errors\/limit_exceeded: The limit_exceeded \(request id req_1\)$/,
    );
    script = [envelope(418, 'errors/teapot', { 'x-request-id': 'req_2' })];
    check(
      (await client().sendMessage('c', { text: 'x' })).error,
      /^418 errors\/teapot \(not in the spec\): The teapot \(request id req_2\)$/,
    );
    script = [(res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')];
    check(
      (await client().sendMessage('c', { text: 'x' })).error,
      /^invalid response \(HTTP 502\): expected JSON, got text\/html/,
    );
    script = [(res) => res.writeHead(301, { location: 'https://elsewhere.example/x?k=1' }).end()];
    check(
      (await client().sendMessage('c', { text: 'x' })).error,
      /^redirect: the API answered 301 to https:\/\/elsewhere\.example\/x;/,
    );
    // An answer that comes later than the limit (a warm loopback server can answer within 1 ms).
    script = [(res) => setTimeout(() => res.end(), 500)];
    check(
      (await client({ timeoutMs: 1 }).sendMessage('c', { text: 'x' })).error,
      /^timeout: no complete response within 1 ms$/,
    );
    const network = (await client({ baseUrl: 'http://127.0.0.1:9' }).sendMessage('c', { text: 'x' })).error;
    check(network, /^network: fetch failed/);
    expect(network?.cause).toBeInstanceOf(Error);
    const aborted = (
      await client().sendMessage('c', { text: 'x' }, { signal: AbortSignal.abort(new Error('user left')) })
    ).error;
    check(aborted, /^abort: the call was aborted$/);
    expect(aborted?.cause).toEqual(new Error('user left'));
    check((await client().sendMessage('..', { text: 'x' })).error, /^invalid_request: chat_id must be/);
    expect(Object.keys(messages).sort()).toEqual(
      ['abort', 'api', 'invalid_request', 'invalid_response', 'network', 'redirect', 'timeout', 'undocumented'].sort(),
    );
  });

  it('narrowing on kind, status and type still works on the class instances', async () => {
    script = [envelope(422, 'errors/limit_exceeded')];
    const { error } = await client().startChat({ account_id: 'a', attendees_ids: ['b'] });
    expect(error?.status === 422 && error.type === 'errors/limit_exceeded' && error.kind === 'api').toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      kind: 'api',
      status: 422,
      type: 'errors/limit_exceeded',
    });
  });

  it('instanceof holds across copies of the package (src and the built dist here; ESM and CommonJS builds for users)', async () => {
    script = [envelope(422, 'errors/limit_exceeded')];
    const { error } = await client().sendMessage('c', { text: 'x' });
    expect(error).toBeInstanceOf(dist.PostpressError);
    expect(dist.PostpressError).not.toBe(PostpressError);
    expect(new Error('other')).not.toBeInstanceOf(PostpressError);
    expect({ kind: 'api' }).not.toBeInstanceOf(PostpressError);
  });

  it('unwrap: the data, or the error thrown (try/catch style)', async () => {
    script = [sent];
    expect((await unwrap(client().sendMessage('c', { text: 'x' }))).message_id).toBe('msg_1');
    script = [envelope(422, 'errors/limit_exceeded')];
    const thrown = await unwrap(client().sendMessage('c', { text: 'x' })).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(PostpressError);
    expect(thrown).toMatchObject({ kind: 'api', status: 422, type: 'errors/limit_exceeded', attempts: 1 });
  });
});

describe('visible retries', () => {
  beforeEach(() => {
    lines.length = 0;
  });

  it('the result tells the attempts made and the request id of each; the logger tells each retry, its wait and reason', async () => {
    script = [
      envelope(503, 'errors/no_client_session', { 'x-request-id': 'req_a', 'retry-after': '0' }),
      envelope(429, 'errors/too_many_requests', { 'x-request-id': 'req_b', 'retry-after': '0' }),
      sent,
    ];
    const result = await client({ logLevel: 'debug' }).sendMessage('c', { text: 'x' });
    expect(result.data?.message_id).toBe('msg_1');
    expect(result.attempts).toBe(3);
    expect(result.requestIds).toEqual(['req_a', 'req_b', 'req_ok']);
    const retries = lines.filter(([level]) => level === 'info').map(([, m]) => m);
    expect(retries).toEqual([
      '[postpress] sendMessage: retrying in 0 ms (attempt 2 of 3) after 503 errors/no_client_session: The no_client_session (request id req_a)',
      '[postpress] sendMessage: retrying in 0 ms (attempt 3 of 3) after 429 errors/too_many_requests: The too_many_requests (request id req_b)',
    ]);
    expect(lines.filter(([level]) => level === 'debug')).toHaveLength(6); // each attempt, each answer
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });

  it('a failed call is a warning by default; logLevel off is silent; a bad level is refused', async () => {
    script = [envelope(422, 'errors/limit_exceeded')];
    vi.stubEnv('POSTPRESS_LOG', undefined); // this suite sets it to 'off' (vitest.config.ts)
    await client().sendMessage('c', { text: 'x' });
    vi.unstubAllEnvs();
    expect(lines).toEqual([
      ['warn', '[postpress] sendMessage failed after 1 attempt(s): 422 errors/limit_exceeded: The limit_exceeded'],
    ]);
    lines.length = 0;
    await client({ logLevel: 'off' }).sendMessage('c', { text: 'x' });
    expect(lines).toEqual([]);
    expect(() => client({ logLevel: 'verbose' as 'off' })).toThrow(PostpressConfigError);
  });

  it('POSTPRESS_LOG sets the level when the option does not', async () => {
    vi.stubEnv('POSTPRESS_LOG', 'debug');
    script = [sent];
    await client().sendMessage('c', { text: 'x' });
    vi.unstubAllEnvs();
    expect(lines.map(([level]) => level)).toEqual(['debug', 'debug']);
  });

  it('429 and 503 are retried whatever their body (a gateway text/plain page)', async () => {
    script = [
      (res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream unavailable'),
      (res) => res.writeHead(429, { 'content-type': 'text/html' }).end('<h1>slow down</h1>'),
      sent,
    ];
    const { data, attempts } = await client().sendMessage('c', { text: 'x' });
    expect(data?.message_id).toBe('msg_1');
    expect(attempts).toBe(3);
  });

  it('maxRetries per call overrides the client', async () => {
    script = [envelope(503, 'errors/no_handler')];
    const { error, attempts } = await client({ maxRetries: 2 }).sendMessage('c', { text: 'x' }, { maxRetries: 0 });
    expect(error?.status).toBe(503);
    expect(attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe('identification and browsers', () => {
  it('sends User-Agent postpress-client/<version> and accept: application/json; a caller header wins', async () => {
    script = [sent];
    await client().sendMessage('c', { text: 'x' });
    expect(server.requests[0]?.headers['user-agent']).toBe(`postpress-client/${version}`);
    expect(server.requests[0]?.headers.accept).toBe('application/json');
    await client({ headers: { 'User-Agent': 'my-app/2' } }).sendMessage('c', { text: 'x' });
    expect(server.requests[1]?.headers['user-agent']).toBe('my-app/2');
  });

  it('creating a client in a browser throws unless dangerouslyAllowBrowser: true', () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    try {
      expect(() => createPostpressClient({ apiKey: KEY })).toThrow(PostpressConfigError);
      expect(() => createPostpressFetchClient({ apiKey: KEY })).toThrow(/dangerouslyAllowBrowser/);
      expect(() => createPostpressClient({ apiKey: KEY, dangerouslyAllowBrowser: true })).not.toThrow();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(() => createPostpressClient({ apiKey: KEY })).not.toThrow();
  });
});
