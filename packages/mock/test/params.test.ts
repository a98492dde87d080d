// Parameters read by their `style` and `explode` and typed by their schema, on a hand-made operation
// that has every serialization the model allows (the fixture spec has the common ones only).
import type { Operation } from '@postpress/openapi/operations.json';
import { describe, expect, it } from 'vitest';
import { checkParameters } from '../src/params.js';
import { Schemas } from '../src/schemas.js';

type Parameter = Operation['parameters'][number];
const param = (p: Partial<Parameter> & Pick<Parameter, 'name' | 'in' | 'schema'>): Parameter => ({
  required: false,
  description: '',
  deprecated: false,
  style: p.in === 'query' ? 'form' : 'simple',
  explode: p.in === 'query',
  examples: [],
  ...p,
});

const operation = {
  operationId: 'listThings',
  parameters: [
    param({ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^t_' } }),
    param({ name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } }),
    param({ name: 'ids', in: 'query', explode: false, schema: { type: 'array', items: { type: 'integer' } } }),
    param({
      name: 'piped',
      in: 'query',
      style: 'pipeDelimited',
      explode: false,
      schema: { type: 'array', items: { type: 'string' } },
    }),
    param({
      name: 'spaced',
      in: 'query',
      style: 'spaceDelimited',
      explode: false,
      schema: { type: 'array', items: { type: 'number' } },
    }),
    param({
      name: 'filter',
      in: 'query',
      style: 'deepObject',
      explode: true,
      schema: {
        type: 'object',
        properties: { min: { type: 'integer' }, open: { type: 'boolean' } },
        additionalProperties: false,
      },
    }),
    param({ name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 10 } }),
    param({ name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } }),
    param({ name: 'X-Trace', in: 'header', schema: { type: 'array', items: { type: 'string', maxLength: 3 } } }),
  ],
} as unknown as Operation;

function check(path: Record<string, string> | undefined, query: string, headers: Record<string, string> = {}) {
  return checkParameters(new Schemas(), operation, {
    path,
    query: new URLSearchParams(query),
    header: (name) => headers[name.toLowerCase()],
  });
}

describe('parameters by style and explode', () => {
  it('reads every serialization into typed values', () => {
    const found = check(
      { id: 't_%C3%BC' },
      'tags=a&tags=b&ids=1,2,3&piped=x|y&spaced=1.5%202&filter[min]=3&filter[open]=true&limit=5&since=2026-01-01T00:00:00Z',
      { 'x-trace': 'a, b' },
    );
    expect(found.path).toEqual([]);
    expect(found.missing).toEqual([]);
    expect(found.invalid).toEqual([]);
    expect(found.values).toEqual({
      path: { id: 't_ü' },
      query: {
        tags: ['a', 'b'],
        ids: [1, 2, 3],
        piped: ['x', 'y'],
        spaced: [1.5, 2],
        filter: { min: 3, open: true },
        limit: 5,
        since: '2026-01-01T00:00:00Z',
      },
      header: { 'X-Trace': ['a', 'b'] },
    });
  });

  it('names each wrong value and what it must be', () => {
    const found = check(
      { id: 'nope' },
      'ids=1,x&filter[min]=many&filter[other]=1&limit=11&since=yesterday&limit=3&extra=1',
      { 'x-trace': 'long' },
    );
    expect(found.path.join('; ')).toContain('path parameter id must match pattern');
    const invalid = found.invalid.join('; ');
    expect(invalid).toContain('query parameter ids items must each be an integer (got "x")');
    expect(invalid).toContain('query parameter filter[min] must be an integer (got "many")');
    expect(invalid).toContain('query parameter limit: sent 2 times; send it once');
    expect(invalid).toContain('query parameter since must be a date-time');
    expect(invalid).toContain('header X-Trace (item 1) must NOT have more than 3 characters');
    expect(invalid).toContain('query parameter extra is not one listThings takes');
  });

  it('refuses a bad percent-encoding in the path, a missing required one and unknown keys', () => {
    const found = check({ id: '%ZZ' }, 'filter[__proto__]=1');
    expect(found.path).toEqual([expect.stringContaining('path parameter id is not valid percent-encoding (%ZZ)')]);
    expect(found.missing).toEqual(['query parameter limit']);
    expect(found.invalid.join('; ')).toContain('__proto__');
    expect(Object.getPrototypeOf(found.values.query)).toBe(Object.prototype);
  });

  it('checks a range and an integer', () => {
    expect(check({ id: 't_1' }, 'limit=0').invalid).toEqual(['query parameter limit must be >= 1']);
    expect(check({ id: 't_1' }, 'limit=2.5').invalid).toEqual(['query parameter limit must be an integer (got "2.5")']);
    expect(check({ id: 't_1' }, 'limit=').invalid).toEqual(['query parameter limit must be an integer (got "")']);
  });
});
