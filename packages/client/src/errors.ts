// A response (or its absence) → the typed outcome. Nothing here throws: every malformed answer
// becomes an `invalid_response` that keeps the status and the raw body.
import type { ApiError, PostpressError, TransportError, UndocumentedError } from './types.js';

export interface OperationInfo {
  readonly retryable: readonly number[];
  readonly errors: Readonly<Record<number, string>>;
}

const isJson = (contentType: string | null) =>
  !!contentType && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType);

function invalid(response: Response, rawBody: string, reason: string): TransportError {
  const contentType = response.headers.get('content-type');
  return { kind: 'invalid_response', httpStatus: response.status, contentType, rawBody, reason, retryable: false };
}

/** The JSON object in a body, or why there is none. */
function parseObject(response: Response, text: string): Record<string, unknown> | string {
  if (text === '') return 'empty body';
  if (!isJson(response.headers.get('content-type')))
    return `expected JSON, got ${response.headers.get('content-type') ?? 'no content type'}`;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : 'JSON body is not an object';
  } catch {
    return 'body is not valid JSON (truncated?)';
  }
}

export function toSuccess<T>(response: Response, text: string): { data: T } | { error: TransportError } {
  const body = parseObject(response, text);
  return typeof body === 'string' ? { error: invalid(response, text, body) } : { data: body as T };
}

export function toError<E extends PostpressError<never>>(response: Response, text: string, op: OperationInfo): E {
  const body = parseObject(response, text);
  if (typeof body === 'string') return invalid(response, text, body) as E;
  const { status, type, title } = body;
  if (typeof type !== 'string' || typeof title !== 'string' || (status !== undefined && status !== response.status)) {
    return invalid(response, text, 'JSON body is not the error envelope') as E;
  }
  const retryable = op.retryable.includes(response.status);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const documented = op.errors[response.status]?.split(' ').includes(type.replace(/^errors\//, ''));
  if (documented) {
    return { ...body, status: response.status, kind: 'api', retryable, requestId } as unknown as ApiError<never> as E;
  }
  const undocumented: UndocumentedError = {
    kind: 'undocumented',
    httpStatus: response.status,
    errorType: type,
    title,
    retryable,
    body,
    requestId,
  };
  return undocumented as E;
}
