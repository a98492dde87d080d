export type { ReceivedPart, ReceivedRequest } from './inspect.js';
export { REDACTED } from './inspect.js';
export type { LimitInfo, MockLimits } from './limits.js';
export { LIMITS } from './limits.js';
export type { MultipartPart, ReadMultipartOptions, UploadedFile } from './multipart.js';
export { DEFAULT_MAX_BODY_BYTES, MultipartError, readMultipart } from './multipart.js';
export type { RefusalKind, RequestValidation, ValidatePartsOptions } from './request.js';
export { DEFAULT_MAX_ARRAY_ITEMS, refusal, validateParts, validateRequest } from './request.js';
export type { InspectMode, MockServer, MockServerOptions } from './server.js';
export {
  API_KEY_PATTERN,
  CONTROL_HEADERS,
  INSPECT_PATH,
  MAX_SCENARIO_ID_LENGTH,
  MOCK_PREFIX,
  startMockServer,
} from './server.js';
export type { DocumentedError, ErrorEnvelope, OperationId, OperationInfo } from './spec.js';
export { documentedErrors, envelopeOf, operations } from './spec.js';
