// Contract tests of the authored recordings: shape, coverage, spec validation, no drift, and each
// recorded request replayed against the mock gets the recorded answer back.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY_PATTERN,
  documentedErrors,
  type MockServer,
  type OperationId,
  startMockServer,
  validateParts,
} from '../src/index.js';
import { KEY, repoRoot } from './helpers.js';

const recordingsDir = join(repoRoot, 'spec/recordings');
const operationIds: OperationId[] = ['startChat', 'sendMessage'];
const doc: any = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('binary', true);
ajv.addSchema(doc, 'openapi.json');

interface Param {
  name: string;
  value: string;
  fileName?: string;
  contentType?: string;
  _size?: number;
}

const partsOf = (params: Param[]) =>
  params.map((p) =>
    p.fileName !== undefined
      ? { name: p.name, file: { field: p.name, filename: p.fileName, contentType: p.contentType ?? '', size: 0 } }
      : { name: p.name, value: p.value },
  );

const pathOf = { startChat: '/api/v1/chats', sendMessage: '/api/v1/chats/{chat_id}/messages' };
const pointer = (...keys: string[]) => keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The spec's schema for `operationId`'s response `status`, following a shared response's $ref. */
function responseValidator(operationId: OperationId, status: number) {
  const response = doc.paths[pathOf[operationId]].post.responses[status];
  if (!response) return undefined;
  const base = response.$ref
    ? response.$ref.slice(1)
    : `/${pointer('paths', pathOf[operationId], 'post', 'responses', String(status))}`;
  return ajv.getSchema(`openapi.json#${base}/content/application~1json/schema`);
}

const files = operationIds.flatMap((operationId) =>
  readdirSync(join(recordingsDir, operationId))
    .filter((f) => f.endsWith('.har'))
    .map((f) => ({ operationId, file: `${operationId}/${f}` })),
);

describe('authored recordings', () => {
  it('cover exactly one success and every documented pair: 79 + 70 + 2', () => {
    for (const operationId of operationIds) {
      const names = files.filter((f) => f.operationId === operationId).map((f) => f.file.split('/')[1] ?? '');
      const expected = documentedErrors[operationId].map((e) => `${e.status}-${e.type.replace('errors/', '')}.har`);
      expect(names.filter((n) => !n.startsWith('201-')).sort()).toEqual(expected.sort());
      expect(names.filter((n) => n.startsWith('201-'))).toHaveLength(1);
    }
    expect(files).toHaveLength(79 + 70 + 2);
  });

  it.each(files)(
    '$file is HAR 1.2, says where it came from, and validates against the spec',
    ({ operationId, file }) => {
      const har = JSON.parse(readFileSync(join(recordingsDir, file), 'utf8'));
      expect(har.log.version, file).toBe('1.2');
      expect(har.log.comment, file).toBe('authored from the API reference (not captured from a live deployment)');
      expect(har.log.entries, file).toHaveLength(1);
      const [entry] = har.log.entries;
      expect(entry._operationId, file).toBe(operationId);
      const { request, response } = entry;

      // The response: status, headers and body as the spec documents them.
      const validate = responseValidator(operationId, response.status);
      expect(validate, `${file}: status ${response.status} is not documented for ${operationId}`).toBeTypeOf(
        'function',
      );
      const body = JSON.parse(response.content.text);
      const valid = validate?.(body);
      expect(valid, `${file}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
      expect(body.status ?? response.status, file).toBe(response.status);
      const headers = Object.fromEntries(
        response.headers.map((h: { name: string; value: string }) => [h.name.toLowerCase(), h.value]),
      );
      expect(headers['content-type'], file).toBe('application/json; charset=utf-8');
      expect('retry-after' in headers, `${file}: Retry-After iff 429`).toBe(response.status === 429);
      if (file.split('/')[1]?.startsWith('4') || file.split('/')[1]?.startsWith('5')) {
        expect(file, 'the file is named by its status and type').toBe(
          `${operationId}/${response.status}-${body.type.slice(7)}.har`,
        );
      }

      // The request: no key (only [REDACTED], or an authored non-key), files without bytes, says why.
      for (const h of request.headers.filter((h: Param) => h.name.toLowerCase() === 'x-api-key')) {
        expect(h.value === '[REDACTED]' || !API_KEY_PATTERN.test(h.value), `${file}: a key in the recording`).toBe(
          true,
        );
      }
      for (const p of request.postData.params) if (p.fileName !== undefined) expect(p.value, file).toBe('');
      expect(request.comment, file).toBeTypeOf('string');
      // A success is a valid request as the mock reads it (the replay below proves the others).
      if (response.status < 300)
        expect(validateParts(operationId, partsOf(request.postData.params)), file).toMatchObject({ ok: true });
    },
  );

  it('fails validation for a response that does not match, naming the status', () => {
    const validate = responseValidator('startChat', 422);
    expect(validate?.({ status: 422, type: 'errors/not_a_type', title: 'x' })).toBe(false);
    expect(validate?.({ status: 422, type: 'errors/limit_exceeded', title: 'Limit exceeded' })).toBe(true);
  });
});

describe('author-recordings.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'postpress-recordings-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerates byte for byte what is committed (no drift)', async () => {
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/author-recordings.mjs'), '--out', out], {
      timeout: 90_000, // generous: a loaded 2-core machine
    });
    for (const { file } of files) {
      expect(readFileSync(join(out, file), 'utf8'), `${file} differs: run pnpm recordings:author and commit`).toBe(
        readFileSync(join(recordingsDir, file), 'utf8'),
      );
    }
    const regenerated = operationIds.flatMap((op) => readdirSync(join(out, op)).map((f) => `${op}/${f}`));
    expect(regenerated.sort()).toEqual(files.map((f) => f.file).sort());
  });
});

/** Sends a recorded request to the mock as it was recorded; file bytes (elided) are `_size` zeros. */
async function replay(entry: any, base: string): Promise<{ status: number; headers: Headers; body: any }> {
  const { request } = entry;
  const headers: Record<string, string> = {};
  for (const h of request.headers as Param[]) {
    // [REDACTED] stood for a valid key; any other value is an authored malformed one, sent as is.
    headers[h.name.toLowerCase()] = h.name.toLowerCase() === 'x-api-key' && h.value === '[REDACTED]' ? KEY : h.value;
  }
  const params: Param[] = request.postData.params;
  let body: Buffer;
  if (request.postData.mimeType.startsWith('multipart/form-data')) {
    const form = new FormData();
    for (const p of params) {
      if (p.fileName === undefined) form.append(p.name, p.value);
      else form.append(p.name, new Blob([new Uint8Array(p._size ?? 0)], { type: p.contentType }), p.fileName);
    }
    const encoded = new Response(form);
    body = Buffer.from(await encoded.arrayBuffer());
    // Any boundary will do: the platform's own replaces the recorded one, unless none was recorded.
    if (/boundary=/.test(headers['content-type'] ?? ''))
      headers['content-type'] = encoded.headers.get('content-type') ?? '';
  } else {
    body = Buffer.from(new URLSearchParams(params.map((p) => [p.name, p.value])).toString());
  }
  headers['content-length'] = String(body.length);
  const url = new URL(new URL(request.url).pathname, base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method: request.method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: out, body: JSON.parse(text) });
      });
    });
    // The mock may answer an oversized body before it was all sent and close: the answer is what counts.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.end(body);
  });
}

describe('every recording, replayed against the mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());
  const reproduced: string[] = [];
  afterAll(() => {
    // The N/N figure of the closing note.
    console.log(`recordings reproduced by the mock: ${reproduced.length}/${files.length}`);
  });

  it.each(files)(
    '$file: the recorded request gets the recorded status and type',
    async ({ file }) => {
      const [entry] = JSON.parse(readFileSync(join(recordingsDir, file), 'utf8')).log.entries;
      const answer = await replay(entry, mock.url);
      const recorded = JSON.parse(entry.response.content.text);
      expect(answer.status, `${file}: ${JSON.stringify(answer.body)}`).toBe(entry.response.status);
      expect(answer.body.type ?? answer.body.object, file).toBe(recorded.type ?? recorded.object);
      const retryAfter = entry.response.headers.find((h: Param) => h.name.toLowerCase() === 'retry-after');
      expect(answer.headers.get('retry-after') ?? undefined, file).toBe(retryAfter?.value);
      expect(JSON.stringify(answer.body), `${file}: the key echoed`).not.toContain(KEY);
      reproduced.push(file);
    },
    60_000,
  );

  it('no error recording is a valid request sent plainly: each says what makes it fail', () => {
    for (const { file } of files) {
      const { request, response } = JSON.parse(readFileSync(join(recordingsDir, file), 'utf8')).log.entries[0];
      if (response.status < 300) continue;
      const forced = request.headers.some((h: Param) => h.name === 'X-Postpress-Mock-Error');
      const keyed = request.headers.some((h: Param) => h.name === 'X-API-KEY' && h.value === '[REDACTED]');
      const multipart = /^multipart\/form-data; boundary=/.test(request.postData.mimeType);
      const valid = validateParts(entry(file).operationId, partsOf(request.postData.params)).ok;
      expect(
        forced || !keyed || !multipart || !valid || request.postData.params.some((p: Param) => p._size),
        file,
      ).toBe(true);
    }
  });
});

const entry = (file: string) => files.find((f) => f.file === file) as { operationId: OperationId; file: string };
