// A call's `params` → the parts of its request: the query string (each parameter in its OpenAPI
// style), the header parameters, and the body (multipart, JSON or none). Whatever cannot be sent as
// given throws an EncodeError: nothing is dropped. The query string and the body (JSON or multipart)
// are written by the code the operation's descriptor carries (src/shapes.ts).
import { EncodeError, scalar } from './multipart.js';
import type { OperationDescriptor, Reads } from './types.js';

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
  const { query, json, form } = op.uses ?? {};
  const headers: Record<string, string> = {};
  const fields: Record<string, unknown> = {};
  if (op.body !== 'json-value') {
    if (typeof values !== 'object' || Array.isArray(values)) throw new EncodeError('params must be an object');
    for (const [key, value] of Object.entries(values))
      if (op.headers?.includes(key)) {
        if (value != null) headers[key] = scalar(key, value, 'a header');
      } else if (value !== undefined && !(op.query && Object.hasOwn(op.query, key))) {
        if (!op.body) throw new EncodeError(`${key} is not a parameter of this operation`);
        fields[key] = value;
      }
  }
  // checkDescriptor (client.ts) made sure an operation with a body carries its code.
  const text = json?.(op, params, fields, scalar, headers, EncodeError);
  return {
    query: query ? query(op, values, scalar) : '',
    headers,
    body:
      op.body === 'multipart'
        ? (reads = { open: 0 }) => form?.(fields, op.wire, reads, scalar, EncodeError)
        : () => text,
  };
}
