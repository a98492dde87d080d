// Code only some operations need: query strings, JSON bodies, paging. scripts/generate-client.mjs
// copies this file into a generated operations file whose operations use it, and their descriptors
// point at it (`uses`): an app bundles it only with an operation that needs it, and a generated file,
// wherever it lies, still imports nothing but types. So this file imports nothing but types either.
import type { OperationDescriptor, PageCall, Scalar } from './types.js';

/**
 * The query string (without `?`) of the operation's parameters in `values`; absent ones and empty
 * lists are left out. A list goes in its style (`form`: `a=1&a=2` exploded or `a=1,2`;
 * `spaceDelimited`: `a=1%202`; `pipeDelimited`: `a=1|2`), an object as a `deepObject` (`a[k]=v`);
 * the generator refuses objects in any other style. Written here rather than with openapi-fetch's
 * serializers, which write a deepObject's keys unencoded and carry path styles the spec never uses.
 */
export function queryString(
  op: Pick<OperationDescriptor, 'query'>,
  values: Record<string, unknown>,
  scalar: Scalar,
): string {
  const parts: string[] = [];
  for (const [name, [style, explode]] of Object.entries(op.query ?? {})) {
    const value = values[name];
    const text = (v: unknown) => encodeURIComponent(scalar(name, v, 'a query parameter'));
    if (
      style === 'deepObject' &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date)
    ) {
      for (const [k, v] of Object.entries(value)) if (v != null) parts.push(`${name}[${text(k)}]=${text(v)}`);
    } else {
      // One value is a list of one; an exploded list repeats the name.
      const list = value == null ? [] : [value].flat();
      const separator = explode ? `&${name}=` : ({ spaceDelimited: '%20', pipeDelimited: '|' }[style as string] ?? ',');
      if (list.length) parts.push(`${name}=${list.map(text).join(separator)}`);
    }
  }
  return parts.join('&');
}

/**
 * The JSON body: `params` itself (`json-value`), or the body's `fields` from them, left out (undefined)
 * when the body is optional and nothing of it is given. Plain data only: a Blob, Map, function or NaN
 * would reach the API as `{}`, nothing or `null`.
 */
export function toJson(
  op: Pick<OperationDescriptor, 'body' | 'optionalBody'>,
  params: unknown,
  fields: Record<string, unknown>,
  scalar: Scalar,
): string | undefined {
  if (op.body === 'json') {
    if (op.optionalBody && !Object.keys(fields).length) return undefined;
    params = fields;
  }
  return JSON.stringify(params, (key, v: unknown) => {
    // Lists and plain objects are walked; every other value is checked the way a multipart field is.
    if (
      v != null &&
      !(typeof v === 'object' && (Array.isArray(v) || [Object.prototype, null].includes(Object.getPrototypeOf(v))))
    )
      scalar(key || 'body', v, 'a JSON body');
    return v;
  });
}

/**
 * Every item of every page: `call` again with the next page's cursor, until there is none. A failed
 * page is thrown as its error; a page without its list, or whose next cursor is its own (the same
 * page forever), as an `invalid_response` (`error` is the client's PostpressError class).
 */
export async function* pages(
  call: PageCall,
  op: OperationDescriptor,
  args: unknown[],
  error: new (fields: Record<string, unknown>) => Error,
): AsyncGenerator<unknown> {
  const n = op.pathParams.length;
  const [cursor, items, next] = op.page as readonly [string, string, string];
  let params = { ...(args[n] as object) } as Record<string, unknown>;
  for (;;) {
    const result = await call(...args.slice(0, n), params, args[n + 1]);
    if (result.error) throw result.error;
    const page = result.data as Record<string, unknown>;
    const list = page[items];
    if (!Array.isArray(list) || (page[next] != null && page[next] === params[cursor]))
      throw new error({
        kind: 'invalid_response',
        httpStatus: result.response?.status,
        contentType: result.response?.headers.get('content-type'),
        rawBody: '',
        reason: `no list of ${items}, or a ${next} that repeats this page's`,
        retryable: false,
        attempts: result.attempts,
        requestIds: result.requestIds,
      });
    yield* list;
    if (page[next] == null || page[next] === '') return;
    params = { ...params, [cursor]: page[next] };
  }
}
