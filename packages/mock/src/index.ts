// The public surface of @postpress/mock: the server, its limits and control headers, the request
// contract checks (for tests that intercept requests), and the documented errors to force. The
// repository's own scripts read a few internals through src/internal.ts instead.
export type { ControlHeader } from './control-headers.js';
export { CONTROL_HEADERS } from './control-headers.js';
export type { ReceivedPart, ReceivedRequest } from './inspect.js';
export type { MockLimits } from './limits.js';
export { LIMITS } from './limits.js';
export type { MultipartPart, ReadMultipartOptions, UploadedFile } from './multipart.js';
export { MultipartError, readMultipart } from './multipart.js';
export type { RefusalKind } from './refusal.js';
export { refusal } from './refusal.js';
export type { RequestValidation, ValidatePartsOptions } from './request.js';
export { validateParts, validateRequest } from './request.js';
export type { InspectMode, MockServer, MockServerOptions } from './server.js';
export { startMockServer } from './server.js';
export type { ErrorEnvelope } from './spec.js';
export { documentedErrors } from './spec.js';
