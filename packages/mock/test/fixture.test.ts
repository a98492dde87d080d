// The mock on the every-shape fixture spec (GET with query and paging, GET by path, PATCH and PUT
// with JSON, DELETE answering 204, POST with a header parameter, beside the two multipart POSTs):
// every fact below is read from the fixture's operations model, none is pinned here.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Operation } from '@postpress/openapi/operations.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { buildFixture } from './fixture.js';
import { replay } from './har.js';
import { documents, KEY, methodsAt, repoRoot, sample, validRequest } from './helpers.js';
import { recordingsSuite } from './recordings-suite.js';

const { model, modelPath } = await buildFixture();
const operations = model.operations.map((operation) => ({ operationId: operation.operationId, operation }));
const templates = [...new Set(model.operations.map((op) => op.path))];
const METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ model });
});
afterAll(() => mock.close());

async function send(url: string, init: RequestInit) {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

it('the fixture has every shape: GET, PUT, POST, PATCH and DELETE, JSON and multipart bodies, query and header parameters', () => {
  expect(new Set(model.operations.map((op) => op.method))).toEqual(new Set(METHODS));
  const media = new Set(model.operations.map((op) => op.requestBody?.mediaType ?? 'none'));
  expect(media).toEqual(new Set(['none', 'application/json', 'multipart/form-data']));
  const where = new Set(model.operations.flatMap((op) => op.parameters.map((p) => p.in)));
  expect(where).toEqual(new Set(['path', 'query', 'header']));
  expect(model.operations.some((op) => op.responses.some((r) => r.success && r.mediaType === null))).toBe(true);
});

describe('success', () => {
  it.each(operations)('$operationId answers its documented success', async ({ operation }) => {
    const { url, init } = validRequest(operation, mock.url);
    const res = await send(url, init);
    const success = operation.responses.find((r) => r.success);
    expect(res.status, res.text).toBe(success?.status);
    if (success?.mediaType === null) {
      expect(res.text).toBe('');
      expect(res.headers.has('content-type')).toBe(false);
    } else {
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.json).toEqual(success?.examples[0]?.value);
    }
  });

  it.each(operations.filter(({ operation }) => operation.method === 'GET'))(
    'HEAD $operationId: the headers of its GET, no body',
    async ({ operation }) => {
      const { url, init } = validRequest(operation, mock.url);
      const get = await send(url, init);
      const head = await send(url, { ...init, method: 'HEAD' });
      expect(head.status).toBe(get.status);
      expect(head.text).toBe('');
      expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(get.text));
    },
  );
});

/** A query text `schema` refuses, or undefined when it takes any text. */
function wrongText(schema: any): string | undefined {
  const types = [schema?.type ?? []].flat();
  if (types.includes('array')) return wrongText(schema.items);
  if (Array.isArray(schema?.enum)) return 'NOT_ONE_OF_THEM';
  if (types.includes('integer') || types.includes('number')) {
    return schema.maximum !== undefined ? String(schema.maximum + 1) : 'ten';
  }
  if (types.includes('boolean')) return 'maybe';
  if (schema?.format === 'date-time') return 'yesterday';
  return undefined;
}

/** A JSON value of another type than `schema` takes. */
const wrongValue = (schema: any) => ([schema?.type ?? []].flat().includes('string') ? 42 : 'not-this-type');

interface Bad {
  label: string;
  /** The name the refusal's detail must give. */
  name: string;
  change(url: URL, init: RequestInit & { headers: Record<string, string> }): void;
}

/** Bad requests of `operation`, each wrong in one parameter, part or field, built from the model. */
function badCases(operation: Operation): Bad[] {
  const cases: Bad[] = [];
  for (const p of operation.parameters) {
    if (p.in === 'path') {
      cases.push({
        label: `path parameter ${p.name} not valid percent-encoding`,
        name: p.name,
        change: (url) => {
          url.pathname = url.pathname.replace(encodeURIComponent(String(sample(p))), '%ZZ');
        },
      });
    }
    const wrong = p.in === 'query' ? wrongText(p.schema) : undefined;
    if (wrong !== undefined) {
      cases.push({
        label: `query parameter ${p.name}=${wrong}`,
        name: p.name,
        change: (url) => url.searchParams.set(p.name, wrong),
      });
    }
    const max = (p.schema as any)?.maxLength;
    if (p.in === 'header' && max !== undefined) {
      cases.push({
        label: `header ${p.name} over ${max} characters`,
        name: p.name,
        change: (_url, init) => {
          init.headers[p.name] = 'x'.repeat(max + 1);
        },
      });
    }
    if (p.in === 'query') {
      cases.push({
        label: `query parameter ${p.name} sent with an unknown one`,
        name: 'not_a_parameter',
        change: (url) => url.searchParams.set('not_a_parameter', '1'),
      });
    }
  }
  const body = operation.requestBody;
  if (body?.multipart) {
    cases.push({
      label: 'an unknown part',
      name: 'not_a_part',
      change: (_url, init) => (init.body as FormData).append('not_a_part', 'x'),
    });
  } else if (body) {
    const schema = body.schema as any;
    const example = (body.examples[0]?.value ?? {}) as Record<string, unknown>;
    for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
      cases.push({
        label: `body field ${name} of the wrong type`,
        name,
        change: (_url, init) => {
          init.body = JSON.stringify({ ...example, [name]: wrongValue(property) });
        },
      });
    }
    for (const name of schema.required ?? []) {
      cases.push({
        label: `body field ${name} missing`,
        name,
        change: (_url, init) => {
          const { [name]: _, ...rest } = example;
          init.body = JSON.stringify(rest);
        },
      });
    }
  }
  return cases;
}

describe('refusals', () => {
  const cases = operations.flatMap(({ operationId, operation }) =>
    badCases(operation).map((bad) => ({ operationId, operation, ...bad })),
  );

  it('every operation has bad requests to try', () => {
    for (const { operationId } of operations)
      expect(
        cases.some((c) => c.operationId === operationId),
        operationId,
      ).toBe(true);
  });

  it.each(cases)('$operationId, $label: a documented error naming it', async ({ operation, name, change }) => {
    const { url, init } = validRequest(operation, mock.url);
    const target = new URL(url);
    const changed = { ...init, headers: { ...(init.headers as Record<string, string>) } };
    change(target, changed);
    const res = await send(target.href, changed);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(documents(operation, res.status, res.json.type), `${res.status} ${res.json.type}`).toBe(true);
    expect(res.json.status).toBe(res.status);
    expect(res.json.detail).toContain(name);
    expect(res.text).not.toContain(KEY);
  });

  it.each(operations.filter(({ operation }) => operation.requestBody?.mediaType === 'application/json'))(
    '$operationId: a body that is not JSON is refused with a documented error',
    async ({ operation }) => {
      const { url, init } = validRequest(operation, mock.url);
      const cases: [contentType: string, body: string][] = [
        ['text/plain', init.body as string],
        ['application/json', '{"cut": '],
      ];
      for (const [contentType, body] of cases) {
        const res = await send(url, {
          ...init,
          headers: { ...(init.headers as object), 'content-type': contentType },
          body,
        });
        expect(documents(operation, res.status, res.json.type), res.text).toBe(true);
      }
    },
  );
});

describe('fallbacks', () => {
  it('a body sent to an operation that takes none is refused, not ignored', async () => {
    const operation = model.operations.find((op) => !op.requestBody && op.method === 'DELETE');
    if (!operation) throw new Error('the fixture has no DELETE without a body');
    const { url, init } = validRequest(operation, mock.url);
    const res = await send(url, { ...init, body: '{"x":1}' });
    expect(res.json.detail).toContain('takes no request body');
    // Documented when the operation has a type for bad input, else the mock's own, which says so.
    const bad = ['errors/invalid_parameters', 'errors/invalid_message', 'errors/unprocessable_entity'];
    const own = operation.responses.flatMap((r) => r.errors).some((e) => bad.includes(e.type));
    if (own) expect(documents(operation, res.status, res.json.type)).toBe(true);
    else expect(res.json).toMatchObject({ status: 400, type: 'mock/invalid_request' });
  });

  it('a success response without an example is answered 501 mock/no_example, naming the operation', async () => {
    const [first, ...rest] = model.operations;
    if (!first) throw new Error('empty model');
    const bare = {
      ...first,
      responses: first.responses.map((r) => (r.success ? { ...r, mediaType: 'application/json', examples: [] } : r)),
    } as Operation;
    const own = await startMockServer({ model: { ...model, operations: [bare, ...rest] } });
    try {
      const { url, init } = validRequest(bare, own.url);
      const res = await send(url, init);
      expect(res.status).toBe(501);
      expect(res.json).toMatchObject({ type: 'mock/no_example' });
      expect(res.json.detail).toContain(first.operationId);
    } finally {
      await own.close();
    }
  });
});

describe('what the mock received', () => {
  it('records a JSON body as text, and redacts the key header', async () => {
    const operation = model.operations.find((op) => op.requestBody?.mediaType === 'application/json');
    if (!operation) throw new Error('the fixture has no JSON body');
    mock.clearRequests();
    const { url, init } = validRequest(operation, mock.url);
    await send(url, init);
    const [received] = mock.requests();
    expect(received?.body).toBe(init.body);
    expect(received?.parts).toEqual([]);
    for (const s of operation.security) expect(received?.headers[s.name.toLowerCase()]).toBe('[redacted]');
    expect(JSON.stringify(mock.requests())).not.toContain(KEY);
  });

  it('a JSON body is held whole, so maxTextBytes bounds it: past it, refused naming the limit', async () => {
    const operation = model.operations.find((op) => op.requestBody?.mediaType === 'application/json');
    if (!operation) throw new Error('the fixture has no JSON body');
    const { url, init } = validRequest(operation, mock.url);
    const size = Buffer.byteLength(String(init.body));
    const small = await startMockServer({ model, maxTextBytes: size });
    try {
      const at = validRequest(operation, small.url);
      expect((await send(at.url, at.init)).status).toBe(operation.responses.find((r) => r.success)?.status);
      const padded = `${String(init.body)} `; // one byte more, still the same JSON
      const res = await send(url.replace(mock.url, small.url), { ...init, body: padded, signal: undefined });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.json.detail).toContain(`maxTextBytes: ${size}`);
      expect(small.requests().at(-1)?.response).toMatchObject({ status: res.status });
    } finally {
      await small.close();
    }
  });
});

describe('routes', () => {
  const wrong = templates.flatMap((template) =>
    METHODS.filter((m) => !methodsAt(model, template).includes(m)).map((method) => ({ template, method })),
  );

  it.each(wrong)('$method $template: 405 with Allow listing its methods', async ({ template, method }) => {
    const path = template.replace(/\{[^}]+\}/g, 'x');
    const res = await send(`${mock.url}${path}`, { method, headers: { 'X-API-KEY': KEY } });
    expect(res.status).toBe(405);
    expect(res.json).toMatchObject({ status: 405, type: 'mock/method_not_allowed' });
    expect(new Set(res.headers.get('allow')?.split(', '))).toEqual(new Set(methodsAt(model, template)));
  });

  it.each(templates.map((template) => ({ template })))(
    'a CORS preflight of $template allows its methods',
    async ({ template }) => {
      const res = await fetch(`${mock.url}${template.replace(/\{[^}]+\}/g, 'x')}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'GET' },
      });
      expect(res.status).toBe(204);
      const allowed = new Set(res.headers.get('access-control-allow-methods')?.split(', '));
      expect(allowed).toEqual(new Set(methodsAt(model, template)));
    },
  );

  it('an unknown path is a 404, a path with an empty segment too', async () => {
    for (const path of ['/api/v1/nope', '/api/v1/chats//labels']) {
      const res = await send(`${mock.url}${path}`, { headers: { 'X-API-KEY': KEY } });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ type: 'errors/resource_not_found' });
    }
  });
});

describe('forced errors', () => {
  const pairs = operations.flatMap(({ operationId, operation }) =>
    operation.responses.flatMap((r) => r.errors.map((e) => ({ operationId, operation, response: r, ...e }))),
  );

  it.each(operations)('$operationId documents errors to force', ({ operationId }) => {
    expect(pairs.some((p) => p.operationId === operationId)).toBe(true);
  });

  it('answers every documented (status, type) of every operation with its envelope', { timeout: 120_000 }, async () => {
    for (const pair of pairs) {
      const { url, init } = validRequest(pair.operation, mock.url);
      const headers = { ...(init.headers as Record<string, string>), 'X-Postpress-Mock-Error': pair.type };
      const res = await send(url, { ...init, headers });
      const label = `${pair.operationId} ${pair.type}`;
      expect(res.status, label).toBe(pair.response.status);
      expect(res.json, label).toEqual({
        status: pair.response.status,
        type: pair.type,
        title: pair.title,
        detail: pair.meaning,
      });
      expect(res.headers.has('retry-after'), label).toBe(pair.response.status === 429);
    }
  });
});

describe('recordings of a path parameter its schema refuses', () => {
  it('are produced by the request (no control header) when the schema can be broken, and replay', async () => {
    // The fixture's path parameters take any text; here they take at most 64 characters.
    const bounded = structuredClone(model);
    for (const op of bounded.operations) {
      for (const p of op.parameters) if (p.in === 'path') (p.schema as any).maxLength = 64;
    }
    const dir = mkdtempSync(join(tmpdir(), 'postpress-bounded-'));
    const path = join(dir, 'operations.json');
    writeFileSync(path, JSON.stringify(bounded));
    const out = join(dir, 'recordings');
    await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'scripts/author-recordings.mjs'), '--out', out, '--model', path],
      { timeout: 90_000 },
    );
    const own = await startMockServer({ model: bounded });
    try {
      let checked = 0;
      for (const op of bounded.operations.filter((o) => o.parameters.some((p) => p.in === 'path'))) {
        const [entry] = JSON.parse(
          readFileSync(join(out, op.operationId, '404-invalid_resource_identifier.har'), 'utf8'),
        ).log.entries;
        expect(entry.request.headers.some((h: { name: string }) => h.name === 'X-Postpress-Mock-Error')).toBe(false);
        expect(entry.request.comment).toContain('its schema does not allow');
        const answer = await replay(entry, own.url);
        expect(answer.status, answer.text).toBe(404);
        expect(answer.body.type).toBe('errors/invalid_resource_identifier');
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Recordings of every operation of the fixture, authored into a temp folder and replayed.
const recordings = mkdtempSync(join(tmpdir(), 'postpress-fixture-recordings-'));
await promisify(execFile)(
  process.execPath,
  [join(repoRoot, 'scripts/author-recordings.mjs'), '--out', recordings, '--model', modelPath],
  { timeout: 90_000 },
);
recordingsSuite('every-shape fixture', recordings, model);
