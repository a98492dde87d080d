// The mock's internals that the repository's scripts (scripts/author-recordings.mjs) read, built to
// dist/internal.js: not in the package's `exports`, not a public API, may change in any release.
export { DEFAULT_MAX_BODY_BYTES } from './multipart.js';
export { REFUSALS, refusal } from './refusal.js';
export { envelopeOf, viewOf } from './spec.js';
