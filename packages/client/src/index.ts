export type * from '@postpress/types';
export type { PostpressClient, PostpressClientWith } from './client.js';
export {
  createPostpressClient,
  createPostpressClientWith,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  PostpressConfigError,
} from './client.js';
export { PostpressError, type PostpressErrorBase, unwrap } from './errors.js';
export type { FetchClientOptions, PostpressFetchClient } from './fetch-client.js';
export { createPostpressFetchClient } from './fetch-client.js';
// One descriptor per operation, named by operationId (for createPostpressClientWith), `operations`
// (all of them) and `OperationMethods`; the generator refuses an operationId named like an export here.
export * from './generated/operations.js';
export { operations } from './generated/operations.js'; // not @postpress/types' `operations` type
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
  OperationDescriptor,
  OperationId,
  PostpressResult,
  RedirectError,
  TimeoutError,
  TransportError,
  UndocumentedError,
} from './types.js';
