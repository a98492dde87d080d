export type { ClientErrorLike } from './errors.js';
export { describeError, retryAdvice } from './errors.js';
export type { OpenedFile } from './files.js';
export {
  DEFAULT_MAX_FILE_BYTES,
  FILE_ROOTS_ENV,
  FileRefusedError,
  MAX_FILE_BYTES_ENV,
  openAllowedFile,
  parseFileRoots,
  readAllowedFile,
  resolveFileRoots,
} from './files.js';
export { tools } from './generated/tools.js';
export type { DryRunPart, DryRunRequest, PostpressMcpOptions } from './server.js';
export {
  createPostpressMcpServer,
  optionsFromEnv,
  PostpressMcpConfigError,
  parseToolList,
  selectTools,
  TOOLS_ENV,
  VERSION,
} from './server.js';
export type { GeneratedApi, GeneratedCatalog, GeneratedTool, JsonSchema } from './tool-data.js';
