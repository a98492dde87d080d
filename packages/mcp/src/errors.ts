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

/** Whether retrying later can help, from the status and the spec's `x-retryable`. */
export function retryAdvice(status: number | undefined, retryable: boolean, retryAfter?: string | null): string {
  if (retryable)
    return `Retrying later can help: the API did not process the request${retryAfter ? ` (it asked to wait: Retry-After ${retryAfter})` : ''}.`;
  if (status === undefined || status >= 500)
    return (
      'Retrying later may help, but the API may already have processed the request: check the chat before ' +
      'sending again, or the message may be sent twice.'
    );
  return 'Retrying the same request will not help: it was refused, nothing was sent; resolve the cause above first.';
}

export function describeError(tool: GeneratedTool, error: ClientErrorLike, response?: Response): string {
  const head = `${tool.name} failed:`;
  const retryAfter = response?.headers.get('retry-after');
  const kind = str(error.kind);
  const status = num(error.status) ?? num(error.httpStatus) ?? (response ? response.status : undefined);
  const documented = status === undefined ? undefined : tool.errors[String(status)];
  const retryable = typeof error.retryable === 'boolean' ? error.retryable : (documented?.retryable ?? false);
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
      ` ${retryAdvice(status, retryable, retryAfter)}`,
    ].join('');
  }
  if (kind === 'undocumented') {
    const type = str(error.errorType) ?? 'unknown type';
    return (
      `${head} HTTP ${status ?? '?'} ${type}${title ? ` (${title})` : ''}, an error type the spec does not document ` +
      `for ${tool.name}.${documented ? ` ${documented.description}` : ''} ${retryAdvice(status, retryable, retryAfter)}`
    );
  }
  if (kind === 'invalid_request')
    return `${head} refused before sending: ${str(error.message) ?? 'invalid request'}. Nothing was sent; fix the arguments.`;
  if (kind === 'invalid_response')
    return (
      `${head} HTTP ${status ?? '?'} with an answer that is not the API's (${str(error.reason) ?? 'unreadable'}). ` +
      retryAdvice(status, retryable, retryAfter)
    );
  if (kind === 'abort') return `${head} the call was cancelled (${str(error.message) ?? 'aborted'}).`;
  // network, timeout, or a kind this version does not know.
  return `${head} ${kind ?? 'error'}: ${str(error.message) ?? 'no details'}. ${retryAdvice(undefined, retryable)}`;
}
