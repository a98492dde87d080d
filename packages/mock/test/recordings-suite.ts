// The contract tests of a folder of authored recordings (<dir>/<operationId>/*.har), for any
// operations model: every operation has one success and one exchange per documented (status, type);
// each file is HAR 1.2, says it was authored, holds no key, and its response matches the model's
// schema; and each recorded request, replayed against the mock, gets the recorded answer — a forced
// one only because of its control header, any other because of what the request itself gets wrong.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { API_KEY_PATTERN } from '../src/server.js';
import { type Param, replay } from './har.js';
import { KEY } from './helpers.js';

export const AUTHORED = 'authored from the API reference (not captured from a live deployment)';
const slug = (type: string) => type.replace(/^errors\//, '');

export function recordingsSuite(label: string, dir: string, model: OperationsModel) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
  const files = model.operations.flatMap((operation) =>
    readdirSync(join(dir, operation.operationId))
      .filter((f) => f.endsWith('.har'))
      .map((f) => ({ operation, operationId: operation.operationId, file: `${operation.operationId}/${f}` })),
  );
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

  describe(`${label}: authored recordings`, () => {
    it.each(model.operations.map((operation) => ({ operation, operationId: operation.operationId })))(
      '$operationId: one success and one file per documented (status, type)',
      ({ operation }) => {
        const names = readdirSync(join(dir, operation.operationId)).filter((f) => f.endsWith('.har'));
        const success = operation.responses.find((r) => r.success);
        const expected = operation.responses.flatMap((r) => r.errors.map((e) => `${r.status}-${slug(e.type)}.har`));
        expect(expected.length, 'the operation documents errors').toBeGreaterThan(0);
        expect(names.filter((n) => !n.startsWith(`${success?.status}-`)).sort()).toEqual(expected.sort());
        expect(names.filter((n) => n.startsWith(`${success?.status}-`))).toHaveLength(1);
      },
    );

    it.each(files)('$file is HAR 1.2, says where it came from, and matches the model', ({ operation, file }) => {
      const har = read(file);
      expect(har.log.version, file).toBe('1.2');
      expect(har.log.comment, file).toBe(AUTHORED);
      expect(har.log.entries, file).toHaveLength(1);
      const [entry] = har.log.entries;
      expect(entry._operationId, file).toBe(operation.operationId);
      const { request, response } = entry;
      expect(request.method, file).toBe(operation.method);

      // The response: a status the model documents, and a body its schema accepts.
      const documented = operation.responses.find((r) => r.status === response.status);
      expect(documented, `${file}: status ${response.status} is not documented`).toBeDefined();
      const headers = Object.fromEntries(
        response.headers.map((h: { name: string; value: string }) => [h.name.toLowerCase(), h.value]),
      );
      expect('retry-after' in headers, `${file}: Retry-After iff 429`).toBe(response.status === 429);
      if (documented?.mediaType === null) {
        expect(response.content.text, file).toBe('');
        expect('content-type' in headers, `${file}: no Content-Type without a body`).toBe(false);
      } else {
        expect(headers['content-type'], file).toBe('application/json; charset=utf-8');
        const body = JSON.parse(response.content.text);
        const validate = ajv.compile(documented?.schema ?? {});
        expect(validate(body), `${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        if (response.status >= 400) {
          expect(body.status, file).toBe(response.status);
          expect(file, 'the file is named by its status and type').toBe(
            `${operation.operationId}/${response.status}-${slug(body.type)}.har`,
          );
          expect(
            documented?.errors.some((e) => e.type === body.type),
            `${file}: ${body.type}`,
          ).toBe(true);
        }
      }

      // The request: no key (only [REDACTED], or an authored non-key), files without bytes, says why.
      for (const h of request.headers.filter((h: Param) => /key/i.test(h.name))) {
        expect(h.value === '[REDACTED]' || !API_KEY_PATTERN.test(h.value), `${file}: a key in the recording`).toBe(
          true,
        );
      }
      for (const p of request.postData?.params ?? []) if (p.fileName !== undefined) expect(p.value, file).toBe('');
      expect(request.comment, file).toBeTypeOf('string');
      if (!operation.requestBody)
        expect(request.postData, `${file}: a body for an operation without one`).toBeUndefined();
    });
  });

  describe(`${label}: every recording, replayed against the mock`, () => {
    let mock: MockServer;
    beforeAll(async () => {
      mock = await startMockServer({ model });
    });
    afterAll(() => mock.close());
    const reproduced: string[] = [];
    afterAll(() => {
      // The N/N figure of the closing note.
      console.log(`${label}: recordings reproduced by the mock: ${reproduced.length}/${files.length}`);
    });

    it.each(files)(
      '$file: the recorded request gets the recorded status and type',
      async ({ operation, file }) => {
        const [entry] = read(file).log.entries;
        const answer = await replay(entry, mock.url);
        const recorded = entry.response.content.text ? JSON.parse(entry.response.content.text) : undefined;
        expect(answer.status, `${file}: ${answer.text}`).toBe(entry.response.status);
        expect(answer.body?.type ?? answer.body?.object, file).toBe(recorded?.type ?? recorded?.object);
        if (recorded === undefined) expect(answer.text, file).toBe('');
        const retryAfter = entry.response.headers.find((h: Param) => h.name.toLowerCase() === 'retry-after');
        expect(answer.headers.get('retry-after') ?? undefined, file).toBe(retryAfter?.value);
        expect(answer.text, `${file}: the key echoed`).not.toContain(KEY);

        // An error is forced by its control header alone (without it the request succeeds), or comes
        // from the request itself (it is refused even though nothing forces it).
        if (entry.response.status >= 400) {
          const forced = entry.request.headers.some((h: Param) => h.name === 'X-Postpress-Mock-Error');
          const success = operation.responses.find((r) => r.success)?.status;
          if (forced) {
            const plain = await replay(entry, mock.url, {
              dropHeaders: ['x-postpress-mock-error', 'x-postpress-mock-status'],
            });
            expect(plain.status, `${file}: without the control header`).toBe(success);
            expect(entry.request.comment, file).toMatch(/X-Postpress-Mock-Error/);
          } else expect(entry.request.comment, file).not.toBe('a valid request');
        }
        reproduced.push(file);
      },
      60_000,
    );
  });
  return files;
}
