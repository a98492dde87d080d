// createPostpressClient: one method per operation (from the generated table), each call
// encoded by multipart.ts, addressed with openapi-fetch's serializers, sent with fetch,
// classified by errors.ts, retried by retry.ts. openapi-fetch's whole client (GET, POST, …,
// middleware) is createPostpressFetchClient, in fetch-client.ts: a separate function so that
// an app calling only the methods does not bundle it (it is two thirds of this one's size).
import { defaultPathSerializer, mergeHeaders } from 'openapi-fetch';
import { toResult } from './errors.js';
import { type OperationMethods, operations } from './generated/operations.js';
import { EncodeError, toFormData } from './multipart.js';
import { backoffMs, retryAfterMs, sleep } from './retry.js';
import type { CallOptions, ClientOptions, OperationId, PostpressError, PostpressResult } from './types.js';

export const DEFAULT_BASE_URL = 'https://api.postpress.ai';

/** Thrown by createPostpressClient / createPostpressFetchClient for options they cannot work with. Never contains the API key. */
export class PostpressConfigError extends Error {
  override name = 'PostpressConfigError';
}

export type PostpressClient = OperationMethods;

/** The header (name and value) that holds CR or LF, if any: such a header could inject others. */
const badHeader = (headers: Record<string, string> = {}) =>
  Object.keys(headers).find((name) => /[\r\n]/.test(name + headers[name]));

/**
 * Validates the options shared by both clients. Returns the base URL without its trailing slash
 * and the headers every request carries (the caller's, then `X-API-KEY`).
 */
export function checkOptions({ apiKey, headers, baseUrl = DEFAULT_BASE_URL, allowInsecureHttp }: ClientOptions): {
  baseUrl: string;
  headers: Record<string, string>;
} {
  const fail = (message: string): never => {
    throw new PostpressConfigError(message);
  };
  if (typeof apiKey !== 'string' || !apiKey.trim()) fail('apiKey is required');
  if (/[\r\n]/.test(apiKey)) fail('apiKey contains CR or LF');
  const header = badHeader(headers);
  if (header !== undefined) fail(`header ${JSON.stringify(header.trim())} contains CR or LF`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail('baseUrl is not a valid URL');
  }
  const { protocol, hostname } = url;
  if (!/^https?:$/.test(protocol)) fail(`baseUrl must be https (got ${protocol})`);
  if (protocol === 'http:' && !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(hostname) && !allowInsecureHttp)
    fail('baseUrl is plain http to a non-loopback host: the API key would travel in clear (set allowInsecureHttp)');
  return { baseUrl: url.href.replace(/\/$/, ''), headers: { ...headers, 'X-API-KEY': apiKey } };
}

export function createPostpressClient(options: ClientOptions): PostpressClient {
  const { baseUrl, headers: baseHeaders } = checkOptions(options);
  const {
    fetch: custom,
    timeoutMs = 60_000,
    maxRetries = 2,
    retryBaseDelayMs = 500,
    maxRetryDelayMs = 30_000,
  } = options;

  async function call<Op extends OperationId>(
    op: (typeof operations)[OperationId],
    args: unknown[],
  ): Promise<PostpressResult<Op>> {
    const n = op.pathParams.length;
    const body = args[n] as Record<string, unknown>;
    const { signal, headers, timeoutMs: limit = timeoutMs } = (args[n + 1] ?? {}) as CallOptions;
    const failed = (error: object, response?: Response) => ({ error, response }) as PostpressResult<Op>;
    const refuse = (message: string) => failed({ kind: 'invalid_request', message, retryable: false });
    const path: Record<string, unknown> = {};
    for (const [i, name] of op.pathParams.entries()) {
      // openapi-fetch percent-encodes `/ ? # %` in the segment, but URLs still resolve `.` and `..`.
      if (!['', '.', '..'].includes(String(args[i])) && typeof args[i] === 'string') path[name] = args[i];
      else return refuse(`${name} must be a non-empty id other than "." or ".."`);
    }
    if (badHeader(headers) !== undefined) return refuse('a header contains CR or LF');

    for (let attempt = 0; ; attempt++) {
      let form: FormData;
      try {
        form = toFormData(body, op.wire); // rebuilt for every attempt: a sent body is consumed
      } catch (error) {
        if (error instanceof EncodeError) return refuse(error.message);
        throw error;
      }
      // A controller per attempt, aborted by the time limit or the caller's signal; its timer and
      // listener go when the attempt ends. With no limit (0) the caller's signal, if any, is used
      // as it is: a signal on a request costs undici a few percent of a loopback call.
      // Never hand fetch an already-aborted signal: Node 24's fetch then throws from a stream
      // callback (ERR_INVALID_STATE, "ReadableStream is already closed") outside the promise it
      // returned, which ends the caller's whole program. Nothing is sent.
      if (signal?.aborted)
        return failed({ kind: 'abort', message: 'the call was aborted', cause: signal.reason, retryable: false });
      const timeout = limit > 0 ? new AbortController() : undefined;
      const abort = () => timeout?.abort();
      const timer = timeout && setTimeout(abort, limit);
      if (timeout) signal?.addEventListener('abort', abort);
      let response: Response | undefined;
      let text: string;
      try {
        // openapi-fetch's serializers build the URL (each path parameter percent-encoded) and the
        // headers (per-call ones override). fetch(url, init), not fetch(new Request(…)): given a
        // Request, undici re-reads a FormData body through an identity stream, which on Node 20
        // costs as much as all the rest of the call. A `fetch` option gets a Request, as typed.
        // fetch is looked up per call, so one replaced after creation (msw, tests) is used.
        const url = defaultPathSerializer(baseUrl + op.path, path);
        const init = {
          method: 'POST',
          headers: headers ? mergeHeaders(baseHeaders, headers) : baseHeaders,
          body: form,
          signal: timeout?.signal ?? signal,
        };
        response = await (custom ? custom(new Request(url, init)) : fetch(url, init));
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted)
          return failed(
            { kind: 'abort', message: 'the call was aborted', cause: signal.reason, retryable: false },
            response,
          );
        if (timeout?.signal.aborted)
          return failed(
            { kind: 'timeout', message: `no complete response within ${limit} ms`, timeoutMs: limit, retryable: false },
            response,
          );
        const message =
          cause instanceof Error
            ? cause.message + (cause.cause instanceof Error ? `: ${cause.cause.message}` : '')
            : String(cause);
        return response
          ? failed(
              {
                kind: 'invalid_response',
                httpStatus: response.status,
                contentType: response.headers.get('content-type'),
                rawBody: '',
                reason: `body could not be read: ${message}`,
                retryable: false,
              },
              response,
            )
          : failed({ kind: 'network', message, cause, retryable: false });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      }
      const result = toResult(response, text, op);
      const error = 'error' in result && (result.error as PostpressError<Op>);
      if (!error) return { ...result, response } as PostpressResult<Op>;
      const wait =
        retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt, retryBaseDelayMs, maxRetryDelayMs);
      // The API asks for longer than we wait: the caller decides.
      if (!error.retryable || attempt >= maxRetries || wait > maxRetryDelayMs) return failed(error, response);
      try {
        await sleep(wait, signal);
      } catch (cause) {
        return failed(
          { kind: 'abort', message: 'the call was aborted while waiting to retry', cause, retryable: false },
          response,
        );
      }
    }
  }

  const methods: Record<string, unknown> = {};
  for (const [operationId, op] of Object.entries(operations))
    methods[operationId] = (...args: unknown[]) => call(op, args);
  return methods as unknown as PostpressClient;
}
