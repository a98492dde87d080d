// The shapes a caller sees: options, results and the error union.
import type { ErrorFor, ErrorStatus, OperationId, SuccessBody } from '@postpress/types';

export type { OperationId };

export interface ClientOptions {
  /** Your API key (`pp_live_…`). Sent only in the `X-API-KEY` header; never logged, never in errors. */
  apiKey: string;
  /** Default `https://api.postpress.ai`. Plain `http://` is refused except on loopback unless `allowInsecureHttp`. */
  baseUrl?: string;
  /** A fetch implementation (default: `globalThis.fetch`, looked up at each request). */
  fetch?: (request: Request) => Promise<Response>;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Time limit of each attempt, in ms (default 60 000; 0 for none, e.g. when your `signal` sets the deadline). */
  timeoutMs?: number;
  /** Retries of 429 and 503 answers (default 2; 0 disables). Nothing else is ever retried. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled at each retry, with full jitter (default 500). */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry, in ms (default 30 000). A `Retry-After` longer than this is not waited for. */
  maxRetryDelayMs?: number;
  /** Allow `http://` to a non-loopback host (default false: the API key would travel in clear). */
  allowInsecureHttp?: boolean;
  /** Largest response body read, in bytes after decompression (default 10 MiB); a larger one is an `invalid_response`. */
  maxResponseBytes?: number;
}

export interface CallOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal;
  /** Time limit of each attempt of this call, in ms (0 for none). */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
}

/** A documented error: the API's envelope, with `status` and `type` narrowed to what the spec lists. */
export type ApiError<Op extends OperationId> = {
  [S in ErrorStatus<Op>]: ErrorFor<Op, S> & {
    kind: 'api';
    /** True for 429 and 503: the API did not process the request; the client already retried it. */
    retryable: boolean;
    requestId?: string;
  };
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
  body: Record<string, unknown>;
  requestId?: string;
}

/** The request failed before any response: DNS, connection refused or reset, TLS. Never retried (the body may have arrived). */
export interface NetworkError extends NoEnvelope {
  kind: 'network';
  message: string;
  cause: unknown;
  retryable: false;
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
 * type, a success body without the spec's required fields, a body over `maxResponseBytes`.
 * `rawBody` keeps the first 8,192 characters.
 */
export interface InvalidResponseError extends NoEnvelope {
  kind: 'invalid_response';
  httpStatus: number;
  contentType: string | null;
  rawBody: string;
  reason: string;
  retryable: false;
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
 * The client refused to send the call, before sending anything: a header with CR/LF, an unsafe chat
 * id, a number it cannot encode, a file name that would not arrive as named, an invalid option.
 */
export interface InvalidRequestError extends NoEnvelope {
  kind: 'invalid_request';
  message: string;
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
export type PostpressError<Op extends OperationId> = ApiError<Op> | UndocumentedError | TransportError;

export type PostpressResult<Op extends OperationId> =
  | { data: SuccessBody<Op>; error?: undefined; response: Response }
  | { data?: undefined; error: PostpressError<Op>; response: Response | undefined };
