// The shapes a caller sees: options, results and the error union; and the operation descriptor
// the generated file holds one of per operation.
import type { ErrorFor, ErrorStatus, OperationId, SuccessBody } from '@postpress/types';
import type { PostpressErrorBase } from './errors.js';

export type { OperationId };

/** How a multipart field that is not plain parts travels: `name[]=…` per item, or `name[key][sub]=…` per leaf. */
export type WireFormat = 'brackets' | 'deepObject';

/**
 * What the client knows of one operation at run time, generated from the operations model into
 * `src/generated/operations.ts` (one exported const per operation, named by its operationId).
 * `M` is the method's type: `createPostpressClientWith({ someOperation })` gives a `someOperation` method.
 */
export interface OperationDescriptor<M = unknown> {
  readonly method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** The path template: `/api/v1/chats/{chat_id}`. */
  readonly path: string;
  /** The path parameters, in path order: the method's first arguments. */
  readonly pathParams: readonly string[];
  /** Each query parameter's OpenAPI `style` and `explode`. */
  readonly query?: Readonly<
    Record<string, readonly ['form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject', boolean]>
  >;
  /** The header parameters, by name. */
  readonly headers?: readonly string[];
  /** multipart/form-data; JSON whose fields sit in `params` beside the parameters; or JSON that is `params` itself. */
  readonly body?: 'multipart' | 'json' | 'json-value';
  /** A JSON body's media type when it is not `application/json`. */
  readonly mediaType?: string;
  /** The request body may be left out: a JSON body is then not sent when `params` holds none of its fields. */
  readonly optionalBody?: true;
  /** multipart: the fields that are not sent as plain parts. */
  readonly wire?: Readonly<Record<string, WireFormat>>;
  /**
   * Each documented success status: the fields its JSON object body requires, each with the `typeof` its
   * value must have (`''`: any, e.g. a nullable field); `true` for any JSON; `null` for no body.
   */
  readonly ok: Readonly<Record<number, Readonly<Record<string, string>> | true | null>>;
  /** The statuses the spec marks `x-retryable` (the API did not process the request). */
  readonly retryable: readonly number[];
  /** The documented errors: `errorKey(status, type)` of each pair (3 characters), end to end. */
  readonly errors: string;
  /** A list that pages: [cursor query parameter, items field, next cursor field] of the success body. */
  readonly page?: readonly [string, string, string];
  /**
   * The code its `query`, JSON or multipart `body` or `page` need (src/shapes.ts), which the generated
   * file carries beside the descriptors that use it: an app bundles it only with them.
   */
  readonly uses?: OperationCode;
  /** Type only, never set: the method this descriptor gives. */
  readonly __method?: M;
}

/** What became of one request body's files: streams begun and not read to their end, and whether a read failed. */
export interface Reads {
  open: number;
  failed?: true;
}

/** A scalar as the text the API reads, or an EncodeError: the client hands it to an operation's own code. */
export type Scalar = (name: string, value: unknown, where: string) => string;

/** The method again with other arguments. */
export type PageCall = (...args: unknown[]) => Promise<{
  data?: unknown;
  error?: unknown;
  response?: Response | undefined;
  attempts: number;
  requestIds: (string | null)[];
}>;

/** The code of src/shapes.ts an operation uses, as its generated file holds it. */
export interface OperationCode {
  readonly query?: (op: Pick<OperationDescriptor, 'query'>, values: Record<string, unknown>, scalar: Scalar) => string;
  readonly json?: (
    op: Pick<OperationDescriptor, 'body' | 'optionalBody' | 'mediaType'>,
    params: unknown,
    fields: Record<string, unknown>,
    scalar: Scalar,
    headers: Record<string, string>,
    error: new (message: string) => Error,
  ) => string | undefined;
  readonly form?: (
    body: Record<string, unknown>,
    wire: OperationDescriptor['wire'],
    reads: Reads,
    scalar: Scalar,
    error: new (message: string) => Error,
  ) => FormData;
  readonly pages?: (
    call: PageCall,
    op: OperationDescriptor,
    args: unknown[],
    error: new (fields: Record<string, unknown>) => Error,
  ) => AsyncGenerator<unknown>;
}

export interface ClientOptions {
  /** Your API key (`pp_live_…`). Sent only in the `X-API-KEY` header; never logged, never in errors. */
  apiKey: string;
  /** Default `https://api.postpress.ai`. Plain `http://` is refused except on loopback unless `allowInsecureHttp`. */
  baseUrl?: string | undefined;
  /** A fetch implementation (default: `globalThis.fetch`, looked up at each request). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Time limit of each attempt, in ms (default 60 000; 0 for none, e.g. when your `signal` sets the deadline). */
  timeoutMs?: number | undefined;
  /**
   * Retries of what the API certainly did not process (default 2; 0 disables): 429 and 503 answers, and
   * network failures that did not deliver the request (`sent: false`). Nothing else is ever retried.
   */
  maxRetries?: number | undefined;
  /** First backoff delay in ms, doubled at each retry, with full jitter (default 500). */
  retryBaseDelayMs?: number | undefined;
  /** Longest wait before a retry, in ms (default 30 000). A `Retry-After` longer than this is not waited for. */
  maxRetryDelayMs?: number | undefined;
  /** Allow `http://` to a non-loopback host (default false: the API key would travel in clear). */
  allowInsecureHttp?: boolean | undefined;
  /** Largest response body read, in bytes after decompression (default 10 MiB); a larger one is an `invalid_response`. */
  maxResponseBytes?: number | undefined;
  /** Where logs go (default `console`). Called with one string; never given the key or a header. */
  logger?: Logger | undefined;
  /**
   * What is logged (default `'warn'`, or the `POSTPRESS_LOG` environment variable where there is a
   * `process`): `'debug'` each attempt and its answer, `'info'` each retry (its wait and reason)
   * and each call you aborted, `'warn'` each call the API refused (api, undocumented) or the
   * client refused (invalid_request),
   * `'error'` each call that got no usable answer (network, timeout, invalid_response, redirect),
   * `'off'` nothing. Each level includes those after it.
   */
  logLevel?: LogLevel | undefined;
  /**
   * Allow creating a client in a browser (default false: it throws). The API key would ship to
   * every visitor of the page; use this only with a key that may be public (a test key, a proxy).
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';
export type Logger = Record<Exclude<LogLevel, 'off'>, (message: string) => void>;

export interface CallOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal | undefined;
  /** Time limit of each attempt of this call, in ms (0 for none). */
  timeoutMs?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** Retries of 429, 503 and undelivered requests for this call (default: the client's `maxRetries`). */
  maxRetries?: number | undefined;
}

/** A documented error: the API's envelope, with `status` and `type` narrowed to what the spec lists. */
export type ApiError<Op extends OperationId> = {
  [S in ErrorStatus<Op>]: ErrorFor<Op, S> & {
    kind: 'api';
    /** True for 429 and 503: the API did not process the request; the client already retried it. */
    retryable: boolean;
    requestId?: string;
    /**
     * The whole error body as the API sent it (read-only, not enumerable: `JSON.stringify(error)` leaves
     * it out). Its documented fields are also on the error, each only if it has its documented type.
     */
    readonly body: Readonly<Record<string, unknown>>;
  } & PostpressErrorBase;
}[ErrorStatus<Op>];

interface NoEnvelope {
  status?: undefined;
  type?: undefined;
}

/** An error envelope with a status or type the spec does not document (yet); its body is kept whole. */
export interface UndocumentedError extends NoEnvelope {
  kind: 'undocumented';
  httpStatus: number;
  errorType: string;
  title: string;
  retryable: boolean;
  /** The whole error body (read-only, not enumerable). */
  readonly body: Readonly<Record<string, unknown>>;
  requestId?: string;
}

/**
 * The request failed before any response: DNS, connection refused or reset, TLS. With `sent: false` the
 * client knows the API did not get the whole request (no connection, or a write of the request failed:
 * EPIPE on a connection the server had closed), so it was retried like a 503 (`retryable: true`).
 * Without `sent`, the request may have arrived: it is never retried.
 */
export interface NetworkError extends NoEnvelope {
  kind: 'network';
  message: string;
  cause: unknown;
  sent?: false;
  retryable: boolean;
}

/** An attempt exceeded `timeoutMs`. Never retried: the API may have processed it. */
export interface TimeoutError extends NoEnvelope {
  kind: 'timeout';
  message: string;
  timeoutMs: number;
  retryable: false;
}

/** The caller's `signal` aborted the call. */
export interface AbortError extends NoEnvelope {
  kind: 'abort';
  message: string;
  cause: unknown;
  retryable: false;
}

/**
 * A response that is not what the API sends: HTML from a proxy, empty, truncated JSON, wrong content
 * type, a success body without a field the spec requires or with one of another type (`null` too), a
 * body over `maxResponseBytes`, an unsolicited `100 Continue` (`httpStatus` 100: fetch reads no further).
 * `rawBody` keeps the first 8,192 characters.
 */
export interface InvalidResponseError extends NoEnvelope {
  kind: 'invalid_response';
  httpStatus: number;
  contentType: string | null;
  rawBody: string;
  reason: string;
  /**
   * True after a 2xx: the API ACCEPTED the request (the message was sent), only its answer is off the
   * spec. Do not send it again.
   */
  accepted?: true;
  /** True for a 429 or 503 (not processed, whatever the body): it was retried. */
  retryable: boolean;
  requestId?: string;
}

/**
 * The API answered with a redirect (3xx). Redirects are never followed: the call is not sent again,
 * and nothing (key or message) goes to another address. `location` is where it pointed, without
 * credentials, query or fragment (null when the platform hides it, as browsers do).
 */
export interface RedirectError extends NoEnvelope {
  kind: 'redirect';
  httpStatus: number;
  location: string | null;
  message: string;
  retryable: false;
}

/**
 * The client did not send the call: a header with CR/LF, an unsafe path id, a value it cannot encode
 * (NaN, an invalid Date, a nested object in a query, params nested too deep), a file name that would
 * not arrive as named, an invalid option — refused before sending anything — or a file that could not
 * be read to its end (changed, moved or deleted after `fs.openAsBlob`, or not the size it claimed): the
 * request was cut off before its end, so the API cannot have processed it.
 */
export interface InvalidRequestError extends NoEnvelope {
  kind: 'invalid_request';
  message: string;
  sent: false;
  retryable: false;
}

export type TransportError =
  | NetworkError
  | TimeoutError
  | AbortError
  | InvalidResponseError
  | RedirectError
  | InvalidRequestError;

/** Every outcome that is not a success. Narrow on `kind`, or directly on `status` then `type`. */
export type PostpressError<Op extends OperationId> =
  | ApiError<Op>
  | ((UndocumentedError | TransportError) & PostpressErrorBase);

export type ErrorKind = 'api' | 'undocumented' | TransportError['kind'];

/** How the call went: attempts made (1 + retries) and the `x-request-id` of each answer (null if none). */
interface Attempts {
  attempts: number;
  requestIds: (string | null)[];
}

/** A call's outcome: `data` (undefined for a success without content, a 204) or `error`, never both. */
export type PostpressResult<Op extends OperationId> =
  | ({ data: SuccessBody<Op>; error?: undefined; response: Response } & Attempts)
  | ({ data?: undefined; error: PostpressError<Op>; response: Response | undefined } & Attempts);
