export type * from '@postpress/types';
export type { PostpressClient } from './client.js';
export { createPostpressClient, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES, PostpressConfigError } from './client.js';
export { PostpressError, type PostpressErrorBase, unwrap } from './errors.js';
export type { FetchClientOptions, PostpressFetchClient } from './fetch-client.js';
export { createPostpressFetchClient } from './fetch-client.js';
export type { OperationMethods } from './generated/operations.js';
export { operations } from './generated/operations.js';
export type {
  AbortError,
  ApiError,
  CallOptions,
  ClientOptions,
  ErrorKind,
  InvalidRequestError,
  InvalidResponseError,
  Logger,
  LogLevel,
  NetworkError,
  OperationId,
  PostpressResult,
  RedirectError,
  TimeoutError,
  TransportError,
  UndocumentedError,
} from './types.js';
