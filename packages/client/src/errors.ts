// A response → the typed outcome. Nothing here throws: every malformed answer becomes an
// `invalid_response` that keeps the status and the first RAW_BODY_CHARS of the raw body.
import type { ErrorKind, OperationDescriptor, OperationId, PostpressError as PostpressErrorUnion } from './types.js';

const BRAND = Symbol.for('@postpress/client/error');

/** Any operation's error union (distributed per operation, so `status` and `type` stay readable). */
type AnyPostpressError = OperationId extends infer Op
  ? Op extends OperationId
    ? PostpressErrorUnion<Op>
    : never
  : never;

/** Every kind's readable message: status, type, title and request id where there are some. */
function messageOf(e: Record<string, unknown>): string {
  const id = e.requestId ? ` (request id ${e.requestId})` : '';
  return e.kind === 'api'
    ? `${e.status} ${e.type}: ${e.title}${e.detail ? ` — ${e.detail}` : ''}${id}`
    : e.kind === 'undocumented'
      ? `${e.httpStatus} ${e.errorType} (not in the spec): ${e.title}${id}`
      : e.accepted
        ? `the API accepted the request (${e.httpStatus}) but its answer is not what the spec documents (${e.reason}): do not send it again${id}`
        : e.kind === 'invalid_response'
          ? `invalid response (HTTP ${e.httpStatus}): ${e.reason}${id}`
          : `${e.kind}: ${e.message}`;
}

/**
 * The class of every error the client returns (or throws, with `unwrap`): an `Error` with a
 * readable `message`, a stack, `cause` where there is one, and the kind's fields. `instanceof`
 * checks a brand, so it holds across copies of the package (ESM and CommonJS builds).
 */
class PostpressErrorClass extends Error {
  declare kind: ErrorKind;
  declare retryable: boolean;
  /** Attempts made (1 + retries). */
  declare attempts: number;
  /** The `x-request-id` of each attempt's response (null when it had none or there was no response). */
  declare requestIds: (string | null)[];
  /** `fields` are the client's own (never an API body's keys); a `body` is kept read-only and not enumerable. */
  constructor({ body, ...fields }: { body?: object } & Record<string, unknown>) {
    super(messageOf(fields), fields); // its `cause`, if any
    const { message } = this;
    Object.assign(this, fields, { message });
    if (body) Object.defineProperty(this, 'body', { value: body });
  }
  get [BRAND]() {
    return true;
  }
  // The predicate narrows `instanceof` to the union, so a `catch` can read `status`, `type`, `kind`.
  static [Symbol.hasInstance](value: unknown): value is AnyPostpressError {
    return (value as Record<symbol, unknown> | null)?.[BRAND] === true;
  }
  override get name() {
    return 'PostpressError';
  }
}

/** Every outcome that is not a success, as a type to narrow (on `kind`, or `status` then `type`); as a value, the class to `instanceof`. */
export type PostpressError<Op extends OperationId> = PostpressErrorUnion<Op>;
export const PostpressError = PostpressErrorClass;
export type PostpressErrorBase = PostpressErrorClass;

/**
 * The throwing style: the data of a result, or its error thrown.
 * `const data = await unwrap(client.someOperation(params))`.
 */
export async function unwrap<R extends { data?: unknown; error?: unknown }>(
  result: R | Promise<R>,
): Promise<Exclude<R, { error: object }>['data']> {
  const { data, error } = await result;
  if (error) throw error;
  return data as Exclude<R, { error: object }>['data']; // undefined for a success without content (204)
}

/** What toResult reads of an operation's descriptor. */
export type OperationInfo = Pick<OperationDescriptor, 'ok' | 'retryable' | 'errors'>;

/**
 * FNV-1a (32 bit) of `${status}${type}`, as 3 characters from `%` to `~` (base 90: random text costs
 * gzip about a byte a character, and the table is the largest part of a descriptor). The generated
 * table holds these keys end to end instead of the documented type names, which would be a fifth of
 * the client's bundle. An undocumented pair passes for documented (kind `api` instead of
 * `undocumented`, with its own status and type) only if its key is one of the operation's n: odds n in
 * 90^3 (729,000), 1 in 9,200 for the 79 pairs of the largest operation today.
 */
export function errorKey(status: number, type: string): string {
  let hash = 0x811c9dc5;
  for (const char of status + type) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  const h = hash >>> 0;
  return String.fromCharCode(37 + (h % 90), 37 + (((h / 90) | 0) % 90), 37 + (((h / 8100) | 0) % 90));
}

/** How much of a body that is not the API's an `invalid_response` keeps in `rawBody`. */
export const RAW_BODY_CHARS = 8192;

export function toResult<T>(
  response: Response,
  text: string,
  op: OperationInfo,
  /** The limit the body went over (it was cut there), or 0. */
  tooLarge = 0,
): { data: T } | { error: { kind: string; retryable: boolean; [field: string]: unknown } } {
  const { status, headers, ok } = response;
  const contentType = headers.get('content-type');
  // 429 and 503 mean the API did not process the call, whatever its body (a gateway's text).
  const common = { retryable: op.retryable.includes(status), requestId: headers.get('x-request-id') ?? undefined };
  const invalid = (reason: string) =>
    ({
      error: {
        kind: 'invalid_response',
        httpStatus: status,
        contentType,
        rawBody: text.slice(0, RAW_BODY_CHARS),
        reason,
        // After a 2xx the API did the request: the caller must know, or it would send it again.
        ...(ok && { accepted: true }),
        ...common,
      },
    }) as const;
  if (tooLarge) return invalid(`body larger than maxResponseBytes (${tooLarge})`);
  // A documented success status, else the first one (an API answering 200 for a documented 201).
  const expected = ok ? (status in op.ok ? op.ok[status] : Object.values(op.ok)[0]) : undefined;
  if (expected === null) return { data: undefined as T }; // a success without content (204)
  if (!text) return invalid('empty body');
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? ''))
    return invalid(`expected JSON, got ${contentType ?? 'no content type'}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return invalid('body is not valid JSON');
  }
  if (expected === true) return { data: body as T };
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('JSON body is not an object');
  if (expected) {
    // A required field of one JSON type must have it (null is not a string): the types promise it.
    const bad = Object.entries(expected).filter(([field, type]) =>
      type ? body[field] === null || typeof body[field] !== type : !(field in body),
    );
    return bad.length
      ? invalid(
          `success body lacks ${bad.map(([field, type]) => (type ? `${field} (must be ${type})` : field)).join(', ')}`,
        )
      : { data: body as T };
  }
  const { type, title, detail, instance } = body;
  if (typeof type !== 'string' || typeof title !== 'string' || (body.status ?? status) !== status)
    return invalid('JSON body is not the error envelope');
  // Only the envelope's documented fields, each of its documented type: a body's `name`, `__proto__`,
  // `stack` or `toString` must not become the error's own.
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    error: op.errors.match(/.{3}/g)?.includes(errorKey(status, type))
      ? { kind: 'api', status, type, title, detail: str(detail), instance: str(instance), body, ...common }
      : { kind: 'undocumented', httpStatus: status, errorType: type, title, body, ...common },
  };
}
