// The operations model (dist/operations.json): valid against its published JSON Schema, faithful to
// the reference pages' facts, and general (the fixture spec's every shape). A spec it cannot hold is
// refused like any broken spec (broken-spec.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildOpenapi } from '../../../scripts/bundle-spec.mjs';
import type { Operation, OperationsModel } from '../dist/operations.js';
import { distDir } from './helpers.js';
import { repoRoot } from './reference-pages.js';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const model: OperationsModel = read(join(distDir, 'operations.json'));
const schema = read(join(repoRoot, 'packages/openapi/schema/operations.schema.json'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const byId = (m: OperationsModel, id: string) => m.operations.find((o) => o.operationId === id) as Operation;

describe('the committed operations model', () => {
  it('matches its JSON Schema and is exported, with its types, by the package', () => {
    expect(validate(model), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const manifest = read(join(repoRoot, 'packages/openapi/package.json'));
    expect(manifest.exports['./operations.json']).toEqual({
      types: './dist/operations.d.ts',
      default: './dist/operations.json',
    });
    expect(manifest.exports['./operations.schema.json']).toBe('./schema/operations.schema.json');
    expect(manifest.files).toEqual(
      expect.arrayContaining(['dist/operations.json', 'dist/operations.d.ts', 'schema/operations.schema.json']),
    );
  });

  it('states each part as it travels: bracketed arrays, files under the plain name, bracket paths', () => {
    for (const operation of model.operations) {
      for (const part of operation.requestBody?.multipart?.parts ?? []) {
        const [top, ...rest] = part.path;
        const format = operation.requestBody?.multipart?.fields[top as string];
        const expected =
          top +
          rest.map((k) => `[${k}]`).join('') +
          (part.repeated && part.kind === 'text' && format === 'brackets' ? '[]' : '');
        expect(part.name, part.path.join('.')).toBe(expected);
        if (part.kind === 'file') expect(part.name).not.toMatch(/\[\]$/);
      }
    }
  });

  it('holds no $ref anywhere: consumers never resolve one', () => {
    expect(JSON.stringify(model)).not.toContain('"$ref"');
  });
});

describe('the fixture spec (every operation shape)', async () => {
  const { model: fixture } = (await buildOpenapi({
    spec: join(repoRoot, 'packages/openapi/test/fixtures/every-shape/openapi.yaml'),
    configPath: join(repoRoot, 'redocly.yaml'),
  })) as { model: OperationsModel };

  it('is valid, and carries each shape: methods, parameter kinds, bodies, 204, paging', () => {
    expect(validate(fixture), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(new Set(fixture.operations.map((o) => o.method))).toEqual(
      new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    );
    const list = byId(fixture, 'listChats');
    const query = Object.fromEntries(list.parameters.map((p) => [p.name, p]));
    expect(query.account_type?.schema.enum).toEqual(['LINKEDIN', 'WHATSAPP', 'MAIL', 'TELEGRAM']);
    expect(query.account_id).toMatchObject({ in: 'query', style: 'form', explode: true, schema: { type: 'array' } });
    expect(query.limit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 250 });
    expect(query.before?.schema).toMatchObject({ format: 'date-time' });
    expect(list.pagination).toEqual({ cursorParameter: 'cursor', itemsField: 'items', nextCursorField: 'cursor' });
    const remove = byId(fixture, 'deleteChat');
    expect(remove.requestBody).toBeNull();
    expect(remove.responses[0]).toMatchObject({ status: 204, statusText: 'No Content', mediaType: null, schema: null });
    const react = byId(fixture, 'addReaction');
    expect(react.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:message_id', 'header:Idempotency-Key']);
    expect(react.requestBody).toMatchObject({ mediaType: 'application/json', required: true });
    expect(react.requestBody?.multipart).toBeUndefined();
    expect(react.responses.find((r) => r.status === 429)?.headers.map((h) => h.name)).toEqual(['Retry-After']);
    // The published operations sit beside the new ones on the same paths.
    expect(fixture.operations.filter((o) => o.path === '/api/v1/chats').map((o) => o.method)).toEqual(['GET', 'POST']);
  });
});
