// A call's `params` → the parts of its request: the query string (each parameter in its OpenAPI
// style), the header parameters, and the body (multipart, JSON or none). Whatever cannot be sent as
// given throws an EncodeError: nothing is dropped.
import { cannot, EncodeError, type Reads, scalar, text, toFormData } from './multipart.js';
import type { OperationDescriptor } from './types.js';

/**
 * The query string (without `?`) of the operation's parameters in `values`; absent ones and empty
 * lists are left out. A list goes in its style (`form`: `a=1&a=2` exploded or `a=1,2`;
 * `spaceDelimited`: `a=1%202`; `pipeDelimited`: `a=1|2`), an object as a `deepObject` (`a[k]=v`);
 * the generator refuses objects in any other style. Written here rather than with openapi-fetch's
 * serializers, which write a deepObject's keys unencoded and, with the path styles they carry,
 * would cost a sixth of the methods client's size budget.
 */
export function queryString(op: Pick<OperationDescriptor, 'query'>, values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, [style, explode]] of Object.entries(op.query ?? {})) {
    const value = values[name];
    const text = (v: unknown) => encodeURIComponent(scalar(name, v, 'a query parameter'));
    if (style === 'deepObject' && value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) if (v != null) parts.push(`${name}[${text(k)}]=${text(v)}`);
    } else {
      // One value is a list of one; an exploded list repeats the name.
      const list = value == null ? [] : [value].flat();
      const separator = explode ? `&${name}=` : { spaceDelimited: '%20', pipeDelimited: '|' }[style as string] ?? ',';
      if (list.length) parts.push(`${name}=${list.map(text).join(separator)}`);
    }
  }
  return parts.join('&');
}

/** Plain data only: a Blob, Map, function or NaN would reach the API as `{}`, nothing or `null`. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    const type = typeof v;
    if (type === 'string') text(key, v as string);
    else if (
      type === 'number'
        ? !Number.isFinite(v)
        : !(
            v == null ||
            type === 'boolean' ||
            Array.isArray(v) ||
            [Object.prototype, null].includes(Object.getPrototypeOf(v))
          )
    )
      throw cannot(key || 'body', v, 'a JSON body');
    return v;
  });
}

export interface Prepared {
  /** The query string, without `?` (empty for none). */
  query: string;
  /** The header parameters given, and the content type of a JSON body. */
  headers: Record<string, string>;
  /** A fresh body for each attempt (a sent FormData is rebuilt), or undefined for none; `reads` follows its files. */
  body: (reads?: Reads) => BodyInit | undefined;
}

/** Splits `params` into query, header parameters and body, and encodes each. */
export function prepare(op: OperationDescriptor, params: unknown): Prepared {
  const values = (params ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  let json: string | undefined;
  if (op.body === 'json-value') {
    if (params === undefined && !op.optionalBody) throw new EncodeError('this operation needs a request body');
    if (params !== undefined) json = toJson(params);
  } else {
    if (typeof values !== 'object' || Array.isArray(values)) throw new EncodeError('params must be an object');
    for (const [key, value] of Object.entries(values))
      if (op.headers?.includes(key)) {
        if (value != null) headers[key] = scalar(key, value, 'a header');
      } else if (value !== undefined && !(op.query && Object.hasOwn(op.query, key))) {
        if (!op.body) throw new EncodeError(`${key} is not a parameter of this operation`);
        fields[key] = value;
      }
    if (op.body === 'json' && (Object.keys(fields).length || !op.optionalBody)) json = toJson(fields);
  }
  if (json !== undefined) headers['content-type'] = op.mediaType ?? 'application/json';
  return {
    query: queryString(op, values),
    headers,
    body: op.body === 'multipart' ? (reads) => toFormData(fields, op.wire, reads) : () => json,
  };
}
