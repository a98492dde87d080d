// A failed call → the text an agent reads: what happened (status, type, meaning from the spec) and
// whether retrying later can help. Reads only fields the client has always had (kind, status, type,
// title, detail, retryable, httpStatus, errorType, message, reason), each defensively: an error built
// from a hostile body may have a throwing getter, a foreign prototype or objects where strings belong.
// Every string read is scrubbed of the key and cut (src/bounds.ts).
import { clean, field, MAX_DETAIL_CHARS, MAX_TITLE_CHARS, type Scrub } from './bounds.js';
import type { GeneratedTool } from './tool-data.js';

/** The fields of any @postpress/client error that are read here; all optional. */
export interface ClientErrorLike {
  kind?: unknown;
  status?: unknown;
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  retryable?: unknown;
  httpStatus?: unknown;
  errorType?: unknown;
  message?: unknown;
  reason?: unknown;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Whether retrying later can help, from the status and the spec's `x-retryable`. `repeatable`: doing
 * the request twice does no harm (GET, PUT, DELETE), so an unknown outcome can simply be retried.
 */
export function retryAdvice(
  status: number | undefined,
  retryable: boolean,
  retryAfter?: string | null,
  repeatable = false,
): string {
  if (retryable)
    return `Retrying later can help: the API did not process the request${retryAfter ? ` (it asked to wait: Retry-After ${retryAfter})` : ''}.`;
  if (status === undefined || status >= 500)
    return repeatable
      ? 'Retrying later may help; repeating this request is safe.'
      : 'Retrying later may help, but the API may already have processed the request: check its effect (the chat, ' +
          'the message) before sending it again, or it may be done twice.';
  return 'Retrying the same request will not help: the API refused it and nothing was done; resolve the cause above first.';
}

/** The `Retry-After` of a response, if it is a plain one (seconds or an HTTP date), else undefined. */
function retryAfterOf(response: Response | undefined): string | undefined {
  try {
    const value = response?.headers?.get('retry-after')?.trim();
    return value && value.length <= 64 && /^[\w ,:+-]+$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The HTTP status of a response, if it is one. */
export function statusOf(response: Response | undefined): number | undefined {
  try {
    return num(response?.status);
  } catch {
    return undefined;
  }
}

export function describeError(
  tool: GeneratedTool,
  error: ClientErrorLike | unknown,
  response?: Response,
  scrub: Scrub = (text) => text,
): string {
  // Strings only, trimmed, scrubbed and cut; anything else is absent.
  const str = (key: string, max = MAX_TITLE_CHARS) => {
    const value = field(error, key);
    return typeof value === 'string' && value.trim() ? clean(scrub, value.trim(), max) : undefined;
  };
  const head = `${tool.name} failed:`;
  const retryAfter = retryAfterOf(response);
  const kind = str('kind');
  const status = num(field(error, 'status')) ?? num(field(error, 'httpStatus')) ?? statusOf(response);
  const documented = status === undefined ? undefined : tool.errors[String(status)];
  const ownRetryable = field(error, 'retryable');
  const retryable = typeof ownRetryable === 'boolean' ? ownRetryable : (documented?.retryable ?? false);
  const repeatable = ['GET', 'PUT', 'DELETE'].includes(tool.method);
  const advice = (s: number | undefined) => retryAdvice(s, retryable, retryAfter, repeatable);
  const title = str('title');
  const detail = str('detail', MAX_DETAIL_CHARS);
  const detailText = detail ? ` Detail: ${detail}` : '';
  const message = str('message', MAX_DETAIL_CHARS);

  if (kind === 'api' || (kind === undefined && str('type'))) {
    const type = str('type') ?? 'unknown type';
    const meaning = Object.hasOwn(documented?.types ?? {}, type) ? documented?.types[type] : undefined;
    return [
      `${head} HTTP ${status ?? '?'} ${type}${title ? ` (${title})` : ''}.`,
      documented ? ` ${documented.description}` : '',
      meaning ? ` Meaning: ${meaning}` : '',
      detail && detail !== meaning ? detailText : '',
      ` ${advice(status)}`,
    ].join('');
  }
  if (kind === 'undocumented') {
    const type = str('errorType') ?? 'unknown type';
    return (
      `${head} HTTP ${status ?? '?'} ${type}${title ? ` (${title})` : ''}, an error type the spec does not document ` +
      `for ${tool.name}.${documented ? ` ${documented.description}` : ''} ${advice(status)}`
    );
  }
  if (kind === 'invalid_request')
    return `${head} refused before sending: ${message ?? 'invalid request'}. Nothing was sent; fix the arguments.`;
  if (kind === 'invalid_response')
    return (
      `${head} HTTP ${status ?? '?'} with an answer that is not the API's (${str('reason', MAX_DETAIL_CHARS) ?? 'unreadable'}). ` +
      advice(status)
    );
  if (kind === 'abort') return `${head} the call was cancelled (${message ?? 'aborted'}).`;
  // The client knows the request never left (a refused write, no connection): nothing was done.
  if (field(error, 'sent') === false)
    return `${head} ${kind ?? 'error'}: ${message ?? 'no details'}. Nothing was sent: retrying later is safe.`;
  // network, timeout, or a kind this version does not know.
  return `${head} ${kind ?? 'error'}: ${message ?? 'no details'}. ${advice(undefined)}`;
}
