// createPostpressClient: one method per operation (from the generated table), each call
// encoded by multipart.ts, sent through openapi-fetch, classified by errors.ts, retried by retry.ts.
import type { paths } from '@postpress/types';
import createClient, { type Client } from 'openapi-fetch';
import { type OperationInfo, toError, toSuccess } from './errors.js';
import { type OperationMethods, operations } from './generated/operations.js';
import { EncodeError, toFormData, type WireFormat } from './multipart.js';
import { backoffMs, retryAfterMs, sleep } from './retry.js';
import type {
  CallOptions,
  ClientOptions,
  OperationId,
  PostpressError,
  PostpressResult,
  TransportError,
} from './types.js';

export const DEFAULT_BASE_URL = 'https://api.postpress.ai';

/** Thrown by createPostpressClient for options it cannot work with. Never contains the API key. */
export class PostpressConfigError extends Error {
  override name = 'PostpressConfigError';
}

export type PostpressClient = OperationMethods & {
  /** openapi-fetch's typed POST; the body is the spec's object, encoded as multipart for you. No retries. */
  POST: Client<paths>['POST'];
};

const CRLF = /[\r\n]/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function checkHeaders(headers: Record<string, string> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (CRLF.test(name) || CRLF.test(String(value)))
      return `header ${JSON.stringify(name.replace(CRLF, ' '))} contains CR or LF`;
  }
  return undefined;
}

function checkOptions(options: ClientOptions): URL {
  if (typeof options?.apiKey !== 'string' || options.apiKey.trim() === '')
    throw new PostpressConfigError('apiKey is required');
  if (CRLF.test(options.apiKey)) throw new PostpressConfigError('apiKey contains CR or LF');
  const problem = checkHeaders(options.headers);
  if (problem) throw new PostpressConfigError(problem);
  let url: URL;
  try {
    url = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  } catch {
    throw new PostpressConfigError('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new PostpressConfigError(`baseUrl must be https (got ${url.protocol})`);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !options.allowInsecureHttp) {
    throw new PostpressConfigError(
      'baseUrl uses plain http to a non-loopback host: the API key would travel in clear (set allowInsecureHttp to allow)',
    );
  }
  return url;
}

const invalidRequest = (message: string): TransportError => ({ kind: 'invalid_request', message, retryable: false });

export function createPostpressClient(options: ClientOptions): PostpressClient {
  const url = checkOptions(options);
  const { apiKey, timeoutMs = 60_000, maxRetries = 2, retryBaseDelayMs = 500, maxRetryDelayMs = 30_000 } = options;
  // Looked up per request, so a fetch replaced after creation (msw, tests) is used.
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const http = createClient<paths>({
    baseUrl: url.href.replace(/\/$/, ''),
    headers: { ...options.headers, 'X-API-KEY': apiKey },
  });

  // The operation table is generic over paths; openapi-fetch's per-path types are for callers of POST.
  const post = http.POST as unknown as (path: string, init: Record<string, unknown>) => Promise<unknown>;
  const wireFor = (path: string): Readonly<Record<string, WireFormat>> =>
    Object.values(operations).find((op) => op.path === path)?.wire ?? {};

  async function call<Op extends OperationId>(
    operationId: Op,
    pathValues: unknown[],
    body: Record<string, unknown>,
    callOptions: CallOptions = {},
  ): Promise<PostpressResult<Op>> {
    const op = operations[operationId];
    const failed = (error: PostpressError<Op>, response?: Response): PostpressResult<Op> => ({ error, response });
    const path: Record<string, string> = {};
    for (const [i, name] of op.pathParams.entries()) {
      const value = pathValues[i];
      // encodeURIComponent (openapi-fetch) keeps `/ ? # %` in the segment, but URLs resolve `.` and `..`.
      if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
        return failed(invalidRequest(`${name} must be a non-empty id other than "." or ".."`));
      }
      path[name] = value;
    }
    const headerProblem = checkHeaders(callOptions.headers);
    if (headerProblem) return failed(invalidRequest(headerProblem));
    const limit = callOptions.timeoutMs ?? timeoutMs;

    for (let attempt = 0; ; attempt++) {
      let form: FormData;
      try {
        form = toFormData(body, op.wire); // rebuilt for every attempt: a sent body is consumed
      } catch (error) {
        if (error instanceof EncodeError) return failed(invalidRequest(error.message));
        throw error;
      }
      const timeout = AbortSignal.timeout(limit);
      const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
      let response: Response | undefined;
      let text: string;
      try {
        // openapi-fetch builds the request (URL, encoded path parameters, headers, body). The
        // response is read here, not by openapi-fetch, so that no malformed body can throw.
        await post(op.path, {
          params: { path },
          body: form,
          bodySerializer: () => form,
          headers: callOptions.headers,
          signal,
          fetch: async (request: Request) => {
            response = await send(request);
            return new Response(null, { status: 204 });
          },
        });
        if (!response) throw new TypeError('fetch returned no response');
        text = await response.text();
      } catch (cause) {
        if (callOptions.signal?.aborted)
          return failed(
            { kind: 'abort', message: 'the call was aborted', cause: callOptions.signal.reason, retryable: false },
            response,
          );
        if (timeout.aborted)
          return failed(
            { kind: 'timeout', message: `no complete response within ${limit} ms`, timeoutMs: limit, retryable: false },
            response,
          );
        if (response) {
          const reason = `body could not be read: ${cause instanceof Error ? cause.message : String(cause)}`;
          return failed(
            {
              kind: 'invalid_response',
              httpStatus: response.status,
              contentType: response.headers.get('content-type'),
              rawBody: '',
              reason,
              retryable: false,
            },
            response,
          );
        }
        const message =
          cause instanceof Error
            ? `${cause.message}${cause.cause instanceof Error ? `: ${cause.cause.message}` : ''}`
            : String(cause);
        return failed({ kind: 'network', message, cause, retryable: false });
      }

      if (response.ok) {
        const result = toSuccess<PostpressResult<Op>['data']>(response, text);
        return 'data' in result
          ? ({ data: result.data, response } as PostpressResult<Op>)
          : failed(result.error, response);
      }
      const error = toError<PostpressError<Op>>(response, text, op as OperationInfo);
      if (!error.retryable || attempt >= maxRetries) return failed(error, response);
      const wait =
        retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt, retryBaseDelayMs, maxRetryDelayMs);
      if (wait > maxRetryDelayMs) return failed(error, response); // the API asks for longer than we wait: the caller decides
      try {
        await sleep(wait, callOptions.signal);
      } catch (cause) {
        return failed(
          { kind: 'abort', message: 'the call was aborted while waiting to retry', cause, retryable: false },
          response,
        );
      }
    }
  }

  const methods = Object.fromEntries(
    Object.entries(operations).map(([operationId, op]) => [
      operationId,
      (...args: unknown[]) => {
        const n = op.pathParams.length;
        return call(
          operationId as OperationId,
          args.slice(0, n),
          args[n] as Record<string, unknown>,
          args[n + 1] as CallOptions,
        );
      },
    ]),
  ) as unknown as OperationMethods;

  const POST = ((path: string, init: Record<string, unknown>) =>
    post(path, {
      bodySerializer: (b: Record<string, unknown>) => toFormData(b, wireFor(path)),
      ...init,
    })) as Client<paths>['POST'];

  return { ...methods, POST };
}
