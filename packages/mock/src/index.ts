export type { MultipartPart, ReadMultipartOptions, UploadedFile } from './multipart.js';
export { DEFAULT_MAX_BODY_BYTES, MultipartError, readMultipart } from './multipart.js';
export type { RefusalKind, RequestValidation, ValidatePartsOptions } from './request.js';
export { DEFAULT_MAX_ARRAY_ITEMS, refusal, validateParts, validateRequest } from './request.js';
export type { MockServer, MockServerOptions } from './server.js';
export { API_KEY_PATTERN, CONTROL_HEADERS, startMockServer } from './server.js';
export type { DocumentedError, ErrorEnvelope, OperationId, OperationInfo } from './spec.js';
export { documentedErrors, envelopeOf, operations } from './spec.js';
