import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateClientOperations,
  errorKey as generatorKey,
  outputPath,
  // @ts-expect-error the generator is a plain ESM script without type declarations
} from '../../../scripts/generate-client.mjs';
import { errorKey } from '../src/errors.js';
import { operations } from '../src/index.js';
import type { OperationDescriptor } from '../src/types.js';
import { buildFixture } from './helpers/fixture.js';
import { documented, model } from './helpers/spec.js';

type Model = typeof model;
const copy = (): Model => structuredClone(model);
const descriptors: Record<string, OperationDescriptor> = operations;

describe('the generated operation table', () => {
  // That the table and the version file are what the model generates now is .ci/run's drift check.
  it('has one descriptor per operation of the model, with its method, path and path parameters', () => {
    expect(Object.keys(operations)).toEqual(model.operations.map((op) => op.operationId));
    for (const op of model.operations) {
      const d = descriptors[op.operationId]!;
      expect(d.method).toBe(op.method);
      expect(d.path).toBe(op.path);
      expect(d.pathParams).toEqual(op.parameters.filter((p) => p.in === 'path').map((p) => p.name));
      expect(d.retryable).toEqual(op.responses.filter((r) => r.retryable).map((r) => r.status));
      expect(Object.keys(d.ok).map(Number)).toEqual(op.responses.filter((r) => r.success).map((r) => r.status));
      expect(Boolean(d.page)).toBe(Boolean(op.pagination));
    }
  });

  it('turns a new operation in the model into a new descriptor and method', () => {
    const next = copy();
    // A copy of an operation with a required body and no path parameter: the method takes `params` first.
    const first = next.operations.find((o) => o.requestBody?.required && o.parameters.every((p) => p.in !== 'path'));
    next.operations.push({ ...structuredClone(first!), operationId: 'sendReaction', summary: 'React to a message' });
    const text = generateClientOperations(next);
    expect(text).toContain('export const sendReaction: OperationDescriptor<OperationMethods["sendReaction"]> = {');
    expect(text).toMatch(/\n {2}sendReaction\(params: Params<'sendReaction'>, options\?: CallOptions\)/);
    expect(text).toMatch(/export const operations = \{ [^}]*\bsendReaction \};/);
  });

  it('refuses what the client could not send or name', () => {
    const refusals: [string, (m: Model) => void, RegExp][] = [
      [
        'a parameter named like a body field',
        (m) => {
          const op = m.operations.find((o) => o.requestBody)!;
          const field = Object.keys((op.requestBody!.schema as { properties?: object }).properties ?? {})[0] ?? 'text';
          op.parameters.push({ ...op.parameters[0]!, name: field, in: 'query', style: 'form', explode: true });
        },
        /has the name of a body field/,
      ],
      [
        'an object query parameter in form style',
        (m) => {
          m.operations[0]!.parameters.push({
            name: 'filter',
            in: 'query',
            required: false,
            description: '',
            deprecated: false,
            schema: { type: 'object' },
            style: 'form',
            explode: true,
            examples: [],
          });
        },
        /query parameter `filter`: the client sends objects as deepObject/,
      ],
      [
        'a GET with a body',
        (m) => {
          m.operations.find((o) => o.requestBody)!.method = 'GET';
        },
        /a GET with a request body/,
      ],
      [
        'an operationId that is one of the package’s exports',
        (m) => {
          m.operations[0]!.operationId = 'unwrap';
        },
        /unwrap: @postpress\/client exports its descriptor under this name/,
      ],
      [
        'an operationId that names a function of src/shapes.ts, which the file may hold beside it',
        (m) => {
          m.operations[0]!.operationId = 'pages';
        },
        /pages: @postpress\/client exports its descriptor under this name/,
      ],
    ];
    for (const [what, change, message] of refusals) {
      const next = copy();
      change(next);
      expect(() => generateClientOperations(next), what).toThrow(message);
    }
  });

  it('holds exactly the documented (status, type) pairs, hashed the way the client hashes them', () => {
    for (const [operationId, op] of Object.entries(descriptors)) {
      // Each key once (two documented pairs that share one need it once), and no other.
      const expected = [
        ...new Set(documented.filter((d) => d.operationId === operationId).map((d) => errorKey(d.status, d.type))),
      ].sort();
      expect(expected.length, operationId).toBeGreaterThan(0);
      expect(op.errors.length % 3, operationId).toBe(0);
      expect(op.errors.match(/.{3}/g)?.sort(), operationId).toEqual(expected);
    }
    for (const [status, type] of [
      [422, 'errors/limit_exceeded'],
      [0, ''],
      [503, 'errors/ünïcode ✓'],
    ] as const) {
      expect(generatorKey(status, type)).toBe(errorKey(status, type));
    }
    expect(errorKey(422, 'errors/limit_exceeded')).not.toBe(errorKey(429, 'errors/limit_exceeded'));
  });

  it('has only type-only imports, so a fixture’s copy can be imported from any folder', () => {
    const text = readFileSync(outputPath, 'utf8');
    const imports = text.split('\n').filter((line) => /^import\b/.test(line));
    expect(imports.length).toBeGreaterThan(0);
    for (const line of imports) expect(line).toMatch(/^import type /);
  });
});

describe('the code only some operations need (src/shapes.ts)', () => {
  /** The `uses` each operation of a model must have: a query, a JSON or multipart body, paging. */
  const needs = (m: Model) =>
    Object.fromEntries(
      m.operations.map((op) => [
        op.operationId,
        [
          op.parameters.some((p) => p.in === 'query') && 'query',
          op.requestBody && (op.requestBody.multipart ? 'form' : 'json'),
          op.pagination && 'pages',
        ].filter(Boolean),
      ]),
    );
  const shapes = readFileSync(new URL('../src/shapes.ts', import.meta.url), 'utf8');
  const functions = ['queryString', 'toJson', 'toFormData', 'pages'];

  it('travels with a fixture whose operations need it: each descriptor points at what its data needs, copied verbatim', async () => {
    const fixture = await buildFixture();
    const text = readFileSync(fixture.paths.client, 'utf8');
    const ops = fixture.generated.operations;
    expect(Object.fromEntries(Object.entries(ops).map(([id, op]) => [id, Object.keys(op.uses ?? {})]))).toEqual(
      needs(fixture.model),
    );
    for (const op of Object.values(ops))
      for (const code of Object.values(op.uses ?? {})) expect(typeof code).toBe('function');
    // Each function as src/shapes.ts writes it, without `export` (a generated file exports descriptors only).
    for (const name of functions) {
      const body = shapes.slice(shapes.search(new RegExp(`export (async )?function\\*? ${name}\\(`)));
      const source = body.slice(0, body.indexOf('\n}\n') + 2).replace(/^export /, '');
      expect(text, name).toContain(source);
      expect(fixture.generated[name], `${name} is not exported`).toBeUndefined();
    }
    for (const line of text.split('\n').filter((l) => /^import\b/.test(l))) expect(line).toMatch(/^import type /);
  }, 300_000);

  it("is in this package's generated file only if one of its operations needs it", () => {
    const text = readFileSync(outputPath, 'utf8');
    const needed = new Set(Object.values(needs(model)).flat());
    expect(Object.fromEntries(Object.entries(descriptors).map(([id, op]) => [id, Object.keys(op.uses ?? {})]))).toEqual(
      needs(model),
    );
    const map = { query: 'queryString', json: 'toJson', form: 'toFormData', pages: 'pages' } as const;
    for (const [use, name] of Object.entries(map))
      expect(text.includes(`function${use === 'pages' ? '*' : ''} ${name}(`), name).toBe(needed.has(use));
  });
});
