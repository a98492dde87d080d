// createPostpressClientWith: one method per operation descriptor given (generated, one per
// operation, in src/generated/operations.ts), each call split and encoded by request.ts (path and
// header parameters; the query, JSON and multipart code the descriptor carries: shapes.ts),
// sent with fetch, classified by errors.ts, retried by retry.ts; a list that pages also gets `.all`
// (shapes.ts again). createPostpressClient is it with every operation. openapi-fetch's whole client
// (GET, POST, …, middleware) is createPostpressFetchClient, in fetch-client.ts: a separate function
// so that an app calling only the methods does not bundle it.
import { PostpressError, toResult } from './errors.js';
import { type OperationMethods, operations } from './generated/operations.js';
import { VERSION } from './generated/version.js';
import { EncodeError, scalar } from './multipart.js';
import { type Prepared, prepare } from './request.js';
import { backoffMs, MAX_TIMER_MS, onAbort, retryAfterMs, sleep } from './retry.js';
import type {
  CallOptions,
  ClientOptions,
  LogLevel,
  OperationCode,
  OperationDescriptor,
  OperationId,
  PostpressResult,
  Reads,
} from './types.js';

export const DEFAULT_BASE_URL = 'https://api.postpress.ai';
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** Thrown by createPostpressClient / createPostpressFetchClient for options they cannot work with. Never contains the API key. */
export class PostpressConfigError extends Error {
  override name = 'PostpressConfigError';
}

/** Every operation of the API as a method, named by operationId. */
export type PostpressClient = OperationMethods;

/** The client of the descriptors given: one method per key, typed by its descriptor. */
export type PostpressClientWith<D> = { [K in keyof D]: D[K] extends OperationDescriptor<infer M> ? M : never };

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/**
 * Why these headers cannot be sent, or undefined. A value with CR or LF could inject headers; NUL
 * and characters above U+00FF make fetch throw with the value in its message. X-API-KEY comes
 * from `apiKey` only: merged with another value it would be sent as `a, b`.
 */
function headerProblem(headers: Record<string, string> = {}): string | undefined {
  for (const name of Object.keys(headers)) {
    if (!/^[\w!#$%&'*+.^`|~-]+$/.test(name)) return 'a header name is not a valid HTTP token';
    if (/^x-api-key$/i.test(name)) return 'X-API-KEY comes from apiKey only';
    if (/[^\t\x20-\x7e\x80-\xff]/.test(String(headers[name])))
      return `header ${name} has CR or LF or another character it cannot carry`;
  }
}

/** Why a number option is unusable, or undefined: NaN, Infinity, negative and fractions would hammer the API or overflow timers. */
export function numberProblem(options: object): string | undefined {
  for (const name of ['timeoutMs', 'maxRetries', 'retryBaseDelayMs', 'maxRetryDelayMs', 'maxResponseBytes']) {
    const value = (options as Record<string, unknown>)[name];
    const min = name === 'maxResponseBytes' ? 1 : 0;
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= min))
      return `${name} must be an integer ≥ ${min} (got ${typeof value === 'number' ? value : typeof value})`;
  }
}

/**
 * Validates the options shared by both clients. Returns the base URL without its trailing slash
 * and the headers every request carries (the caller's, then `X-API-KEY`). No message echoes the
 * key or the base URL (which could hold credentials).
 */
export function checkOptions(options: ClientOptions): { baseUrl: string; headers: Headers } {
  const { apiKey, headers = {}, baseUrl = DEFAULT_BASE_URL, allowInsecureHttp } = options;
  const fail = (message?: string): never => {
    throw new PostpressConfigError(message);
  };
  if (typeof window !== 'undefined' && typeof document !== 'undefined' && !options.dangerouslyAllowBrowser)
    fail('in a browser every visitor gets the API key: dangerouslyAllowBrowser is for a key that may be public');
  if (typeof apiKey !== 'string' || !apiKey) fail('apiKey is required');
  // A key is a token of visible ASCII: anything else would be refused or mangled by fetch.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) fail('apiKey must be printable ASCII without spaces');
  const problem = headerProblem(headers) ?? numberProblem(options);
  if (problem) fail(problem);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail('baseUrl is not a valid URL');
  }
  const { protocol, hostname } = url;
  if (!/^https?:$/.test(protocol)) fail(`baseUrl must be https (got ${protocol})`);
  if (url.username || url.password || /[?#]/.test(baseUrl))
    fail('baseUrl must not hold user:password@, a query or a fragment');
  if (protocol === 'http:' && !/^(localhost|127(\.\d+){3}|\[::1\])$/.test(hostname) && !allowInsecureHttp)
    fail('baseUrl is plain http to a non-loopback host: the key would travel in clear (allowInsecureHttp)');
  return {
    baseUrl: url.href.replace(/\/$/, ''),
    // The SDK and what it reads, unless the caller sets them (browsers ignore a User-Agent).
    headers: merge(
      { accept: 'application/json', 'user-agent': `postpress-client/${VERSION}` },
      { ...headers, 'X-API-KEY': apiKey },
    ),
  };
}

/**
 * A function that blanks the key in every spelling an API or a proxy could echo it in: as it is,
 * JSON-escaped (`\u0070`, `\/`), URL-encoded (either hex case), and base64 or base64url at each of the
 * three alignments it can have inside a longer encoded text. Hand-written: no library knows our key.
 */
export function scrubber(key: string): (text: string) => string {
  // Base64 at each alignment: only the characters made of the key's own bits (from ⌈4·at/3⌉), those
  // around it depend on its neighbours.
  const forms = [0, 1, 2].map((at) =>
    btoa('\0'.repeat(at) + key).slice(at && at + 1, ((4 * (at + key.length)) / 3) | 0),
  );
  // Each character as itself or %XX or \u00XX (any case), after a backslash or not (JSON's `\/`);
  // base64's + and / also as base64url's - and _.
  const pattern = [key, ...forms.filter((form) => form.length > 7)].map((form) =>
    form.replace(/./g, (c) => {
      const hex = c.charCodeAt(0).toString(16);
      return `\\\\?(?:\\x${hex}|%${hex}|u00${hex}${{ '+': '|-', '/': '|_' }[c] ?? ''})`;
    }),
  );
  const regex = new RegExp(pattern.join('|'), 'gi');
  return (text) => text.replace(regex, '[redacted]');
}

/** A thrown value, rebuilt without anything it may hold (a Request, headers, the key): name, message, code and cause chain only. */
export function sanitize(error: unknown, scrub: (text: string) => string, depth = 3): unknown {
  if (!(error instanceof Error)) return scrub(String(error));
  const copy = new Error(
    scrub(error.message),
    depth && error.cause !== undefined ? { cause: sanitize(error.cause, scrub, depth - 1) } : undefined,
  );
  copy.name = scrub(error.name);
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') Object.assign(copy, { code: scrub(code) });
  return copy;
}

/** The body as text, reading at most `max` bytes (counted after decompression): a larger one is cancelled. */
async function readText(response: Response, max: number): Promise<{ text: string; complete: boolean }> {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) return { text: text + decoder.decode(), complete: true };
    size += chunk.value.byteLength;
    if (size > max) {
      reader?.cancel().catch(() => {});
      return { text, complete: false };
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** `extra` over `base`, whatever the case of each name (the Headers class folds it). */
function merge(base: HeadersInit, extra: Record<string, string>): Headers {
  const headers = new Headers(base);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

/** Refuses a descriptor whose data needs code it does not carry (an older generator's): its query or body would be lost. */
export function checkDescriptor(operationId: string, op: OperationDescriptor): OperationCode {
  const uses = op.uses ?? {};
  if (
    (op.query && !uses.query) ||
    (op.body && !uses[op.body === 'multipart' ? 'form' : 'json']) ||
    (op.page && !uses.pages)
  )
    throw new PostpressConfigError(`${operationId}: its descriptor is stale: regenerate it`);
  return uses;
}

/** Where a redirect pointed, without credentials, query or fragment (they may hold secrets). */
function where(location: string | null, base: string): string | null {
  try {
    const url = new URL(location ?? '', base);
    return location ? url.origin + url.pathname : null;
  } catch {
    return null;
  }
}

/** A client with one method per operation of the API. */
export function createPostpressClient(options: ClientOptions): PostpressClient {
  return createPostpressClientWith(operations, options) as unknown as PostpressClient;
}

/**
 * A client with only the operations given, e.g. `createPostpressClientWith({ someOperation }, options)`:
 * an app bundles the descriptors it names and no other (each is a few hundred bytes).
 */
export function createPostpressClientWith<const D extends Readonly<Record<string, OperationDescriptor>>>(
  descriptors: D,
  options: ClientOptions,
): PostpressClientWith<D> {
  const { baseUrl, headers: baseHeaders } = checkOptions(options);
  const {
    apiKey,
    fetch: custom,
    timeoutMs = 60_000,
    maxRetries = 2,
    retryBaseDelayMs = 500,
    maxRetryDelayMs = 30_000,
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
    logger = console,
  } = options;
  const scrub = scrubber(apiKey);
  // The environment's level is read where there is a `process` (Node, Bun, Deno's compat layer).
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.POSTPRESS_LOG;
  const threshold = LEVELS.indexOf(options.logLevel ?? (LEVELS.includes(env as LogLevel) ? (env as LogLevel) : 'warn'));
  if (threshold < 0) throw new PostpressConfigError(`logLevel must be one of ${LEVELS.join(', ')}`);
  const log = (level: number, message: string) =>
    level >= threshold && level < 4 && logger[LEVELS[level] as 'warn'](`[postpress] ${message}`);

  async function call<Op extends OperationId>(
    operationId: string,
    op: OperationDescriptor,
    args: unknown[],
  ): Promise<PostpressResult<Op>> {
    const n = op.pathParams.length;
    const callOptions = (args[n + 1] ?? {}) as CallOptions;
    const { signal, headers, timeoutMs: limit = timeoutMs, maxRetries: retries = maxRetries } = callOptions;
    const requestIds: (string | null)[] = [];
    // Every text of an error (title, detail, raw body, headers, causes) is scrubbed of the key, and
    // nothing else of a body becomes the error's own (errors.ts).
    const scrubbed = (fields: object) =>
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v]));
    const failed = (fields: object, response?: Response) => {
      // Only 429 and 503 answers and undelivered requests are retryable: they say so.
      const error = new PostpressError({
        retryable: false,
        ...scrubbed(fields),
        attempts: requestIds.length,
        requestIds,
      });
      const { kind, accepted } = error as { kind: string; accepted?: true };
      // The caller aborted: info. The API refused the call, the client did, or the API accepted it with an
      // answer off the spec (never "failed": it was done): warn. No usable answer: error.
      log(
        kind === 'abort' ? 1 : accepted || /^(api|undoc|invalid_req)/.test(kind) ? 2 : 3,
        `${operationId}${accepted ? '' : ` failed after ${requestIds.length} attempt(s)`}: ${error.message}`,
      );
      return { error, response, attempts: requestIds.length, requestIds } as unknown as PostpressResult<Op>;
    };
    const refuse = (message: string) => failed({ kind: 'invalid_request', message, sent: false });
    let path = op.path;
    let request: Prepared;
    let body: BodyInit | undefined;
    let reads: Reads = { open: 0 };
    try {
      for (const [i, name] of op.pathParams.entries()) {
        const id = args[i];
        // Percent-encoding keeps `/ ? # %` inside the segment, but URLs still resolve `.` and `..`
        // (and a lone surrogate, which cannot be percent-encoded, is refused by scalar).
        if (typeof id !== 'string' || ['', '.', '..'].includes(id))
          throw new EncodeError(`${name} must be a non-empty id other than "." or ".."`);
        // One percent-encoded segment: path parameters are `simple`, the only style the model allows
        // there (by hand: openapi-fetch's path serializer would bring its label and matrix styles along).
        path = path.replace(`{${name}}`, encodeURIComponent(scalar(name, id, 'a path')));
      }
      request = prepare(op, args[n]);
      body = request.body(reads);
    } catch (error) {
      // Anything else is params the client cannot walk (nested past the stack, a throwing getter).
      return refuse(error instanceof EncodeError ? error.message : `params cannot be encoded (${error})`);
    }
    // The call's headers, then the header parameters (and a JSON body's content type).
    const extra = { ...headers, ...request.headers };
    const problem = headerProblem(extra) ?? numberProblem(callOptions);
    if (problem) return refuse(problem);
    const url = baseUrl + path + (request.query && `?${request.query}`);
    let response: Response | undefined;

    for (let attempt = 0; ; attempt++) {
      // Never hand fetch an already-aborted signal: Node 24's fetch then throws from a stream
      // callback (ERR_INVALID_STATE, "ReadableStream is already closed") outside the promise it
      // returned, which ends the caller's whole program. Nothing is sent. (Also where an abort
      // during the wait before a retry ends up.)
      if (signal?.aborted)
        return failed({ kind: 'abort', message: 'the call was aborted', cause: signal.reason }, response);
      // Rebuilt for every attempt: a sent body is consumed.
      if (attempt) {
        reads = { open: 0 };
        body = request.body(reads);
      }
      // A controller per attempt, aborted by the time limit or the caller's signal; its timer and
      // listener go when the attempt ends. With no limit (0) the caller's signal, if any, is used
      // as it is: a signal on a request costs undici a few percent of a loopback call.
      const timeout = limit > 0 ? new AbortController() : undefined;
      const abort = () => timeout?.abort();
      const timer = timeout && setTimeout(abort, Math.min(limit, MAX_TIMER_MS));
      const unwatch = onAbort(timeout && signal, abort);
      let error: { retryable?: boolean; [field: string]: unknown };
      response = undefined;
      try {
        // Per-call headers and header parameters override the client's (a Headers of its own for each
        // attempt: nothing is shared with a caller's fetch). fetch(url, init), not
        // fetch(new Request(…)): given a Request, undici re-reads a FormData body through an identity
        // stream, which on Node 20 costs as much as all the rest of the call. A `fetch` option gets
        // a Request, as typed.
        // fetch is looked up per call, so one replaced after creation (msw, tests) is used.
        // Redirects are never followed: a 301/302/303 would turn a POST into a GET whose answer
        // passes for success, a 307/308 would re-send the key and the message to another origin.
        const init: RequestInit = {
          method: op.method,
          headers: merge(baseHeaders, extra),
          body: body ?? null,
          signal: timeout?.signal ?? signal ?? null,
          redirect: 'manual',
        };
        const at = `${operationId}: attempt ${attempt + 1}`;
        log(0, `${at}, ${op.method} ${url.slice(baseUrl.length)}`);
        requestIds.push(null);
        response = await (custom ? custom(new Request(url, init)) : fetch(url, init));
        const { status, headers: answer } = response;
        const id = answer.get('x-request-id');
        requestIds[attempt] = id && scrub(id);
        log(0, `${at} answered ${status} (request id ${requestIds[attempt]})`);
        // Status 0: a browser's opaque redirect (it hides the status and the Location).
        if (!status || (status > 299 && status < 400)) {
          response.body?.cancel().catch(() => {});
          const location = where(answer.get('location'), url);
          return failed(
            {
              kind: 'redirect',
              httpStatus: status,
              location,
              message: `the API answered ${status || 'a redirect'}${location ? ` to ${location}` : ''}; not followed`,
            },
            response,
          );
        }
        const read = await readText(response, maxResponseBytes);
        // An error's body is scrubbed before it is parsed: its title, detail and body are then clean.
        const result = toResult(
          response,
          response.ok ? read.text : scrub(read.text),
          op,
          read.complete ? 0 : maxResponseBytes,
        );
        if (!('error' in result))
          return { ...result, response, attempts: requestIds.length, requestIds } as PostpressResult<Op>;
        error = result.error;
      } catch (cause) {
        if (signal?.aborted)
          return failed({ kind: 'abort', message: 'the call was aborted', cause: signal.reason }, response);
        if (timeout?.signal.aborted)
          return failed(
            { kind: 'timeout', message: `no complete response within ${limit} ms`, timeoutMs: limit },
            response,
          );
        const clean = sanitize(cause, scrub);
        const message =
          clean instanceof Error
            ? clean.message + (clean.cause instanceof Error ? `: ${clean.cause.message}` : '')
            : clean;
        // fetch's own cause (undici's socket error), or what a custom fetch threw.
        const {
          code,
          syscall,
          message: why,
          name,
        } = ((cause as Error)?.cause ?? cause ?? {}) as Record<string, unknown>;
        // A file part failed its read: watched (shapes.ts), or a runtime's own Blob, whose reader rejects
        // fetch with a NotReadableError (its cause) when the file changed after fs.openAsBlob, or which
        // yielded fewer bytes than its size (the body's length is then not the one announced).
        if ((reads.failed || name === 'NotReadableError' || /LENGTH_MIS/.test(code as string)) && !response)
          return refuse('a file could not be read to its end: not sent');
        // undici drops the connection at an unsolicited 100 Continue: the API answered, fetch reads no further.
        if (response || why === 'bad response')
          return failed(
            {
              kind: 'invalid_response',
              httpStatus: response?.status ?? 100,
              contentType: response?.headers.get('content-type') ?? null,
              rawBody: '',
              reason: response
                ? `body could not be read: ${message}`
                : 'an unsolicited 100 Continue: the request may have been processed',
            },
            response,
          );
        // Certainly not delivered whole, so safe to send again like a 503: a file part not read to its
        // end, no connection made, or a write of the request refused (EPIPE: the server had closed it).
        const unsent =
          reads.open > 0 ||
          /EPIPE|UND_ERR_CONNECT_TIMEOUT/.test(code as string) ||
          /^(write|connect|getaddrinfo)$/.test(syscall as string);
        error = { kind: 'network', message, cause: clean, retryable: unsent, ...(unsent && { sent: false }) };
      } finally {
        clearTimeout(timer);
        unwatch();
      }
      const wait =
        retryAfterMs(response?.headers.get('retry-after')) ?? backoffMs(attempt, retryBaseDelayMs, maxRetryDelayMs);
      // The API asks for longer than we wait: the caller decides.
      if (!error.retryable || attempt >= retries || wait > maxRetryDelayMs) return failed(error, response);
      log(
        1,
        `${operationId}: retrying in ${wait} ms (attempt ${attempt + 2} of ${retries + 1}) after ${new PostpressError(scrubbed(error)).message}`,
      );
      await sleep(wait, signal); // cut short by an abort, which the next turn returns
    }
  }

  const methods: Record<string, unknown> = {};
  for (const [operationId, op] of Object.entries(descriptors)) {
    const { pages } = checkDescriptor(operationId, op);
    const method = (...args: unknown[]) => call(operationId, op, args);
    methods[operationId] =
      op.page && pages
        ? Object.assign(method, {
            all: (...args: unknown[]) => pages(method, op, args, PostpressError),
          })
        : method;
  }
  return methods as PostpressClientWith<D>;
}
