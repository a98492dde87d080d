// A response → the typed outcome. Nothing here throws: every malformed answer becomes an
// `invalid_response` that keeps the status and the first RAW_BODY_CHARS of the raw body.
import type { PostpressError } from './types.js';

export interface OperationInfo {
  readonly retryable: readonly number[];
  /** The fields the spec requires in the success body. */
  readonly required: readonly string[];
  /** The documented errors: ` ${errorKey(status, type)} ` for each pair. */
  readonly errors: string;
}

/**
 * FNV-1a (32 bit, base 36) of `${status}${type}`. The generated table holds these keys instead of
 * the documented type names, which would be a fifth of the client's bundle. An undocumented type
 * passes for documented only if its hash equals one of the operation's (at most 79): odds below
 * 1 in 50 million.
 */
export function errorKey(status: number, type: string): string {
  let hash = 0x811c9dc5;
  for (const char of status + type) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** How much of a body that is not the API's an `invalid_response` keeps in `rawBody`. */
export const RAW_BODY_CHARS = 8192;

export function toResult<T>(
  response: Response,
  text: string,
  op: OperationInfo,
  /** The limit the body went over (it was cut there), or 0. */
  tooLarge = 0,
): { data: T } | { error: PostpressError<never> } {
  const { status, headers } = response;
  const contentType = headers.get('content-type');
  const invalid = (reason: string) =>
    ({
      error: {
        kind: 'invalid_response',
        httpStatus: status,
        contentType,
        rawBody: text.slice(0, RAW_BODY_CHARS),
        reason,
        retryable: false,
      },
    }) as const;
  if (tooLarge) return invalid(`body larger than maxResponseBytes (${tooLarge})`);
  if (!text) return invalid('empty body');
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? ''))
    return invalid(`expected JSON, got ${contentType ?? 'no content type'}`);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return invalid('body is not valid JSON (truncated?)');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('JSON body is not an object');
  if (response.ok) {
    const missing = op.required.filter((field) => !(field in body));
    return missing.length ? invalid(`success body lacks ${missing.join(', ')}`) : { data: body as T };
  }
  const { type, title } = body;
  if (typeof type !== 'string' || typeof title !== 'string' || (body.status ?? status) !== status)
    return invalid('JSON body is not the error envelope');
  const retryable = op.retryable.includes(status);
  const requestId = headers.get('x-request-id') ?? undefined;
  const error = op.errors.includes(` ${errorKey(status, type)} `)
    ? { ...body, status, kind: 'api', retryable, requestId }
    : { kind: 'undocumented', httpStatus: status, errorType: type, title, retryable, body, requestId };
  return { error: error as PostpressError<never> };
}
