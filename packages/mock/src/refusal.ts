// Which documented error answers a request the mock refuses. Each kind of refusal tries a fixed list
// of error types, in order, and answers with the first one the operation documents; when it documents
// none of them, the mock answers with its own type (`mock/…`), never with a type the operation lacks.
import { type ErrorEnvelope, type OperationId, type OperationInfo, operationOf } from './spec.js';

/** What the mock refuses, before any provider-side error. */
export type RefusalKind =
  | 'missing_parameters'
  | 'invalid_parameters'
  | 'malformed_request'
  | 'content_too_large'
  | 'unsupported_media_type'
  | 'invalid_path_parameter'
  | 'missing_credentials'
  | 'invalid_credentials'
  | 'invalid_control_header';

// The generic "this request is wrong" types, most specific first: an operation that documents no
// 400 for bad input still documents one of these (a 422) for a body it cannot take.
const BAD_INPUT = ['errors/invalid_parameters', 'errors/invalid_message', 'errors/unprocessable_entity'];

interface Rule {
  /** Types tried in order; the first is the kind's own type. */
  types: string[];
  /** Answer when the operation documents none of `types`. */
  last: ErrorEnvelope;
  /** Prefix `detail` with what the type means: always, or only when a fallback type answers. */
  meaning: 'always' | 'fallback';
}

const invalidRequest = { status: 400, type: 'mock/invalid_request', title: 'Invalid request' };
const unauthorized = { status: 401, type: 'mock/unauthorized', title: 'Unauthorized' };

/** The fallback order of every refusal kind (the README's "Refusals" table says the same). */
export const REFUSALS: Readonly<Record<RefusalKind, Rule>> = {
  missing_parameters: { types: ['errors/missing_parameters', ...BAD_INPUT], last: invalidRequest, meaning: 'fallback' },
  invalid_parameters: { types: BAD_INPUT, last: invalidRequest, meaning: 'fallback' },
  malformed_request: { types: ['errors/malformed_request', ...BAD_INPUT], last: invalidRequest, meaning: 'fallback' },
  content_too_large: { types: ['errors/content_too_large', ...BAD_INPUT], last: invalidRequest, meaning: 'fallback' },
  unsupported_media_type: {
    types: ['errors/unsupported_media_type', 'errors/malformed_request', ...BAD_INPUT],
    last: invalidRequest,
    meaning: 'fallback',
  },
  invalid_path_parameter: {
    types: ['errors/invalid_resource_identifier', 'errors/resource_not_found', ...BAD_INPUT],
    last: invalidRequest,
    meaning: 'fallback',
  },
  missing_credentials: { types: ['errors/missing_credentials'], last: unauthorized, meaning: 'always' },
  invalid_credentials: { types: ['errors/invalid_credentials'], last: unauthorized, meaning: 'always' },
  invalid_control_header: {
    types: ['errors/unprocessable_entity', 'errors/invalid_parameters', 'errors/invalid_message'],
    last: invalidRequest,
    meaning: 'fallback',
  },
};

const sentence = (text: string) => text.trim().replace(/\.?$/, '.');

/**
 * The envelope for a refusal of `kind` on `operation` (an OperationInfo, or an operationId of the
 * published model), with `detail` saying what is wrong and what to send. A control-header refusal
 * carries `instance: 'mock/invalid_control_header'`, so a test can tell it from a forced error.
 */
export function refusal(operation: OperationId | OperationInfo, kind: RefusalKind, detail: string): ErrorEnvelope {
  const info = operationOf(operation);
  const rule = REFUSALS[kind];
  if (!rule) throw new TypeError(`Unknown refusal kind ${String(kind)}`);
  let envelope: ErrorEnvelope = { ...rule.last, detail };
  for (const [i, type] of rule.types.entries()) {
    const documented = info.errors.find((e) => e.type === type);
    if (!documented) continue;
    const prefix = rule.meaning === 'always' || i > 0;
    envelope = {
      status: documented.status,
      type: documented.type,
      title: documented.title,
      detail: prefix && documented.detail ? `${sentence(documented.detail)} ${detail}`.trim() : detail,
    };
    break;
  }
  return kind === 'invalid_control_header' ? { ...envelope, instance: 'mock/invalid_control_header' } : envelope;
}
