// Issue 17, cases 1, 3 and 5: every limit refuses with an error that names it (nothing is dropped),
// timeouts and the connection cap answer with the envelope, the scenario map is bounded, and an
// early answer (401, content_too_large) reaches a client that is still uploading.
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS, type MockServer, type MockServerOptions, startMockServer } from '../src/index.js';
import { KEY, paths, sendMessageBody } from './helpers.js';
import { exchange, parseResponse, post } from './raw.js';

const open: MockServer[] = [];
async function mockWith(options: MockServerOptions) {
  const mock = await startMockServer(options);
  open.push(mock);
  return mock;
}
afterAll(() => Promise.all(open.map((m) => m.close())));

function form(entries: [string, string][]) {
  const body = new FormData();
  for (const [name, value] of entries) body.append(name, value);
  return body;
}
const messagesOf = (mock: MockServer) => `${mock.url}${paths.sendMessage}`;

describe('limits refuse, naming the limit', { timeout: 60_000 }, () => {
  it('10,000 × attendees_ids[] then evil=x: 400 content_too_large naming maxFields (was 201)', async () => {
    const mock = await mockWith({});
    const body = new FormData();
    body.append('account_id', 'acc_1');
    for (let i = 0; i < 10_000; i++) body.append('attendees_ids[]', `ACo${i}`);
    body.append('evil', 'x');
    const res = await post(`${mock.url}${paths.startChat}`, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, type: 'errors/content_too_large' });
    expect(res.json.detail).toContain('maxFields');
    expect(res.json.detail).toContain(String(LIMITS.maxFields.default));
  });

  it('a text field right at maxFields passes, one more is refused', async () => {
    const mock = await mockWith({ maxFields: 1 });
    expect((await post(messagesOf(mock), form([['text', 'hi']]))).status).toBe(201);
    const res = await post(
      messagesOf(mock),
      form([
        ['text', 'hi'],
        ['text', 'again'],
      ]),
    );
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('maxFields: 1');
  });

  it('a file past maxFiles is refused, not dropped (was 201 past #1,000)', async () => {
    const mock = await mockWith({ maxFiles: 2 });
    const body = sendMessageBody();
    for (let i = 0; i < 2; i++) body.append('attachments', new Blob(['x']), `f${i}.txt`);
    expect((await post(messagesOf(mock), body)).status).toBe(201);
    body.append('attachments', new Blob(['x']), 'f2.txt');
    const res = await post(messagesOf(mock), body);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('maxFiles: 2');
  });

  it('more parts than maxParts is refused', async () => {
    const mock = await mockWith({ maxParts: 3 });
    const body = sendMessageBody();
    body.append('attachments', new Blob(['x']), 'a.txt');
    body.append('attachments', new Blob(['x']), 'b.txt');
    expect((await post(messagesOf(mock), body)).status).toBe(201);
    body.append('attachments', new Blob(['x']), 'c.txt');
    const res = await post(messagesOf(mock), body);
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('maxParts: 3');
  });

  it('a text field longer than maxFieldBytes is refused, one right at it passes (text is never buffered past it)', async () => {
    const mock = await mockWith({ maxFieldBytes: 10 });
    expect((await post(messagesOf(mock), form([['text', 'é'.repeat(5)]]))).status).toBe(201); // 10 bytes
    const res = await post(messagesOf(mock), form([['text', `${'é'.repeat(5)}!`]]));
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('maxFieldBytes: 10');
    expect(res.json.detail).toContain('text');
  });

  it('the default text field limit is 1 MiB', async () => {
    const mock = await mockWith({});
    expect(mock.limits.maxFieldBytes).toBe(1024 * 1024);
    const res = await post(messagesOf(mock), form([['text', 'x'.repeat(1024 * 1024 + 1)]]));
    expect(res.json.type).toBe('errors/invalid_message'); // sendMessage documents no 400
    expect(res.json.detail).toContain('maxFieldBytes');
  });

  it('a body past maxBodyBytes names the limit', async () => {
    const mock = await mockWith({ maxBodyBytes: 1024 });
    const res = await post(messagesOf(mock), form([['text', 'x'.repeat(2048)]]));
    expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('maxBodyBytes: 1024');
  });

  it('refuses options that are not whole numbers in range, naming them', async () => {
    await expect(startMockServer({ maxParts: -1 })).rejects.toThrow(/maxParts/);
    await expect(startMockServer({ maxFieldBytes: Number.NaN })).rejects.toThrow(/maxFieldBytes/);
    await expect(startMockServer({ idleTimeoutMs: 0 })).rejects.toThrow(/idleTimeoutMs/);
    await expect(startMockServer({ headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 })).rejects.toThrow(
      /headersTimeoutMs/,
    );
  });
});

const head = (length: number | 'chunked') =>
  `POST ${paths.sendMessage} HTTP/1.1\r\nHost: mock\r\nX-API-KEY: ${KEY}\r\n` +
  `Content-Type: multipart/form-data; boundary=XYZ\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n\r\n' : `Content-Length: ${length}\r\n\r\n`);

describe('timeouts answer 408 with the envelope, naming the limit', { timeout: 60_000 }, () => {
  it('headers that stop arriving: headersTimeoutMs', async () => {
    const mock = await mockWith({ headersTimeoutMs: 300, requestTimeoutMs: 5_000 });
    const { text, closed } = await exchange(mock.port, [`POST ${paths.sendMessage} HTTP/1.1\r\nHost: mock\r\n`]);
    expect(closed).toBe(true);
    const res = parseResponse(text);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body)).toMatchObject({ status: 408, type: 'mock/request_timeout' });
    expect(JSON.parse(res.body).detail).toContain('headersTimeoutMs');
  });

  it('a body that stalls: idleTimeoutMs', async () => {
    const mock = await mockWith({ idleTimeoutMs: 300 });
    const { text, closed } = await exchange(mock.port, [head(5_000), '--XYZ\r\n']);
    expect(closed).toBe(true);
    const res = parseResponse(text);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).detail).toContain('idleTimeoutMs');
    const [received] = mock.requests();
    expect(received?.response).toEqual({ status: 408, type: 'mock/request_timeout' });
  });

  it('a body that trickles in for too long: requestTimeoutMs', async () => {
    const mock = await mockWith({ headersTimeoutMs: 200, requestTimeoutMs: 600, idleTimeoutMs: 5_000 });
    const trickle = Array.from({ length: 40 }, () => ['-', 100]).flat() as (string | number)[];
    const { text, closed } = await exchange(mock.port, [head(5_000), ...trickle]);
    expect(closed).toBe(true);
    const res = parseResponse(text);
    expect(res.status).toBe(408);
    expect(JSON.parse(res.body).detail).toContain('requestTimeoutMs');
  });

  it('an idle keep-alive connection is closed after keepAliveTimeoutMs', async () => {
    const mock = await mockWith({ keepAliveTimeoutMs: 200 });
    const { text, closed } = await exchange(mock.port, [`GET /api/v1/nope HTTP/1.1\r\nHost: mock\r\n\r\n`]);
    expect(parseResponse(text).status).toBe(404);
    expect(closed, 'closed by the mock, not by the 30 s test wait').toBe(true);
  });

  it('the server answers the next client after each of them', async () => {
    const mock = await mockWith({ idleTimeoutMs: 200 });
    await exchange(mock.port, [head(100), '--XYZ']);
    expect((await post(messagesOf(mock), sendMessageBody())).status).toBe(201);
  });
});

describe('connection cap', { timeout: 60_000 }, () => {
  it('past maxConnections, a connection gets 503 mock/too_many_connections with Retry-After, then closes', async () => {
    const mock = await mockWith({ maxConnections: 2 });
    const { connect } = await import('node:net');
    const held = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<import('node:net').Socket>((resolve) => {
            const socket = connect(mock.port, '127.0.0.1', () => resolve(socket));
          }),
      ),
    );
    try {
      const { text, closed } = await exchange(mock.port, [`GET / HTTP/1.1\r\nHost: mock\r\n\r\n`]);
      expect(closed).toBe(true);
      const res = parseResponse(text);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(JSON.parse(res.body)).toMatchObject({ status: 503, type: 'mock/too_many_connections' });
      expect(JSON.parse(res.body).detail).toContain('maxConnections');
    } finally {
      for (const socket of held) socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect((await post(messagesOf(mock), sendMessageBody())).status).toBe(201);
  });
});

describe('fail-times scenarios are bounded', { timeout: 60_000 }, () => {
  const failOnce = (scenario: string) => ({
    'X-Postpress-Mock-Error': 'errors/service_unavailable',
    'X-Postpress-Mock-Fail-Times': '1',
    'X-Postpress-Mock-Scenario': scenario,
  });

  it('keeps the maxScenarios most recently used ids and forgets the oldest', async () => {
    const mock = await mockWith({ maxScenarios: 2 });
    const status = async (id: string) => (await post(messagesOf(mock), sendMessageBody(), failOnce(id))).status;
    expect([await status('a'), await status('b'), await status('c')]).toEqual([503, 503, 503]);
    expect(await status('c')).toBe(201); // remembered: its one failure is spent
    expect(await status('a')).toBe(503); // forgotten (3 ids, room for 2): counts from zero again
  });

  it('refuses a scenario id over 256 characters', async () => {
    const mock = await mockWith({});
    const res = await post(messagesOf(mock), sendMessageBody(), failOnce('s'.repeat(257)));
    expect(res.json).toMatchObject({
      status: 422,
      type: 'errors/unprocessable_entity',
      instance: 'mock/invalid_control_header',
    });
    expect(res.json.detail).toContain('256');
  });
});

describe('early answers reach clients still uploading (no EPIPE)', { timeout: 120_000 }, () => {
  const N = 20;
  const upload = () => {
    const body = sendMessageBody();
    body.append('attachments', new Blob([new Uint8Array(1536 * 1024)]), 'big.bin'); // 1.5 MiB
    return body;
  };
  async function tally(url: string, headers: Record<string, string>, expected: { status: number; type: string }) {
    const outcome = { answered: 0, failed: [] as string[] };
    for (let i = 0; i < N; i++) {
      try {
        const res = await fetch(url, { method: 'POST', headers, body: upload() });
        const json = await res.json();
        if (res.status === expected.status && json.type === expected.type) outcome.answered++;
        else outcome.failed.push(`${res.status} ${json.type}`);
      } catch (error) {
        outcome.failed.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
      }
    }
    return outcome;
  }

  it(`401 to ${N} fetch uploads of 1.5 MiB: every one reads the envelope`, async () => {
    const mock = await mockWith({});
    const outcome = await tally(messagesOf(mock), {}, { status: 401, type: 'errors/missing_credentials' });
    console.info(
      `401 early answer: ${outcome.answered}/${N} answered, failures: ${outcome.failed.join(', ') || 'none'}`,
    );
    expect(outcome).toEqual({ answered: N, failed: [] });
  });

  it(`content_too_large to ${N} fetch uploads of 1.5 MiB over a 1 MiB limit: every one reads the envelope`, async () => {
    const mock = await mockWith({ maxBodyBytes: 1024 * 1024 });
    const outcome = await tally(
      messagesOf(mock),
      { 'X-API-KEY': KEY },
      { status: 422, type: 'errors/invalid_message' },
    );
    console.info(
      `content_too_large early answer: ${outcome.answered}/${N} answered, failures: ${outcome.failed.join(', ') || 'none'}`,
    );
    expect(outcome).toEqual({ answered: N, failed: [] });
  });

  it(`401 to ${N} streamed (chunked) uploads of 1.5 MiB that pause mid-body: every one reads the envelope`, async () => {
    const mock = await mockWith({});
    const outcome = { answered: 0, failed: [] as string[] };
    for (let i = 0; i < N; i++) {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent === 256 * 1024) await new Promise((r) => setTimeout(r, 20)); // still uploading when 401 is due
          if (sent >= 1536 * 1024) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      try {
        const res = await fetch(messagesOf(mock), {
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
          body,
          duplex: 'half',
        } as RequestInit);
        const json = await res.json();
        if (res.status === 401 && json.type === 'errors/missing_credentials') outcome.answered++;
        else outcome.failed.push(`${res.status} ${json.type}`);
      } catch (error) {
        outcome.failed.push(String((error as { cause?: { code?: string } }).cause?.code ?? error));
      }
    }
    console.info(
      `401 to streamed uploads: ${outcome.answered}/${N} answered, failures: ${outcome.failed.join(', ') || 'none'}`,
    );
    expect(outcome).toEqual({ answered: N, failed: [] });
  });

  it('the body is read to its end before the 401, so the connection is kept for the next request', async () => {
    const mock = await mockWith({});
    const body = '--XYZ\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--XYZ--\r\n';
    const noKey = head(Buffer.byteLength(body)).replace(`X-API-KEY: ${KEY}\r\n`, '');
    const { text } = await exchange(mock.port, [
      noKey,
      50,
      body,
      50,
      `GET /x HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n`,
    ]);
    const first = parseResponse(text);
    expect(first.status).toBe(401);
    expect(first.headers.connection).toBe('keep-alive');
    expect(parseResponse(text.slice(text.indexOf('\r\n\r\n') + 4 + first.body.length)).status).toBe(404);
  });
});

// Issue 25 item 12 and issue 26 item 6: text held in memory is bounded per request (maxTextBytes) and
// in total (maxHeldBytes: 503 mock/busy, to retry); repeated parts by maxArrayItems, from the API too.
describe('held text and array items, bounded and refused by name', { timeout: 60_000 }, () => {
  const chatsOf = (mock: MockServer) => `${mock.url}${paths.startChat}`;

  it('maxTextBytes: text parts together right at it pass, one byte more is refused naming it', async () => {
    const mock = await mockWith({ maxTextBytes: 2 });
    const ok = await post(
      chatsOf(mock),
      form([
        ['account_id', 'a'],
        ['attendees_ids[]', 'b'],
      ]),
    );
    expect(ok.status).toBe(201);
    const res = await post(
      chatsOf(mock),
      form([
        ['account_id', 'a'],
        ['attendees_ids[]', 'b'],
        ['attendees_ids[]', 'c'],
      ]),
    );
    expect(res.json).toMatchObject({ status: 400, type: 'errors/content_too_large' });
    expect(res.json.detail).toContain('maxTextBytes: 2');
  });

  it('maxHeldBytes: while one upload holds the budget another is answered 503 mock/busy with Retry-After; after it, both pass', async () => {
    const mock = await mockWith({ maxHeldBytes: 1024 * 1024 });
    const text = 'x'.repeat(700 * 1024);
    const part = `--XYZ\r\nContent-Disposition: form-data; name="text"\r\n\r\n${text}`;
    const end = '\r\n--XYZ--\r\n';
    // The first upload stops before its last bytes, holding ~700 KiB of unfinished text…
    const first = exchange(mock.port, [head(part.length + end.length), part, 1_500, end], {
      waitMs: 20_000,
      end: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // …so a second one of the same size would pass the budget.
    const busy = await post(messagesOf(mock), form([['text', text]]));
    expect(busy.status).toBe(503);
    expect(busy.json).toMatchObject({ status: 503, type: 'mock/busy' });
    expect(busy.json.detail).toContain('maxHeldBytes');
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(parseResponse((await first).text).status).toBe(201);
    expect((await post(messagesOf(mock), form([['text', text]]))).status).toBe(201);
  });

  it('maxArrayItems is a server limit too: right at it passes, one more is refused naming it', async () => {
    const mock = await mockWith({ maxArrayItems: 2 });
    expect(mock.limits.maxArrayItems).toBe(2);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => ['attendees_ids[]', `ACo${i}`] as [string, string]);
    expect((await post(chatsOf(mock), form([['account_id', 'a'], ...ids(2)]))).status).toBe(201);
    const res = await post(chatsOf(mock), form([['account_id', 'a'], ...ids(3)]));
    expect(res.json).toMatchObject({ status: 400, type: 'errors/content_too_large' });
    expect(res.json.detail).toContain('maxArrayItems');
    expect((await mockWith({})).limits.maxArrayItems).toBe(LIMITS.maxArrayItems.default);
    expect(LIMITS.maxArrayItems.default).toBe(1_000);
  });
});
