// Issue 17, case 2: requests node:http cannot parse (or that never reach a handler) get a complete
// HTTP/1.1 answer with the error envelope, sent over raw sockets, and the server keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { KEY, methodsAt, paths, publishedModel, sendMessageBody } from './helpers.js';

const model = publishedModel();
/** Every method some operation of the model answers (HEAD where GET is). */
const allMethods = new Set(model.operations.flatMap((op) => methodsAt(model, op.path)));

import { exchange, parseResponse, post } from './raw.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

const post1 = (extra: string, body = '') =>
  `POST ${paths.startChat} HTTP/1.1\r\nHost: mock\r\nX-API-KEY: ${KEY}\r\n${extra}\r\n${body}`;

// [case, bytes, status, type, words the detail must contain]
const table: [string, string, number, string, string?][] = [
  [
    'a header line over 16 KiB',
    `GET / HTTP/1.1\r\nHost: mock\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    431,
    'mock/header_fields_too_large',
  ],
  ['a 100 KB path', `GET /${'p'.repeat(100_000)} HTTP/1.1\r\nHost: mock\r\n\r\n`, 414, 'mock/uri_too_long'],
  [
    'a bad chunk size',
    post1('Transfer-Encoding: chunked\r\n', 'zz\r\nabc\r\n0\r\n\r\n'),
    400,
    'errors/malformed_request',
    'chunk',
  ],
  [
    'Content-Length plus Transfer-Encoding',
    post1('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    400,
    'errors/malformed_request',
    'Content-Length',
  ],
  [
    'Transfer-Encoding plus Content-Length',
    post1('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n', '0\r\n\r\n'),
    400,
    'errors/malformed_request',
    'Transfer-Encoding',
  ],
  [
    'two Content-Length headers',
    post1('Content-Length: 5\r\nContent-Length: 6\r\n', 'abcde'),
    400,
    'errors/malformed_request',
    'Content-Length',
  ],
  ['a non-numeric Content-Length', post1('Content-Length: five\r\n'), 400, 'errors/malformed_request'],
  ['Transfer-Encoding: gzip', post1('Transfer-Encoding: gzip\r\n', 'abc'), 400, 'errors/malformed_request'],
  ['a header name with a space', 'GET / HTTP/1.1\r\nHo st: mock\r\n\r\n', 400, 'errors/malformed_request'],
  ['a NUL in a header value', 'GET / HTTP/1.1\r\nHost: mo\0ck\r\n\r\n', 400, 'errors/malformed_request'],
  ['a control character in the path', 'GET /\u0001 HTTP/1.1\r\nHost: mock\r\n\r\n', 400, 'errors/malformed_request'],
  ['bare LF line ends', 'GET / HTTP/1.1\nHost: mock\n\n', 400, 'errors/malformed_request'],
  ['an unknown method', 'FOO /api/v1/chats HTTP/1.1\r\nHost: mock\r\n\r\n', 501, 'mock/method_not_implemented'],
  ['another unknown method', 'BREW /pot HTTP/1.1\r\nHost: mock\r\n\r\n', 501, 'mock/method_not_implemented'],
  ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405, 'mock/method_not_allowed'],
  ['HTTP/2.0 in the request line', 'GET / HTTP/2.0\r\nHost: mock\r\n\r\n', 505, 'mock/http_version_not_supported'],
  [
    'a target that is not a URL',
    'GET http://[ HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n',
    400,
    'errors/malformed_request',
    'not a valid path',
  ],
  ['not HTTP at all', 'NOT HTTP AT ALL\r\n\r\n', 400, 'errors/malformed_request', 'request line'],
  [
    'an HTTP/1.1 request without Host',
    'GET / HTTP/1.1\r\nConnection: close\r\n\r\n',
    400,
    'errors/malformed_request',
    'Host',
  ],
  [
    'an Expect other than 100-continue',
    // A client that asks first waits for the answer before sending its body: answered without it.
    `${post1('Expect: tea\r\nContent-Length: 100\r\n')}`,
    417,
    'mock/expectation_failed',
  ],
];

const cases = table.map(([name, bytes, status, type, words]) => ({ name, bytes, status, type, words }));

describe('requests the parser cannot read', { timeout: 60_000 }, () => {
  it.each(cases)('$name → $status $type', async ({ bytes, status, type, words }) => {
    const { text, closed } = await exchange(server.port, [bytes]);
    expect(closed, 'the mock closes the connection after answering').toBe(true);
    const res = parseResponse(text);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const envelope = JSON.parse(res.body);
    expect(envelope).toMatchObject({ status, type });
    expect(typeof envelope.title).toBe('string');
    if (words) expect(envelope.detail).toContain(words);
    if (status === 405) expect(new Set(res.headers.allow?.split(', '))).toEqual(allMethods);
    expect(text).not.toContain(KEY);
  });

  it('keeps serving after all of them', async () => {
    for (const { bytes } of cases) await exchange(server.port, [bytes]);
    const ok = await post(`${server.url}${paths.sendMessage}`, sendMessageBody());
    expect(ok.status).toBe(201);
  });
});

describe('HEAD', { timeout: 60_000 }, () => {
  it('gets the headers of GET with the length of the envelope and no body, on a connection that stays usable', async () => {
    const get = await fetch(`${server.url}/api/v1/nope`);
    const getBody = await get.text();
    const { text } = await exchange(server.port, [
      `HEAD /api/v1/nope HTTP/1.1\r\nHost: mock\r\n\r\n`,
      `GET /api/v1/nope HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n`,
    ]);
    const head = parseResponse(text);
    expect(head.status).toBe(get.status);
    expect(head.status).toBe(404);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(getBody));
    // No body: the pipelined second response starts right after the HEAD headers.
    const second = text.slice(text.indexOf('\r\n\r\n') + 4);
    expect(second).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(JSON.parse(parseResponse(second).body)).toMatchObject({ type: 'errors/resource_not_found' });
  });
});
