// The parts of a request the fixture spec does not reach: every query style the operations model
// allows (the expected strings are the OpenAPI 3.1 specification's own style examples), a JSON body
// that is not an object, an optional body, a JSON media type of its own; and a client built from
// descriptors written by hand, as a generated operations file elsewhere would hold them (with the
// code of src/shapes.ts their data needs).
import { describe, expect, it } from 'vitest';
import {
  createPostpressClientWith,
  createPostpressFetchClient,
  type OperationDescriptor,
  PostpressConfigError,
} from '../src/index.js';
import { scalar } from '../src/multipart.js';
import { prepare } from '../src/request.js';
import { queryString as encodeQuery, pages, toFormData, toJson } from '../src/shapes.js';

const queryString = (op: Pick<OperationDescriptor, 'query'>, values: Record<string, unknown>) =>
  encodeQuery(op, values, scalar);

const query = (style: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject', explode: boolean) => ({
  query: { color: [style, explode] as const },
});
const color = ['blue', 'black', 'brown'];

describe('query styles (OpenAPI 3.1, "Style Examples")', () => {
  it.each([
    ['form', true, color, 'color=blue&color=black&color=brown'],
    ['form', false, color, 'color=blue,black,brown'],
    ['spaceDelimited', false, color, 'color=blue%20black%20brown'],
    ['pipeDelimited', false, color, 'color=blue|black|brown'],
    ['spaceDelimited', true, color, 'color=blue&color=black&color=brown'],
    ['form', true, 'blue', 'color=blue'],
    ['deepObject', true, { R: 100, G: 200, B: 150 }, 'color[R]=100&color[G]=200&color[B]=150'],
  ] as const)('%s, explode %s: %j → %s', (style, explode, value, expected) => {
    expect(queryString(query(style, explode), { color: value })).toBe(expected);
  });

  it('encodes every item and deepObject key, writes numbers in decimal and Dates in ISO 8601', () => {
    expect(queryString(query('form', false), { color: ['a,b', 'c&d=e', 1e21, true] })).toBe(
      'color=a%2Cb,c%26d%3De,1000000000000000000000,true',
    );
    expect(queryString(query('deepObject', true), { color: { 'a[b]': 'x y', at: new Date(0), none: null } })).toBe(
      'color[a%5Bb%5D]=x%20y&color[at]=1970-01-01T00%3A00%3A00.000Z',
    );
    // Parsed back the way a server reads a query.
    const parsed = new URLSearchParams(queryString(query('form', true), { color: ['a&b', 'ü', '+'] }));
    expect(parsed.getAll('color')).toEqual(['a&b', 'ü', '+']);
  });

  it('refuses a nested list or object, and an object in a style that has no place for it', () => {
    expect(() => queryString(query('form', true), { color: [['x']] })).toThrow(/color: cannot send object/);
    expect(() => queryString(query('deepObject', true), { color: { a: { b: 1 } } })).toThrow(
      /color: cannot send object/,
    );
    expect(() => queryString(query('pipeDelimited', false), { color: { a: 1 } })).toThrow(/color: cannot send object/);
  });
});

describe('bodies the fixture does not have', () => {
  const base = {
    method: 'POST',
    path: '/x',
    pathParams: [],
    ok: { 200: true },
    retryable: [],
    errors: '',
    uses: { json: toJson },
  } as const;

  it('a JSON body that is not an object is `params` itself; refused when missing unless optional', () => {
    const op: OperationDescriptor = { ...base, body: 'json-value' };
    expect(prepare(op, ['a', 1]).body()).toBe('["a",1]');
    expect(prepare(op, ['a']).headers).toEqual({ 'content-type': 'application/json' });
    expect(() => prepare(op, undefined)).toThrow('this operation needs a request body');
    const optional = prepare({ ...op, optionalBody: true }, undefined);
    expect([optional.body(), optional.headers]).toEqual([undefined, {}]);
  });

  it('an optional JSON object body is left out when params hold none of its fields; a media type of its own is kept', () => {
    const op: OperationDescriptor = {
      ...base,
      body: 'json',
      optionalBody: true,
      mediaType: 'application/merge-patch+json',
    };
    expect(prepare(op, {}).body()).toBeUndefined();
    expect(prepare(op, { a: undefined }).body()).toBeUndefined();
    const sent = prepare(op, { a: 1 });
    expect([sent.body(), sent.headers]).toEqual(['{"a":1}', { 'content-type': 'application/merge-patch+json' }]);
    expect(prepare({ ...op, optionalBody: undefined as never }, {}).body()).toBe('{}');
  });

  it('params must be an object when the operation has no non-object body', () => {
    expect(() => prepare({ ...base, body: 'json' }, 'text')).toThrow('params must be an object');
    expect(() => prepare({ ...base, body: 'multipart' }, [1])).toThrow('params must be an object');
  });
});

describe('a client from descriptors written elsewhere', () => {
  it('calls what it was given, with its method, path, query and 200/204 answers, and nothing else', async () => {
    const seen: string[] = [];
    const items = {
      method: 'GET',
      path: '/v2/things/{id}/items',
      pathParams: ['id'],
      query: { tag: ['pipeDelimited', false] },
      ok: { 200: true },
      retryable: [],
      errors: '',
      uses: { query: encodeQuery },
    } as const;
    const drop = {
      method: 'DELETE',
      path: '/v2/things/{id}',
      pathParams: ['id'],
      ok: { 204: null },
      retryable: [],
      errors: '',
    } as const;
    const client = createPostpressClientWith(
      { items: items as OperationDescriptor<(id: string, p?: object) => Promise<{ data?: unknown }>>, drop },
      {
        apiKey: 'pp_test_elsewhere',
        baseUrl: 'https://api.example.test',
        fetch: async (request) => {
          seen.push(`${request.method} ${request.url}`);
          return request.method === 'DELETE'
            ? new Response(null, { status: 204 })
            : Response.json([1, 2], { headers: { 'content-type': 'application/json' } });
        },
      },
    );
    expect(Object.keys(client)).toEqual(['items', 'drop']);
    expect((await client.items('t 1', { tag: ['a', 'b'] })).data).toEqual([1, 2]);
    const dropped = await (client.drop as unknown as (id: string) => Promise<{ data: unknown; error: unknown }>)('t/2');
    expect([dropped.data, dropped.error]).toEqual([undefined, undefined]);
    expect(seen).toEqual([
      'GET https://api.example.test/v2/things/t%201/items?tag=a|b',
      'DELETE https://api.example.test/v2/things/t%2F2',
    ]);
  });
});

describe('a descriptor without the code its data needs (from an older generator)', () => {
  const base = { method: 'GET', path: '/x', pathParams: [], ok: { 200: true }, retryable: [], errors: '' } as const;
  const lacking: [string, OperationDescriptor][] = [
    ['a query', { ...base, query: { tag: ['form', true] } }],
    ['a JSON body', { ...base, method: 'POST', body: 'json' }],
    ['a JSON value', { ...base, method: 'POST', body: 'json-value' }],
    ['a multipart body', { ...base, method: 'POST', body: 'multipart', uses: { json: toJson } }],
    ['pages', { ...base, page: ['cursor', 'items', 'cursor'], uses: { query: encodeQuery } }],
  ];

  it.each(lacking)('with %s is refused when the client is made: its query or body would be lost', (_, op) => {
    const options = { apiKey: 'pp_test_lacking', baseUrl: 'https://api.example.test' };
    expect(() => createPostpressClientWith({ op }, options)).toThrow(PostpressConfigError);
    expect(() => createPostpressClientWith({ op }, options)).toThrow(/^op: its descriptor is stale: regenerate it$/);
    expect(() => createPostpressFetchClient(options, { op })).toThrow(PostpressConfigError);
  });

  it('with its code, each is accepted', () => {
    const uses = { query: encodeQuery, json: toJson, form: toFormData, pages };
    const options = { apiKey: 'pp_test_lacking', baseUrl: 'https://api.example.test' };
    for (const [, op] of lacking)
      expect(() => createPostpressClientWith({ op: { ...op, uses } }, options)).not.toThrow();
  });
});
