// Turns multipart parts into the operation's nested request object (bracket notation) and
// validates it against the operation's request schema from the spec.
import { Readable } from 'node:stream';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import qs from 'qs';
import {
  MultipartError,
  type MultipartPart,
  type ReadMultipartOptions,
  readMultipart,
  type UploadedFile,
} from './multipart.js';
import { type ErrorEnvelope, type OperationId, operations } from './spec.js';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are plain JSON-like data
type Json = any;

export type RequestValidation =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: ErrorEnvelope; problems: string[] };

// A file travels through qs and Ajv as this marker string, so `format: binary` can demand a file part.
const FILE_MARK = '\u0000postpress-file:';

const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array' });
ajv.addFormat('binary', { type: 'string', validate: (value: string) => value.startsWith(FILE_MARK) });
const validators = new Map<OperationId, ValidateFunction>();

function validatorFor(operationId: OperationId): ValidateFunction {
  let validate = validators.get(operationId);
  if (!validate) {
    const operation = operations[operationId];
    if (!operation) throw new TypeError(`Unknown operation ${String(operationId)}`);
    validate = ajv.compile(operation.requestSchema);
    validators.set(operationId, validate);
  }
  return validate;
}

/** Parts → nested object: `linkedin[api]=x` → `{ linkedin: { api: 'x' } }`, `a[]` parts → an array. */
export function nestParts(parts: readonly MultipartPart[]): { body: Record<string, Json>; files: UploadedFile[] } {
  const flat: Record<string, string | string[]> = Object.create(null);
  const files: UploadedFile[] = [];
  for (const part of parts) {
    const value = 'file' in part ? `${FILE_MARK}${files.push(part.file) - 1}` : part.value;
    const previous = flat[part.name];
    flat[part.name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  // qs expands bracket keys of an already-split object and refuses __proto__-style keys.
  const body = qs.parse(flat as Record<string, string>, { depth: 10, arrayLimit: 1_000, parameterLimit: 11_000 });
  return { body, files };
}

function restoreFiles(node: Json, files: UploadedFile[]): Json {
  if (typeof node === 'string' && node.startsWith(FILE_MARK)) return files[Number(node.slice(FILE_MARK.length))];
  if (Array.isArray(node)) return node.map((n) => restoreFiles(n, files));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, restoreFiles(v, files)]));
  }
  return node;
}

/** `/linkedin/follow_up/subject` → `linkedin[follow_up][subject]`. */
function wireName(instancePath: string, child?: string): string {
  // Array indexes are dropped: on the wire an item is one more part under the same name.
  const keys = instancePath
    .split('/')
    .slice(1)
    .filter((k) => !/^\d+$/.test(k));
  if (child !== undefined) keys.push(child);
  const [first = '', ...rest] = keys.map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  return first + rest.map((k) => `[${k}]`).join('');
}

// A mismatch on a one-value enum (`api: [recruiter]`) means the caller meant another branch.
const weight = (e: ErrorObject) => (e.keyword === 'enum' && (e.params as Json).allowedValues?.length === 1 ? 100 : 1);

/** Keeps, for each `oneOf`, only the errors of the branch(es) that came closest to matching. */
function closestBranches(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  const resolved = new Set<string>();
  for (;;) {
    let prefix: string | undefined;
    for (const error of kept) {
      const path = error.schemaPath;
      for (let at = path.indexOf('/oneOf'); at !== -1; at = path.indexOf('/oneOf', at + 1)) {
        const candidate = path.slice(0, at + '/oneOf'.length);
        if (resolved.has(candidate)) continue;
        if (prefix === undefined || candidate.length < prefix.length) prefix = candidate;
        break;
      }
    }
    if (prefix === undefined) return kept;
    resolved.add(prefix);
    const start = `${prefix}/`;
    const branchOf = (e: ErrorObject) =>
      e.schemaPath.startsWith(start) ? e.schemaPath.slice(start.length).split('/')[0] : undefined;
    const counts = new Map<string, number>();
    for (const e of kept) {
      const branch = branchOf(e);
      if (branch !== undefined) counts.set(branch, (counts.get(branch) ?? 0) + weight(e));
    }
    if (counts.size === 0) continue;
    const fewest = Math.min(...counts.values());
    kept = kept.filter((e) => {
      if (e.schemaPath === prefix) return false;
      const branch = branchOf(e);
      return branch === undefined || counts.get(branch) === fewest;
    });
  }
}

function describe(errors: ErrorObject[]): { missing: string[]; invalid: string[] } {
  const missing = new Set<string>();
  const allowed = new Map<string, Set<unknown>>();
  const invalid = new Map<string, string>();
  for (const error of errors) {
    const params = error.params as Json;
    if (error.keyword === 'required') missing.add(wireName(error.instancePath, params.missingProperty));
    else if (error.keyword === 'additionalProperties') {
      invalid.set(`${wireName(error.instancePath, params.additionalProperty)}`, 'is not a known parameter');
    } else if (error.keyword === 'enum' || error.keyword === 'const') {
      const name = wireName(error.instancePath);
      const values = allowed.get(name) ?? new Set();
      for (const v of params.allowedValues ?? [params.allowedValue]) values.add(v);
      allowed.set(name, values);
    } else if (error.keyword === 'format' && params.format === 'binary') {
      invalid.set(wireName(error.instancePath), 'must be a file part (with a filename)');
    } else {
      invalid.set(wireName(error.instancePath) || 'body', error.message ?? 'is invalid');
    }
  }
  for (const [name, values] of allowed) invalid.set(name, `must be one of: ${[...values].join(', ')}`);
  return { missing: [...missing], invalid: [...invalid].map(([name, why]) => `${name} ${why}`) };
}

/**
 * Validates parts already read from a multipart body against `operationId`'s request schema.
 * Missing required fields give the API's 400 `errors/missing_parameters`, anything else that does
 * not match gives 400 `errors/invalid_parameters`; `detail` names the fields. A valid body comes back
 * nested, with strings turned into the schema's booleans/numbers and files as `UploadedFile`s.
 */
export function validateParts(operationId: OperationId, parts: readonly MultipartPart[]): RequestValidation {
  const validate = validatorFor(operationId);
  const { body, files } = nestParts(parts);
  if (validate(body)) return { ok: true, body: restoreFiles(body, files) };
  const { missing, invalid } = describe(closestBranches(validate.errors ?? []));
  if (missing.length) {
    const problems = missing.map((name) => `${name} is required`);
    return {
      ok: false,
      problems,
      error: {
        status: 400,
        type: 'errors/missing_parameters',
        title: 'Missing parameters',
        detail: `Missing required parameter(s): ${missing.join(', ')}.${invalid.length ? ` Invalid: ${invalid.join('; ')}.` : ''}`,
      },
    };
  }
  return {
    ok: false,
    problems: invalid,
    error: {
      status: 400,
      type: 'errors/invalid_parameters',
      title: 'Invalid parameters',
      detail: `Invalid parameter(s): ${invalid.join('; ')}.`,
    },
  };
}

/** Maps a body that could not be read to the API's 400 envelope. */
export function envelopeForMultipartError(error: MultipartError): ErrorEnvelope {
  return error.kind === 'too_large'
    ? { status: 400, type: 'errors/content_too_large', title: 'Content too large', detail: error.message }
    : { status: 400, type: 'errors/malformed_request', title: 'Malformed request', detail: error.message };
}

/**
 * Reads a fetch `Request` (e.g. one a client sent to msw) as `operationId`'s multipart body and
 * validates it: the contract check for requests. Never throws on bad input.
 */
export async function validateRequest(
  operationId: OperationId,
  request: Request,
  options: ReadMultipartOptions = {},
): Promise<RequestValidation> {
  try {
    const stream = request.body ? Readable.fromWeb(request.body as Json) : Readable.from([]);
    const parts = await readMultipart(stream, request.headers.get('content-type') ?? undefined, options);
    return validateParts(operationId, parts);
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return { ok: false, problems: [error.message], error: envelopeForMultipartError(error) };
  }
}
