// Contract tests of the authored recordings: shape, coverage, spec validation, and no drift.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { documentedErrors, type MultipartPart, type OperationId, validateParts } from '../src/index.js';
import { repoRoot } from './helpers.js';

const recordingsDir = join(repoRoot, 'spec/recordings');
const operationIds: OperationId[] = ['startChat', 'sendMessage'];
const doc: any = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('binary', true);
ajv.addSchema(doc, 'openapi.json');

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

      // The request: key redacted, bracket notation, files without bytes, and valid for the operation.
      expect(request.headers).toContainEqual({ name: 'X-API-KEY', value: '[REDACTED]' });
      const parts: MultipartPart[] = request.postData.params.map(
        (p: { name: string; value: string; fileName?: string; contentType?: string }) =>
          p.fileName !== undefined
            ? { name: p.name, file: { field: p.name, filename: p.fileName, contentType: p.contentType ?? '', size: 0 } }
            : { name: p.name, value: p.value },
      );
      for (const p of request.postData.params) if (p.fileName !== undefined) expect(p.value, file).toBe('');
      expect(validateParts(operationId, parts), file).toMatchObject({ ok: true });
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
