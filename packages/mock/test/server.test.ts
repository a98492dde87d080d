import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedErrors, type MockServer, startMockServer } from '../src/index.js';
import { operations } from '../src/spec.js';
import {
  KEY,
  methodsAt,
  operationIn,
  paths,
  post,
  publishedModel,
  sendMessageBody,
  startChatBody,
  validRequest,
} from './helpers.js';

const model = publishedModel();

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => server.close());

const chats = () => `${server.url}${paths.startChat}`;
const messages = () => `${server.url}${paths.sendMessage}`;

function form(entries: [string, string][]) {
  const body = new FormData();
  for (const [name, value] of entries) body.append(name, value);
  return body;
}

async function expectStillServing() {
  const ok = await post(messages(), sendMessageBody());
  expect(ok.status).toBe(201);
}

describe('valid requests', () => {
  it('answers startChat with 201 and the spec example, as JSON', async () => {
    const res = await post(chats(), startChatBody());
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.json).toEqual(operationIn(model, 'startChat').responses.find((r) => r.success)?.examples[0]?.value);
    expect(operations.startChat?.successExample).toEqual(res.json);
    expect(res.json.object).toBe('ChatStarted');
  });

  it('answers sendMessage with 201 MessageSent', async () => {
    const res = await post(messages(), sendMessageBody());
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ object: 'MessageSent' });
  });

  it('binds to loopback on an ephemeral port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });
});

describe('request validation', () => {
  it('answers 400 missing_parameters naming account_id when it is absent', async () => {
    const res = await post(chats(), form([['attendees_ids[]', 'ACo1']]));
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, type: 'errors/missing_parameters', title: 'Missing parameters' });
    expect(res.json.detail).toContain('account_id');
  });

  it.each([
    ['linkedin[api]', 'nope'],
    ['linkedin[topic]', 'x'],
  ])('answers 400 invalid_parameters for %s=%s, naming the field', async (name, value) => {
    const res = await post(
      chats(),
      form([
        ['account_id', 'a'],
        ['attendees_ids[]', 'ACo1'],
        [name, value],
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.json.type).toBe('errors/invalid_parameters');
    expect(res.json.detail).toContain(name);
  });

  it('rejects an unknown field and a non-number day count', async () => {
    const res = await post(
      chats(),
      form([
        ['account_id', 'a'],
        ['attendees_ids[]', 'ACo1'],
        ['linkedin[api]', 'recruiter'],
        ['linkedin[follow_up][subject]', 's'],
        ['linkedin[follow_up][text]', 't'],
        ['linkedin[follow_up][scheduled_time][days]', 'soon'],
        ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
      ]),
    );
    expect(res.json.type).toBe('errors/invalid_parameters');
    expect(res.json.detail).toContain('linkedin[follow_up][scheduled_time][days]');
  });

  it('answers an invalid sendMessage body with its documented 422 invalid_message (it documents no 400)', async () => {
    const res = await post(messages(), form([['colour', 'blue']]));
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ type: 'errors/invalid_message' });
    expect(res.json.detail).toContain('colour');
  });

  it.each([
    ['no key', {}, 'errors/missing_credentials', 'Missing credentials'],
    ['an empty key', { 'X-API-KEY': '' }, 'errors/missing_credentials', 'Missing credentials'],
    ['a malformed key', { 'X-API-KEY': 'sk_live_secretvalue' }, 'errors/invalid_credentials', 'Invalid credentials'],
  ])('answers 401 for %s and never echoes the key', async (_label, headers, type, title) => {
    const res = await fetch(chats(), { method: 'POST', headers, body: startChatBody() });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(JSON.parse(text)).toMatchObject({ status: 401, type, title });
    expect(text).not.toContain('secretvalue');
  });

  it('never echoes a valid key either', async () => {
    const res = await post(chats(), form([['linkedin[api]', 'nope']]));
    expect(res.text).not.toContain(KEY);
    expect([...res.headers.values()].join(' ')).not.toContain(KEY);
  });
});

describe('forced errors', () => {
  const pairs = model.operations.flatMap((operation) =>
    operation.responses.flatMap((r) => r.errors.map((e) => ({ operation, status: r.status, ...e }))),
  );

  it('documentedErrors lists, per operation, what the model documents', () => {
    expect(Object.keys(documentedErrors).sort()).toEqual(model.operations.map((op) => op.operationId).sort());
    for (const operation of model.operations) {
      const listed = (documentedErrors[operation.operationId] ?? []).map((e) => `${e.status} ${e.type}`);
      const documented = operation.responses.flatMap((r) => r.errors.map((e) => `${r.status} ${e.type}`));
      expect(listed, operation.operationId).toEqual(documented);
      expect(documented.length, operation.operationId).toBeGreaterThan(0);
    }
  });

  // One sequential request per documented pair: a generous limit for a busy machine.
  it('answers every documented (status, type) pair with its envelope', { timeout: 120_000 }, async () => {
    for (const pair of pairs) {
      const { url, init } = validRequest(pair.operation, server.url);
      const res = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'X-Postpress-Mock-Error': pair.type },
      });
      const label = `${pair.operation.operationId} ${pair.type}`;
      expect(res.status, label).toBe(pair.status);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toEqual({
        status: pair.status,
        type: pair.type,
        title: pair.title,
        detail: pair.meaning,
      });
      expect(res.headers.has('retry-after'), `${label} Retry-After`).toBe(pair.status === 429);
    }
  });

  it('sends Retry-After 1 on 429 by default, or the value asked for', async () => {
    const byDefault = await post(chats(), startChatBody(), { 'X-Postpress-Mock-Error': 'errors/too_many_requests' });
    expect(byDefault.headers.get('retry-after')).toBe('1');
    const asked = await post(messages(), sendMessageBody(), {
      'X-Postpress-Mock-Error': 'errors/too_many_requests',
      'X-Postpress-Mock-Retry-After': '7',
    });
    expect(asked.status).toBe(429);
    expect(asked.headers.get('retry-after')).toBe('7');
  });

  it('refuses an unknown type, or one not documented for the operation, with a documented 422 marked as the mock’s', async () => {
    const unknown = await post(chats(), startChatBody(), { 'X-Postpress-Mock-Error': 'errors/nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({
      type: 'errors/unprocessable_entity',
      instance: 'mock/invalid_control_header',
    });
    expect(unknown.json.detail).toContain('errors/nope');
    // feature_not_implemented (501) exists on startChat only.
    const elsewhere = await post(messages(), sendMessageBody(), {
      'X-Postpress-Mock-Error': 'errors/feature_not_implemented',
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.detail).toContain('sendMessage');
    const wrongStatus = await post(chats(), startChatBody(), {
      'X-Postpress-Mock-Error': 'errors/limit_exceeded',
      'X-Postpress-Mock-Status': '403',
    });
    expect(wrongStatus.status).toBe(422);
    expect(wrongStatus.json.instance).toBe('mock/invalid_control_header');
  });

  it('accepts X-Postpress-Mock-Status when it matches the documented status', async () => {
    const res = await post(chats(), startChatBody(), {
      'X-Postpress-Mock-Error': 'errors/limit_exceeded',
      'X-Postpress-Mock-Status': '422',
    });
    expect(res.status).toBe(422);
  });

  it('fails N times per scenario, then succeeds', async () => {
    const headers = {
      'X-Postpress-Mock-Error': 'errors/service_unavailable',
      'X-Postpress-Mock-Fail-Times': '2',
      'X-Postpress-Mock-Scenario': 'retry-1',
    };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(messages(), sendMessageBody(), headers)).status);
    expect(statuses).toEqual([503, 503, 201]);
    // Another scenario id counts on its own.
    const other = await post(messages(), sendMessageBody(), { ...headers, 'X-Postpress-Mock-Scenario': 'retry-2' });
    expect(other.status).toBe(503);
  });

  it('still validates the body of a request that forces an error', async () => {
    const res = await post(chats(), form([['text', 'x']]), { 'X-Postpress-Mock-Error': 'errors/limit_exceeded' });
    expect(res.json.type).toBe('errors/missing_parameters');
  });
});

describe('bad input', () => {
  it('answers a truncated multipart body with 400 malformed_request and keeps serving', async () => {
    const body = '--XYZ\r\nContent-Disposition: form-data; name="account_id"\r\n\r\nacc_1\r\n--XYZ\r\nContent-Disp';
    const res = await post(chats(), body, { 'content-type': 'multipart/form-data; boundary=XYZ' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, type: 'errors/malformed_request' });
    await expectStillServing();
  });

  it('answers a non-multipart body with 415 unsupported_media_type, a boundary-less one with 400 malformed_request', async () => {
    const res = await post(chats(), '{"account_id":"a"}', { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json.type).toBe('errors/unsupported_media_type');
    const noBoundary = await post(chats(), 'x', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.json.type).toBe('errors/malformed_request');
  });

  it('answers a body over the limit with 400 content_too_large', async () => {
    const body = startChatBody();
    body.append('attachments', new Blob([new Uint8Array(100 * 1024)]), 'big.bin');
    const res = await post(chats(), body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ status: 400, type: 'errors/content_too_large' });
    await expectStillServing();
  });

  it('rejects a declared oversized body at once, without reading it', async () => {
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = httpRequest(chats(), {
        method: 'POST',
        headers: {
          'x-api-key': KEY,
          'content-type': 'multipart/form-data; boundary=XYZ',
          'content-length': String(10 * 1024 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode, body });
        });
      });
      req.on('error', reject);
      req.write('--XYZ\r\n'); // 10 GiB promised, a few bytes sent: only the header can have triggered it
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).type).toBe('errors/content_too_large');
    await expectStillServing();
  });

  it('answers an unknown path with the 404 envelope', async () => {
    for (const [method, path] of [
      ['POST', '/api/v1/nope'],
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/chats//messages'],
      ['POST', '/api/v1/chats/'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { 'X-API-KEY': KEY } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toMatchObject({ status: 404, type: 'errors/resource_not_found' });
    }
  });

  it('answers a known path with a method it does not take with 405 and Allow, from the model', async () => {
    const templates = [...new Set(model.operations.map((op) => op.path))];
    let tried = 0;
    for (const template of templates) {
      const allowed = methodsAt(model, template);
      for (const method of ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'].filter((m) => !allowed.includes(m))) {
        const res = await fetch(`${server.url}${template.replace(/\{[^}]+\}/g, 'x')}`, {
          method,
          headers: { 'X-API-KEY': KEY },
        });
        expect(res.status, `${method} ${template}`).toBe(405);
        expect(new Set(res.headers.get('allow')?.split(', '))).toEqual(new Set(allowed));
        expect(await res.json()).toMatchObject({ status: 405, type: 'mock/method_not_allowed' });
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(0);
  });

  it('survives a client that drops the connection mid-body', async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST ${paths.startChat} HTTP/1.1\r\nHost: x\r\nX-API-KEY: ${KEY}\r\n` +
            'Content-Type: multipart/form-data; boundary=XYZ\r\nContent-Length: 5000\r\n\r\n--XYZ\r\n',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    await expectStillServing();
  });

  it('answers a garbage request line with the 400 envelope, then closes', async () => {
    const answer = await new Promise<string>((resolve) => {
      let data = '';
      const socket = connect(server.port, '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('close', () => resolve(data));
      socket.on('error', () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 400,
      type: 'errors/malformed_request',
    });
    await expectStillServing();
  });
});

describe('startMockServer', () => {
  it('refuses what is not an operations model, with a TypeError saying so', async () => {
    await expect(startMockServer({ model: {} as never })).rejects.toThrow(TypeError);
    await expect(startMockServer({ model: { ...model, modelVersion: 2 } as never })).rejects.toThrow(/modelVersion 2/);
  });

  it('serves only the operations of the model it is given', async () => {
    const [first, ...others] = model.operations;
    const own = await startMockServer({ model: { ...model, operations: others } });
    try {
      const gone = first ? await fetch(validRequest(first, own.url).url, validRequest(first, own.url).init) : undefined;
      expect([404, 405]).toContain(gone?.status); // its path is unknown, or answers other methods only
      for (const operation of others) {
        const { url, init } = validRequest(operation, own.url);
        expect((await fetch(url, init)).status, operation.operationId).toBeLessThan(300);
      }
    } finally {
      await own.close();
    }
  });

  it('closes: the port stops answering', async () => {
    const own = await startMockServer();
    expect((await post(`${own.url}${paths.sendMessage}`, sendMessageBody())).status).toBe(201);
    await own.close();
    await expect(fetch(`${own.url}${paths.sendMessage}`, { method: 'POST' })).rejects.toThrow();
  });
});
