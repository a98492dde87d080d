// Issue 17, cases 4 and "inspectable": file names come back exactly as sent (UTF-8, paths kept),
// every request is recorded (key redacted) through the handle and GET /__mock/requests.
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockServer, type ReceivedRequest, startMockServer } from '../src/index.js';
import { RECORDED_CHARS, REDACTED } from '../src/inspect.js';
import { INSPECT_PATH } from '../src/server.js';
import { KEY, paths, sendMessageBody } from './helpers.js';
import { exchange, parseResponse, post } from './raw.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.clearRequests());
const messages = () => `${mock.url}${paths.sendMessage}`;

/** The characters a record holds: method, path, header names and values, part names, values, file names and types, body. */
function recordedChars(record: ReceivedRequest): number {
  const headers = Object.entries(record.headers).reduce(
    (sum, [name, value]) => sum + name.length + (Array.isArray(value) ? value.join('') : value).length,
    0,
  );
  const parts = record.parts.reduce(
    (sum, p) => sum + p.name.length + p.contentType.length + (p.kind === 'field' ? p.value.length : p.filename.length),
    0,
  );
  return record.method.length + record.path.length + headers + parts + (record.body?.length ?? 0);
}

/** A multipart body written by hand, for names fetch would escape or refuse. */
function rawBody(parts: string[]) {
  return `${parts.map((p) => `--XYZ\r\n${p}`).join('\r\n')}\r\n--XYZ--\r\n`;
}
const multipart = { 'content-type': 'multipart/form-data; boundary=XYZ' };

describe('file names, exactly as sent', { timeout: 60_000 }, () => {
  const names = ['ü.txt', 'café.pdf', '../../etc/passwd', 'a\\b.txt', '日本語.txt', '😀.png', 'C:\\Users\\me\\cv.pdf'];

  it('keeps UTF-8 names and paths (was Ã¼, cafÃ©, passwd, b.txt)', async () => {
    const body = sendMessageBody();
    for (const name of names) body.append('attachments', new Blob(['abc'], { type: 'text/plain' }), name);
    const res = await post(messages(), body);
    expect(res.status).toBe(201);
    const [received] = mock.requests();
    const files = received?.parts.filter((p) => p.kind === 'file');
    expect(files?.map((f) => (f.kind === 'file' ? f.filename : ''))).toEqual(names);
    expect(files?.every((f) => f.name === 'attachments' && f.size === 3 && f.contentType === 'text/plain')).toBe(true);
  });

  it('reads an RFC 5987 filename* too', async () => {
    const body = rawBody([
      'Content-Disposition: form-data; name="attachments"; filename*=UTF-8\'\'caf%C3%A9%20%C3%BC.pdf\r\n\r\nx',
    ]);
    expect((await post(messages(), body, multipart)).status).toBe(201);
    expect(mock.requests()[0]?.parts[0]).toMatchObject({ kind: 'file', filename: 'café ü.pdf', size: 1 });
  });

  it('refuses a part it cannot read instead of dropping it: a filename ending in a backslash', async () => {
    // What fetch sends for a file named `x\`: the backslash escapes the closing quote.
    const body = new FormData();
    body.append('text', 'hi');
    body.append('attachments', new Blob(['abc']), 'x\\');
    const res = await post(messages(), body);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' }); // sendMessage documents no 400
    expect(res.json.detail).toContain('1 of 2 parts could not be read');
  });

  it('refuses a part without Content-Disposition instead of dropping it', async () => {
    const body = rawBody([
      'Content-Disposition: form-data; name="text"\r\n\r\nhi',
      'Content-Type: text/plain\r\n\r\nlost?',
    ]);
    const res = await post(messages(), body, multipart);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' }); // sendMessage documents no 400
    expect(res.json.detail).toContain('could not be read');
  });

  it.each([
    ['an empty name', 'Content-Disposition: form-data; name=""\r\n\r\nx'],
    ['no name', 'Content-Disposition: form-data\r\n\r\nx'],
    ['an empty file part name', 'Content-Disposition: form-data; name=""; filename="a.txt"\r\n\r\nx'],
  ])('answers a part with %s with a clear detail, not "undefined"', async (_label, part) => {
    const res = await post(messages(), rawBody([part]), multipart);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' }); // sendMessage documents no 400
    expect(res.json.detail).toContain('empty or missing name');
    expect(res.json.detail).not.toContain('undefined');
  });

  it('a body whose epilogue repeats the boundary is still read', async () => {
    const body = `${rawBody(['Content-Disposition: form-data; name="text"\r\n\r\nhi'])}\r\n--XYZ\r\nnot a part\r\n`;
    expect((await post(messages(), body, multipart)).status).toBe(201);
  });
});

describe('requests()', { timeout: 60_000 }, () => {
  it('records method, path, redacted headers, each part and the answer', async () => {
    const body = new FormData();
    body.append('text', 'héllo');
    body.append('attachments', new Blob([new Uint8Array(1000)], { type: 'application/pdf' }), 'cv.pdf');
    // `trace` is no query parameter of the operation: refused, and recorded with everything read.
    await post(`${messages()}?trace=1`, body, { 'X-Trace': 't-1' });
    const [received] = mock.requests();
    expect(received).toMatchObject({
      seq: expect.any(Number),
      method: 'POST',
      path: `${paths.sendMessage}?trace=1`,
      response: { status: 422, type: 'errors/invalid_message' }, // sendMessage documents no 400
    });
    expect(received?.headers['x-api-key']).toBe(REDACTED);
    expect(received?.headers['x-trace']).toBe('t-1');
    expect(received?.parts).toEqual([
      { kind: 'field', name: 'text', value: 'héllo', contentType: 'text/plain', size: 6 },
      { kind: 'file', name: 'attachments', filename: 'cv.pdf', contentType: 'application/pdf', size: 1000 },
    ]);
  });

  it('records refused requests too, with the parts read before the answer', async () => {
    await post(messages(), rawBody(['Content-Disposition: form-data; name="colour"\r\n\r\nblue']), multipart);
    await fetch(`${mock.url}/api/v1/nope`, { method: 'PUT' });
    const [invalid, notFound] = mock.requests();
    expect(invalid?.parts).toEqual([
      { kind: 'field', name: 'colour', value: 'blue', contentType: 'text/plain', size: 4 },
    ]);
    expect(invalid?.response).toEqual({ status: 422, type: 'errors/invalid_message' });
    expect(notFound).toMatchObject({ method: 'PUT', path: '/api/v1/nope', response: { status: 404 } });
  });

  it('never holds the key: util.inspect at full depth, JSON, and the HTTP endpoint', async () => {
    await post(messages(), sendMessageBody());
    await post(messages(), sendMessageBody(), { 'X-API-KEY': `${KEY}-other`, Authorization: `Bearer ${KEY}` });
    const records = mock.requests();
    expect(records).toHaveLength(2);
    expect(inspect(records, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(records)).not.toContain(KEY);
    expect(records[1]?.headers.authorization).toBe(REDACTED);
    const endpoint = await (await fetch(`${mock.url}${INSPECT_PATH}`, { headers: { 'X-API-KEY': KEY } })).text();
    expect(endpoint).toContain('"x-api-key":"[redacted]"');
    expect(endpoint).not.toContain(KEY);
  });

  it('keeps only the last recordRequests requests', async () => {
    const small = await startMockServer({ recordRequests: 3 });
    try {
      for (let i = 0; i < 5; i++) await fetch(`${small.url}/r${i}`);
      expect(small.requests().map((r) => r.path)).toEqual(['/r2', '/r3', '/r4']);
      expect(small.requests().map((r) => r.seq)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });

  it('keeps at most 64 Ki characters per record in all (path, headers, parts), with exact sizes', async () => {
    const body = new FormData();
    body.append('text', 'x'.repeat(100_000));
    await post(messages(), body, { 'X-Trace': 't'.repeat(4_000) });
    const [record] = mock.requests();
    const [part] = record?.parts ?? [];
    expect(part).toMatchObject({ kind: 'field', name: 'text', size: 100_000, valueTruncated: true });
    expect(record && recordedChars(record)).toBe(RECORDED_CHARS);
    expect(record?.headers['x-trace']).toBe('t'.repeat(4_000));
  });

  it('a part that no longer fits is counted, not listed: one record never passes 64 Ki characters', async () => {
    const body = new FormData();
    body.append('text', 'é'.repeat(60_000));
    body.append('attachments', new Blob(['x']), 'a'.repeat(10_000));
    await post(messages(), body);
    const [record] = mock.requests();
    expect(record && recordedChars(record)).toBeLessThanOrEqual(RECORDED_CHARS);
    expect(record?.partsOmitted).toBe(1);
  });

  it('returns copies: changing them changes nothing', async () => {
    await fetch(`${mock.url}/x`);
    const first = mock.requests();
    (first[0] as { path: string }).path = '/changed';
    expect(mock.requests()[0]?.path).toBe('/x');
  });
});

describe(`${INSPECT_PATH}`, { timeout: 60_000 }, () => {
  it('GET lists, DELETE clears; neither is recorded itself', async () => {
    await fetch(`${mock.url}/api/v1/nope`, { headers: { 'X-API-KEY': KEY } });
    const listed = await (await fetch(`${mock.url}${INSPECT_PATH}`, { headers: { 'X-API-KEY': KEY } })).json();
    expect(listed.requests.map((r: { path: string }) => r.path)).toEqual(['/api/v1/nope']);
    const cleared = await fetch(`${mock.url}${INSPECT_PATH}`, { method: 'DELETE', headers: { 'X-API-KEY': KEY } });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect(mock.requests()).toEqual([]);
  });

  it('answers other methods 405 and other /__mock/ paths 404, with the envelope', async () => {
    const wrong = await fetch(`${mock.url}${INSPECT_PATH}`, { method: 'POST', headers: { 'X-API-KEY': KEY } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, DELETE');
    expect(await wrong.json()).toMatchObject({ type: 'mock/method_not_allowed' });
    const other = await fetch(`${mock.url}/__mock/nope`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ type: 'errors/resource_not_found' });
  });

  it('lists requests the parser refused before any handler ran (CONNECT)', async () => {
    const { text } = await exchange(mock.port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']);
    expect(parseResponse(text).status).toBe(405);
    expect(mock.requests()).toMatchObject([
      { method: 'CONNECT', path: 'example.com:443', response: { status: 405, type: 'mock/method_not_allowed' } },
    ]);
  });
});

// Issue 25 item 8: the inspection endpoint answers only a caller with a key (its own records), or
// anyone on this machine with inspect 'open'; never a page of another web origin.
describe(`${INSPECT_PATH}: whose records, and for whom`, { timeout: 60_000 }, () => {
  const OTHER = 'pp_test_an0therTenant';
  const list = (key?: string, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}${INSPECT_PATH}`, { headers: { ...(key ? { 'X-API-KEY': key } : {}), ...headers } });

  it('without a key (or with one that is not a postpress key): 401 mock/unauthorized, nothing listed', async () => {
    await post(messages(), sendMessageBody());
    for (const key of [undefined, 'not-a-key']) {
      const res = await list(key);
      expect(res.status).toBe(401);
      const body = await res.json();
      expect(body).toMatchObject({ status: 401, type: 'mock/unauthorized' });
      expect(body.detail).toContain('X-API-KEY');
      expect(JSON.stringify(body)).not.toContain('Got it');
    }
  });

  it('each key sees and clears only the requests sent with it; requests without a key are listed to none', async () => {
    await post(messages(), sendMessageBody()); // KEY
    await post(messages(), sendMessageBody(), { 'X-API-KEY': OTHER });
    await post(messages(), sendMessageBody(), { 'X-API-KEY': '' }); // no key: 401, recorded
    const mine = (await (await list(KEY)).json()).requests;
    const theirs = (await (await list(OTHER)).json()).requests;
    expect(mine.map((r: ReceivedRequest) => r.response?.status)).toEqual([201]);
    expect(theirs.map((r: ReceivedRequest) => r.response?.status)).toEqual([201]);
    expect(mine[0].seq).not.toBe(theirs[0].seq);
    expect(mock.requests()).toHaveLength(3); // the handle, in the test's own process, sees every record
    const cleared = await fetch(`${mock.url}${INSPECT_PATH}`, { method: 'DELETE', headers: { 'X-API-KEY': OTHER } });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await (await list(KEY)).json()).requests).toHaveLength(1);
    expect((await (await list(OTHER)).json()).requests).toHaveLength(0);
    expect(mock.requests()).toHaveLength(2);
  });

  it('carries no CORS headers, refuses a CORS preflight and any request from another web origin', async () => {
    await post(messages(), sendMessageBody());
    const own = await list(KEY);
    expect(own.status).toBe(200);
    expect([...own.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const api = await fetch(`${mock.url}/api/v1/nope`); // the API's answers do carry them
    expect(api.headers.get('access-control-allow-origin')).toBe('*');

    const preflight = await fetch(`${mock.url}${INSPECT_PATH}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://page.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-api-key',
      },
    });
    expect(preflight.status).toBe(403);
    expect([...preflight.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);

    for (const headers of [{ Origin: 'http://page.example' }, { 'Sec-Fetch-Site': 'cross-site' }] as Record<
      string,
      string
    >[]) {
      const res = await list(KEY, headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ type: 'mock/forbidden' });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    // The mock's own origin (a same-origin request) is answered.
    expect((await list(KEY, { Origin: new URL(mock.url).origin })).status).toBe(200);
  });

  it("inspect 'open': anyone on this machine lists and clears every record, without a key; another host name is refused", async () => {
    const open = await startMockServer({ inspect: 'open' });
    try {
      await post(`${open.url}${paths.sendMessage}`, sendMessageBody());
      await post(`${open.url}${paths.sendMessage}`, sendMessageBody(), { 'X-API-KEY': OTHER });
      const listed = await (await fetch(`${open.url}${INSPECT_PATH}`)).json();
      expect(listed.requests).toHaveLength(2);
      // A name that resolves to this machine through someone else's DNS (rebinding) is not this machine.
      const { text } = await exchange(open.port, [
        `GET ${INSPECT_PATH} HTTP/1.1\r\nHost: page.example:${open.port}\r\nConnection: close\r\n\r\n`,
      ]);
      const refused = parseResponse(text);
      expect(refused.status).toBe(403);
      expect(refused.body).not.toContain('Got it');
      expect(await (await fetch(`${open.url}${INSPECT_PATH}`, { method: 'DELETE' })).json()).toEqual({ cleared: 2 });
    } finally {
      await open.close();
    }
  });

  it('an inspect mode that is not one is refused with a RangeError naming it', async () => {
    await expect(startMockServer({ inspect: 'public' as 'open' })).rejects.toThrow(/inspect/);
  });
});
