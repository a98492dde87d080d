// Reads multipart parts as an operation's request body, the way the spec says they travel, and
// validates the result against the operation's request schema.
//
// The part names are read by a small parser driven by the request schema and its `encoding`, not
// by qs: qs accepts what the API refuses (`attendees_ids` without brackets, `attendees_ids[5]`,
// `attendees_ids[][]`), turns arrays past its arrayLimit into objects and drops `__proto__`-like keys
// in silence. Here every part either lands on a field the spec names, in the shape the spec gives it,
// or is refused with a `detail` naming the part and the wire name to send instead.
import { Readable } from 'node:stream';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  MultipartError,
  type MultipartPart,
  type ReadMultipartOptions,
  readMultipart,
  type UploadedFile,
} from './multipart.js';
import { type ErrorEnvelope, type OperationId, operations } from './spec.js';

// biome-ignore lint/suspicious/noExplicitAny: request bodies and schemas are plain JSON-like data
type Json = any;

export type RequestValidation =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: ErrorEnvelope; problems: string[] };

export interface ValidatePartsOptions {
  /** Most parts one array field takes (`attendees_ids[]`, `attachments`); more is refused, never cut. Default 1,000. */
  maxArrayItems?: number;
}

export const DEFAULT_MAX_ARRAY_ITEMS = 1_000;

/** What the mock refuses, before any provider-side error: each kind maps to a documented (status, type). */
export type RefusalKind =
  | 'missing_parameters'
  | 'invalid_parameters'
  | 'malformed_request'
  | 'content_too_large'
  | 'unsupported_media_type';

/**
 * The documented envelope for a refusal of `kind` on `operationId`. An operation that documents the
 * type itself (startChat's 400s, both operations' 415) gets it; sendMessage documents no 400, so a
 * body it cannot take gets its own words for that: 422 `errors/invalid_message` ("The message body
 * or attachments are invalid"), with the reason in `detail`.
 */
export function refusal(operationId: OperationId, kind: RefusalKind, detail: string): ErrorEnvelope {
  const documented = operations[operationId].errors;
  const own = documented.find((e) => e.type === `errors/${kind}`);
  if (own) return { status: own.status, type: own.type, title: own.title, detail };
  const fallback = documented.find((e) => e.type === 'errors/invalid_message');
  if (!fallback) throw new Error(`${operationId} documents neither errors/${kind} nor errors/invalid_message`);
  return {
    status: fallback.status,
    type: fallback.type,
    title: fallback.title,
    detail: `${fallback.detail.replace(/\.?$/, '.')} ${detail}`,
  };
}

/**
 * The answer to a bad mock control header (`X-Postpress-Mock-…`): 422 `errors/unprocessable_entity`,
 * documented for every operation (the simulated provider cannot act on the instruction), with
 * `instance: 'mock/invalid_control_header'` so a test can tell it from a forced error.
 */
export function controlHeaderRefusal(operationId: OperationId, message: string): ErrorEnvelope {
  const error = operations[operationId].errors.find((e) => e.type === 'errors/unprocessable_entity');
  if (!error) throw new Error(`${operationId} does not document errors/unprocessable_entity`);
  return {
    status: error.status,
    type: error.type,
    title: error.title,
    detail: `Mock control header: ${message}`,
    instance: 'mock/invalid_control_header',
  };
}

/** 415 `errors/unsupported_media_type` unless `contentType` is multipart/form-data (its boundary is checked later). */
export function contentTypeRefusal(
  operationId: OperationId,
  contentType: string | undefined,
): ErrorEnvelope | undefined {
  if (contentType && /^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return undefined;
  const got = contentType ? `Content-Type ${JSON.stringify(contentType.slice(0, 100))}` : 'no Content-Type';
  return refusal(
    operationId,
    'unsupported_media_type',
    `The body must be multipart/form-data (got ${got}); send each field as its own part.`,
  );
}

/** Maps a body that could not be read to the operation's documented refusal. */
export function envelopeForMultipartError(error: MultipartError, operationId: OperationId): ErrorEnvelope {
  return refusal(operationId, error.kind === 'too_large' ? 'content_too_large' : 'malformed_request', error.message);
}

// ---------------------------------------------------------------------------------------------
// The wire tree: what part names an operation takes, derived from its request schema and encoding.

type WireNode =
  | { kind: 'text' } // one text part under the plain name (strings, numbers, booleans)
  | { kind: 'file' } // one file part under the plain name
  | { kind: 'texts' } // one `name[]` text part per item (`x-array-format: brackets`)
  | { kind: 'files' } // one file part per file, all under the plain name
  | { kind: 'object'; children: Map<string, WireNode> }; // bracket notation, one part per leaf

const isBinary = (schema: Json) => schema?.format === 'binary';

function merge(into: Map<string, WireNode>, key: string, node: WireNode, where: string) {
  const seen = into.get(key);
  if (!seen) into.set(key, node);
  else if (seen.kind === 'object' && node.kind === 'object') {
    for (const [k, v] of node.children) merge(seen.children, k, v, `${where}[${k}]`);
  } else if (seen.kind !== node.kind) throw new Error(`${where} has two wire shapes in the spec`);
}

function wireTree(schema: Json, where: string, encoding?: Json): WireNode {
  if (schema.type === 'array') {
    if (isBinary(schema.items)) return { kind: 'files' };
    // The house lint rule makes every multipart string array state `x-array-format: brackets`.
    if (encoding && encoding['x-array-format'] !== 'brackets') throw new Error(`${where}: unsupported array format`);
    return { kind: 'texts' };
  }
  if (isBinary(schema)) return { kind: 'file' };
  const branches: Json[] = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  if (schema.type !== 'object' && !schema.properties && branches.length === 0) return { kind: 'text' };
  const children = new Map<string, WireNode>();
  for (const [key, sub] of Object.entries<Json>(schema.properties ?? {})) {
    merge(children, key, wireTree(sub, where ? `${where}[${key}]` : key, where ? undefined : encoding?.[key]), key);
  }
  for (const branch of branches) {
    const node = wireTree(branch, where, encoding);
    if (node.kind !== 'object') throw new Error(`${where}: a oneOf mixing objects and values has no wire format`);
    for (const [k, v] of node.children) merge(children, k, v, where ? `${where}[${k}]` : k);
  }
  return { kind: 'object', children };
}

/** The schema Ajv checks: a file is an `UploadedFile` object (the wire tree already made sure it came as a file part). */
function withFileObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(withFileObjects);
  if (!node || typeof node !== 'object') return node;
  if (isBinary(node)) return { type: 'object', description: node.description };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withFileObjects(v)]));
}

const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
const compiled = new Map<OperationId, { tree: WireNode & { kind: 'object' }; validate: ValidateFunction }>();

function contractOf(operationId: OperationId) {
  let contract = compiled.get(operationId);
  if (!contract) {
    const operation = operations[operationId];
    if (!operation) throw new TypeError(`Unknown operation ${String(operationId)}`);
    const tree = wireTree(operation.requestSchema, '', operation.requestEncoding);
    if (tree.kind !== 'object') throw new Error(`${operationId}: the request body is not an object`);
    contract = { tree, validate: ajv.compile(withFileObjects(operation.requestSchema)) };
    compiled.set(operationId, contract);
  }
  return contract;
}

// ---------------------------------------------------------------------------------------------
// Parts → body.

/** `linkedin[follow_up][subject]` → `['linkedin', 'follow_up', 'subject']`; undefined when not bracket notation. */
function segmentsOf(name: string): string[] | undefined {
  const open = name.indexOf('[');
  const base = open === -1 ? name : name.slice(0, open);
  if (!base || base.includes(']')) return undefined;
  const segments = [base];
  for (let at = open; at !== -1 && at < name.length; ) {
    const close = name.indexOf(']', at);
    if (name[at] !== '[' || close === -1) return undefined;
    const inner = name.slice(at + 1, close);
    if (inner.includes('[')) return undefined;
    segments.push(inner);
    at = close + 1;
  }
  return segments;
}

const wire = (keys: readonly string[]) =>
  (keys[0] ?? '') +
  keys
    .slice(1)
    .map((k) => `[${k}]`)
    .join('');

/** A part name as it can be quoted in a sentence. */
const shown = (name: string) => (/^[\x21-\x7e]+$/.test(name) ? name : JSON.stringify(name));

/** `array` / `object` when a text value is a JSON array / object. */
function jsonKind(value: string): 'array' | 'object' | undefined {
  const text = value.trim();
  if (!/^[[{]/.test(text)) return undefined;
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? 'array' : parsed && typeof parsed === 'object' ? 'object' : undefined;
  } catch {
    return undefined;
  }
}

function setAt(body: Record<string, Json>, keys: readonly string[], value: Json) {
  let node = body;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key];
  }
  node[keys.at(-1) as string] = value;
}

function getAt(body: Record<string, Json>, keys: readonly string[]): Json {
  return keys.reduce((node: Json, key) => node?.[key], body);
}

interface Placed {
  body: Record<string, Json>;
  /** Parts that do not fit the wire format (unknown, wrong shape, wrong kind), one sentence each. */
  shape: string[];
  /** Limits passed (too many parts in one array). */
  limits: string[];
  /** Wire names of known fields that were sent in a wrong shape: not "missing", only wrong. */
  attempted: Set<string>;
}

/** Where a part name lands in the wire tree, or why it lands nowhere. */
type Resolved =
  | { node: WireNode; keys: string[]; at: string; rest: string[] }
  | { unknown: string; attempted?: string };

function resolve(tree: WireNode, name: string): Resolved {
  const segments = segmentsOf(name);
  if (!segments) return { unknown: `${shown(name)} is not a known parameter` };
  let node: WireNode = tree;
  const keys: string[] = [];
  while (node.kind === 'object' && keys.length < segments.length) {
    const key = segments[keys.length] as string;
    const child: WireNode | undefined = key === '' ? undefined : node.children.get(key);
    if (!child) {
      if (keys.length === 0) return { unknown: `${shown(name)} is not a known parameter` };
      const known = [...node.children.keys()].map((k) => `\`${wire([...keys, k])}\``).join(', ');
      const unknown =
        key === ''
          ? `${shown(name)}: ${wire(keys)} is an object; send one part per field in bracket notation (${known})`
          : `${shown(name)} is not a known parameter (${wire(keys)} takes ${known})`;
      return { unknown, attempted: wire(keys) };
    }
    keys.push(key);
    node = child;
  }
  return { node, keys, at: wire(keys), rest: segments.slice(keys.length) };
}

function place(operationId: OperationId, parts: readonly MultipartPart[], options: ValidatePartsOptions): Placed {
  const maxItems = options.maxArrayItems ?? DEFAULT_MAX_ARRAY_ITEMS;
  const { tree } = contractOf(operationId);
  const body: Record<string, Json> = {};
  const shape = new Set<string>();
  const attempted = new Set<string>();
  const counts = new Map<string, { node: WireNode; count: number }>();
  // A body repeats few names many times (`attendees_ids[]`): each is resolved once.
  const resolved = new Map<string, Resolved>();

  for (const part of parts) {
    // busboy reports an empty name (`name=""`) as undefined.
    const name = typeof part.name === 'string' ? part.name : '';
    let where = resolved.get(name);
    if (!where) {
      where = resolve(tree, name);
      resolved.set(name, where);
    }
    if ('unknown' in where) {
      shape.add(where.unknown);
      if (where.attempted) attempted.add(where.attempted);
      continue;
    }
    const { node, keys, at, rest } = where;
    const problem = (why: string) => {
      shape.add(why);
      attempted.add(at);
    };
    // A file part is one with a filename: busboy also reads a nameless `application/octet-stream` part as a file.
    const file = 'file' in part ? part.file : undefined;
    const nameless = file && file.filename === '' ? file.contentType || 'unknown' : undefined;
    const json = file ? undefined : jsonKind((part as { value: string }).value);
    const asText = (wireName: string) =>
      `${wireName}: a part with Content-Type ${nameless} and no filename was sent; send a plain text part (no Content-Type, no filename)`;
    const asFile = (what: string) =>
      nameless
        ? `${at}: a part without a filename was sent (Content-Type ${nameless}); send ${what}`
        : `${at}: a text part was sent; send ${what}`;

    switch (node.kind) {
      case 'object': {
        const first = [...node.children.keys()][0] ?? 'field';
        const sent = json === 'object' ? ' (a JSON object in one part is not read)' : '';
        problem(`${shown(name)}: send ${at} in bracket notation, one part per field (\`${at}[${first}]=…\`)${sent}`);
        break;
      }
      case 'text':
        if (rest.length) problem(`${shown(name)}: send one \`${at}\` part (a single value, no brackets)`);
        else if (nameless) problem(asText(at));
        else if (file)
          problem(
            `${at}: a file part (filename ${JSON.stringify(file.filename)}) was sent; send a text part (no filename)`,
          );
        else {
          const seen = counts.get(at);
          counts.set(at, { node, count: (seen?.count ?? 0) + 1 });
          setAt(body, keys, (part as { value: string }).value);
        }
        break;
      case 'file':
        if (rest.length) problem(`${shown(name)}: send one \`${at}\` file part (the plain name, no brackets)`);
        else if (!file || nameless) problem(asFile('a file part (with a filename)'));
        else {
          const seen = counts.get(at);
          counts.set(at, { node, count: (seen?.count ?? 0) + 1 });
          setAt(body, keys, file);
        }
        break;
      case 'texts':
        if (rest.length !== 1 || rest[0] !== '') {
          const sent = json ? ` (a JSON ${json} in one part is not read)` : '';
          problem(`${shown(name)}: send one \`${at}[]\` part per item${sent}`);
        } else if (nameless) problem(asText(`${at}[]`));
        else if (file)
          problem(
            `${at}[]: a file part (filename ${JSON.stringify(file.filename)}) was sent; send text parts (no filename)`,
          );
        else if (json) problem(`${at}[]: a part holds a JSON ${json}; send one \`${at}[]\` part per item`);
        else push(body, keys, at, node, (part as { value: string }).value);
        break;
      case 'files':
        if (rest.length) problem(`${shown(name)}: send one \`${at}\` part per file (the plain name, no brackets)`);
        else if (!file || nameless) problem(asFile('one file part (with a filename) per file'));
        else push(body, keys, at, node, file);
        break;
    }
  }

  function push(into: Record<string, Json>, keys: string[], at: string, node: WireNode, value: Json) {
    let list: Json[] | undefined = getAt(into, keys);
    if (!list) {
      list = [];
      setAt(into, keys, list);
    }
    list.push(value);
    counts.set(at, { node, count: list.length });
  }

  const limits: string[] = [];
  for (const [at, { node, count }] of counts) {
    if ((node.kind === 'text' || node.kind === 'file') && count > 1) {
      shape.add(`${at}: sent ${count} times; send one \`${at}\` part`);
      attempted.add(at);
    }
    if ((node.kind === 'texts' || node.kind === 'files') && count > maxItems) {
      const wireName = node.kind === 'texts' ? `${at}[]` : at;
      limits.push(
        `${wireName}: ${count} parts sent; at most ${maxItems} per array field (the mock's maxArrayItems limit)`,
      );
    }
  }
  return { body, shape: [...shape], limits, attempted };
}

// ---------------------------------------------------------------------------------------------
// Ajv errors → sentences naming wire names.

/** `/linkedin/follow_up/subject` → `linkedin[follow_up][subject]`. */
function wireName(instancePath: string, child?: string): string {
  // Array indexes are dropped: on the wire an item is one more part under the same name.
  const keys = instancePath
    .split('/')
    .slice(1)
    .filter((k) => !/^\d+$/.test(k))
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) keys.push(child);
  return wire(keys);
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
      invalid.set(wireName(error.instancePath, params.additionalProperty), 'is not a known parameter');
    } else if (error.keyword === 'enum' || error.keyword === 'const') {
      const name = wireName(error.instancePath);
      const values = allowed.get(name) ?? new Set();
      for (const v of params.allowedValues ?? [params.allowedValue]) values.add(v);
      allowed.set(name, values);
    } else {
      invalid.set(wireName(error.instancePath) || 'body', error.message ?? 'is invalid');
    }
  }
  for (const [name, values] of allowed) invalid.set(name, `must be one of: ${[...values].join(', ')}`);
  return { missing: [...missing], invalid: [...invalid].map(([name, why]) => `${name} ${why}`) };
}

/** At most 20 sentences in a `detail`, so a body of 10,000 bad parts gets a readable answer. */
function listed(sentences: readonly string[]): string {
  const head = sentences.slice(0, 20).join('; ');
  return sentences.length > 20 ? `${head}; and ${sentences.length - 20} more` : head;
}

/**
 * Validates parts already read from a multipart body against `operationId`'s request schema, in the
 * wire format the spec gives each field. A part the spec does not name (whatever its name, `foo` or
 * `__proto__`), a field in the wrong shape (`attendees_ids` without brackets, `attendees_ids[5]`,
 * `attachments[]`, a JSON array or object in one part), a file part where text is expected or a text
 * part where a file is, a single field sent twice: each is refused, `detail` naming the part and what
 * to send instead. Nothing is dropped: too many parts in one array is refused too, naming the limit.
 *
 * Refusals use the operation's documented errors (see `refusal`): on startChat 400
 * `errors/missing_parameters`, `errors/invalid_parameters` or `errors/content_too_large`; on
 * sendMessage 422 `errors/invalid_message`. A valid body comes back nested, with strings turned into
 * the schema's booleans/numbers and files as `UploadedFile`s.
 */
export function validateParts(
  operationId: OperationId,
  parts: readonly MultipartPart[],
  options: ValidatePartsOptions = {},
): RequestValidation {
  const { validate } = contractOf(operationId);
  const { body, shape, limits, attempted } = place(operationId, parts, options);
  if (limits.length) {
    return {
      ok: false,
      problems: limits,
      error: refusal(operationId, 'content_too_large', `Too many parts: ${listed(limits)}.`),
    };
  }
  if (validate(body) && shape.length === 0) return { ok: true, body: body as Record<string, UploadedFile | Json> };
  const described = describe(closestBranches(validate.errors ?? []));
  const missing = described.missing.filter((name) => !attempted.has(name));
  const invalid = [...shape, ...described.invalid.filter((s) => !attempted.has(s.split(' ')[0] ?? ''))];
  if (missing.length) {
    const problems = [...missing.map((name) => `${name} is required`), ...invalid];
    const also = invalid.length ? ` Invalid: ${listed(invalid)}.` : '';
    return {
      ok: false,
      problems,
      error: refusal(operationId, 'missing_parameters', `Missing required parameter(s): ${missing.join(', ')}.${also}`),
    };
  }
  return {
    ok: false,
    problems: invalid,
    error: refusal(operationId, 'invalid_parameters', `Invalid parameter(s): ${listed(invalid)}.`),
  };
}

/**
 * Reads a fetch `Request` (e.g. one a client sent to msw) as `operationId`'s multipart body and
 * validates it: the contract check for requests. Never throws on bad input.
 */
export async function validateRequest(
  operationId: OperationId,
  request: Request,
  options: ReadMultipartOptions & ValidatePartsOptions = {},
): Promise<RequestValidation> {
  const contentType = request.headers.get('content-type') ?? undefined;
  const unsupported = contentTypeRefusal(operationId, contentType);
  if (unsupported) return { ok: false, problems: [unsupported.detail ?? ''], error: unsupported };
  try {
    const stream = request.body ? Readable.fromWeb(request.body as Json) : Readable.from([]);
    const parts = await readMultipart(stream, contentType, options);
    return validateParts(operationId, parts, options);
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return { ok: false, problems: [error.message], error: envelopeForMultipartError(error, operationId) };
  }
}
