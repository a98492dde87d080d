import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateClientOperations,
  generateVersion,
  errorKey as generatorKey,
  modelPath,
  outputPath,
  versionPath,
  // @ts-expect-error the generator is a plain ESM script without type declarations
} from '../../../scripts/generate-client.mjs';
import { errorKey } from '../src/errors.js';
import { operations } from '../src/index.js';
import type { OperationDescriptor } from '../src/types.js';
import { documented, model } from './helpers/spec.js';

type Model = typeof model;
const copy = (): Model => structuredClone(model);
const descriptors: Record<string, OperationDescriptor> = operations;

describe('the generated operation table', () => {
  it('is what the operations model generates now (no drift), and so is the version file', () => {
    expect(generateClientOperations(), 'stale: run `pnpm generate` and commit it').toBe(
      readFileSync(outputPath, 'utf8'),
    );
    expect(generateVersion()).toBe(readFileSync(versionPath, 'utf8'));
    expect(JSON.parse(readFileSync(modelPath, 'utf8'))).toEqual(model);
  });

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
    const [first] = next.operations;
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
