import {
  FILE_ROOTS_ENV,
  FileRefusedError,
  VERSION,
  createPostpressMcpServer,
  describeError,
  optionsFromEnv,
  parseFileRoots,
  readAllowedFile,
  resolveFileRoots,
  retryAdvice,
  tools
} from "./chunk-LDZFWPIW.js";
export {
  FILE_ROOTS_ENV,
  FileRefusedError,
  VERSION,
  createPostpressMcpServer,
  describeError,
  optionsFromEnv,
  parseFileRoots,
  readAllowedFile,
  resolveFileRoots,
  retryAdvice,
  tools
};
