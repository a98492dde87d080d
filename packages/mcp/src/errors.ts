// A failed call → the text an agent reads: what happened (status, type, meaning from the spec) and
// whether retrying later can help. Reads only fields the client has always had (kind, status, type,
// title, detail, retryable, httpStatus, errorType, message, reason), each defensively.
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

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
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

export function describeError(tool: GeneratedTool, error: ClientErrorLike, response?: Response): string {
  const head = `${tool.name} failed:`;
  const retryAfter = response?.headers.get('retry-after');
  const kind = str(error.kind);
  const status = num(error.status) ?? num(error.httpStatus) ?? (response ? response.status : undefined);
  const documented = status === undefined ? undefined : tool.errors[String(status)];
  const retryable = typeof error.retryable === 'boolean' ? error.retryable : (documented?.retryable ?? false);
  const repeatable = ['GET', 'PUT', 'DELETE'].includes(tool.method);
  const advice = (s: number | undefined) => retryAdvice(s, retryable, retryAfter, repeatable);
  const title = str(error.title);
  const detail = str(error.detail);
  const detailText = detail ? ` Detail: ${detail}` : '';

  if (kind === 'api' || (kind === undefined && str(error.type))) {
    const type = str(error.type) ?? 'unknown type';
    const meaning = documented?.types[type];
    return [
      `${head} HTTP ${status ?? '?'} ${type}${title ? ` (${title})` : ''}.`,
      documented ? ` ${documented.description}` : '',
      meaning ? ` Meaning: ${meaning}` : '',
      detail && detail !== meaning ? detailText : '',
      ` ${advice(status)}`,
    ].join('');
  }
  if (kind === 'undocumented') {
    const type = str(error.errorType) ?? 'unknown type';
    return (
      `${head} HTTP ${status ?? '?'} ${type}${title ? ` (${title})` : ''}, an error type the spec does not document ` +
      `for ${tool.name}.${documented ? ` ${documented.description}` : ''} ${advice(status)}`
    );
  }
  if (kind === 'invalid_request')
    return `${head} refused before sending: ${str(error.message) ?? 'invalid request'}. Nothing was sent; fix the arguments.`;
  if (kind === 'invalid_response')
    return (
      `${head} HTTP ${status ?? '?'} with an answer that is not the API's (${str(error.reason) ?? 'unreadable'}). ` +
      advice(status)
    );
  if (kind === 'abort') return `${head} the call was cancelled (${str(error.message) ?? 'aborted'}).`;
  // network, timeout, or a kind this version does not know.
  return `${head} ${kind ?? 'error'}: ${str(error.message) ?? 'no details'}. ${advice(undefined)}`;
}
