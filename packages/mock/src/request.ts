// Checks a request against its operation in the model: path, query and header parameters
// (./params.ts), then the body by its media type — multipart parts by the model's wire parts
// (./parts.ts), a JSON body as JSON — each against its schema. Whatever is wrong is gathered and
// answered with one refusal the operation documents (./refusal.ts), its `detail` naming each
// parameter, part or field at fault and what to send instead.
import { Readable } from 'node:stream';
import type { Hold } from './limits.js';
import {
  DEFAULT_MAX_TEXT_BYTES,
  MultipartError,
  type MultipartPart,
  type ReadMultipartOptions,
  readParts,
  type UploadedFile,
} from './multipart.js';
import { checkParameters, type ParameterFindings, type ParameterInput } from './params.js';
import { type Placed, place, type WireTree, wire, wireTree } from './parts.js';
import { type RefusalKind, refusal } from './refusal.js';
import { Router } from './routes.js';
import { describe as describeErrors, listed, Schemas } from './schemas.js';
import { type ErrorEnvelope, type OperationId, type OperationInfo, type OperationsModel, operationOf } from './spec.js';

export type { RefusalKind } from './refusal.js';
export { refusal } from './refusal.js';

// biome-ignore lint/suspicious/noExplicitAny: request bodies and schemas are plain JSON-like data
type Json = any;

export type RequestValidation =
  | {
      ok: true;
      /** The body as the operation reads it: multipart parts nested (files as `UploadedFile`s), or the JSON value. */
      body: unknown;
      /** The parameters, typed by their schemas. */
      params: ParameterFindings['values'];
    }
  | { ok: false; error: ErrorEnvelope; problems: string[] };

export interface ValidatePartsOptions {
  /** Most parts one repeated part takes (`attendees_ids[]`, `attachments`); more is refused, never cut. Default 1,000. */
  maxArrayItems?: number;
  /** The operations model to read the operation from; default: the published one. */
  model?: OperationsModel;
}

export const DEFAULT_MAX_ARRAY_ITEMS = 1_000;

/** What checking one operation's requests needs, made once per operation. */
interface Contract {
  schemas: Schemas;
  tree?: WireTree;
}
const contracts = new WeakMap<OperationInfo, Contract>();

/** The operation's contract; a TypeError naming the problem when its multipart parts do not form a tree. */
export function contractOf(info: OperationInfo): Contract {
  let contract = contracts.get(info);
  if (!contract) {
    const multipart = info.operation.requestBody?.multipart;
    contract = {
      schemas: new Schemas(),
      ...(multipart ? { tree: wireTree(info.operationId, multipart.parts) } : {}),
    };
    contracts.set(info, contract);
  }
  return contract;
}

const fail = (info: OperationInfo, kind: RefusalKind, detail: string, problems: string[]): RequestValidation => ({
  ok: false,
  error: refusal(info, kind, detail),
  problems,
});

/**
 * The answer to a bad mock control header (`X-Postpress-Mock-…`): the operation's documented type
 * for it (see ./refusal.ts), with `instance: 'mock/invalid_control_header'`.
 */
export function controlHeaderRefusal(operation: OperationId | OperationInfo, message: string): ErrorEnvelope {
  return refusal(operation, 'invalid_control_header', `Mock control header: ${message}`);
}

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;
const JSON_MEDIA = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/** The refusal for a body whose Content-Type is not the operation's media type, or undefined when it is. */
export function contentTypeRefusal(
  operation: OperationId | OperationInfo,
  contentType: string | undefined,
): ErrorEnvelope | undefined {
  const info = operationOf(operation);
  const media = info.operation.requestBody?.mediaType;
  if (!media) return undefined;
  const multipart = info.operation.requestBody?.multipart !== undefined;
  const type = contentType?.trim() ?? '';
  if (multipart ? MULTIPART.test(type) : JSON_MEDIA.test(type)) return undefined;
  const got = contentType ? shownType(contentType) : 'no Content-Type';
  const how = multipart ? howToSendMultipart(info, type) : howToSendJson(type);
  return refusal(info, 'unsupported_media_type', `The body must be ${media} (got ${got}): ${how}.`);
}

/** A received Content-Type as it can be quoted: its media type alone when that is a plain token pair. */
const shownType = (contentType: string) => {
  const media = contentType.split(';')[0]?.trim() ?? '';
  return /^[\w.+-]+\/[\w.+-]+$/.test(media) ? media.toLowerCase() : JSON.stringify(contentType.slice(0, 100));
};

/** A text part of the operation and a value for it, from the model (its first example when it has one). */
function textPart(info: OperationInfo): { name: string; value: string } | undefined {
  const body = info.operation.requestBody;
  const parts = (body?.multipart?.parts ?? []).filter((p) => p.kind === 'text');
  const part = parts.find((p) => p.required) ?? parts[0];
  if (!part) return undefined;
  const valueIn = (wire: unknown) => (wire as Record<string, unknown> | undefined)?.[part.name];
  const example = body?.examples.map((e) => valueIn(e.wireValue)).find((v) => typeof v === 'string');
  const value = typeof example === 'string' && example.length <= 40 && /^[\x20-\x7e]*$/.test(example) ? example : '…';
  return { name: part.name, value };
}

/** What to do instead of sending a URL-encoded or JSON body to a multipart operation, naming common tools. */
function howToSendMultipart(info: OperationInfo, type: string): string {
  const part = textPart(info);
  const insteadOf = /^application\/x-www-form-urlencoded/i.test(type)
    ? ' instead of data='
    : JSON_MEDIA.test(type)
      ? ' instead of json='
      : '';
  const python = part ? `files={${JSON.stringify(part.name)}: (None, ${JSON.stringify(part.value)})}` : 'files=';
  const curl = part ? `--form-string ${JSON.stringify(`${part.name}=${part.value}`)}` : '--form-string';
  return (
    "send each field as its own part with your HTTP library's multipart mode, even without a file — " +
    `Python requests: ${python}${insteadOf}; curl: ${curl} (--form name=@file for a file) instead of --data`
  );
}

const howToSendJson = (type: string) =>
  `send the body as JSON with Content-Type: application/json${MULTIPART.test(type) || /^application\/x-www-form-urlencoded/i.test(type) ? ' (Python requests: json= instead of data= or files=; curl: --json)' : ''}`;

/** Maps a body that could not be read to the operation's documented refusal. */
export function envelopeForMultipartError(
  error: MultipartError,
  operation: OperationId | OperationInfo,
): ErrorEnvelope {
  if (error.kind === 'busy') return busy(error.message);
  return refusal(operation, error.kind === 'too_large' ? 'content_too_large' : 'malformed_request', error.message);
}

/** The mock's answer when requests in flight hold `maxHeldBytes` of text already: 503, to retry (with `Retry-After: 1`). */
export const BUSY_TYPE = 'mock/busy';
const busy = (detail: string): ErrorEnvelope => ({ status: 503, type: BUSY_TYPE, title: 'Busy', detail });

/** Found wrong so far; turned into one refusal by `verdict`. */
interface Findings {
  missing: string[];
  invalid: string[];
  tooMany: string[];
}

function verdict(info: OperationInfo, findings: Findings): RequestValidation | undefined {
  const { missing, invalid, tooMany } = findings;
  if (tooMany.length) return fail(info, 'content_too_large', `Too many parts: ${listed(tooMany)}.`, tooMany);
  if (missing.length) {
    const also = invalid.length ? ` Invalid: ${listed(invalid)}.` : '';
    return fail(info, 'missing_parameters', `Missing required parameter(s): ${missing.join(', ')}.${also}`, [
      ...missing.map((name) => `${name} is required`),
      ...invalid,
    ]);
  }
  if (invalid.length) return fail(info, 'invalid_parameters', `Invalid parameter(s): ${listed(invalid)}.`, invalid);
  return undefined;
}

/** Parts already read, checked against the multipart body: what is wrong, and the body. */
function checkParts(
  info: OperationInfo,
  parts: readonly MultipartPart[],
  maxItems: number,
): Findings & { body: Record<string, Json> } {
  const { schemas, tree } = contractOf(info);
  const requestBody = info.operation.requestBody;
  if (!tree || !requestBody) throw new TypeError(`${info.operationId} does not take a multipart body`);
  const placed: Placed = place(tree, parts, maxItems);
  if (placed.limits.length) return { missing: [], invalid: [], tooMany: placed.limits, body: placed.body };
  const validate = schemas.compile(requestBody.schema, { coerce: true });
  const valid = validate(placed.checked);
  const body = placed.withFiles();
  if (valid && placed.shape.length === 0) return { missing: [], invalid: [], tooMany: [], body };
  // Errors are named by wire name: array indexes dropped (an item is one more part under the same name).
  const bracket = (keys: string[]) => wire(keys.filter((k) => !/^\d+$/.test(k)));
  const partNames = new Map((requestBody.multipart?.parts ?? []).map((p) => [wire(p.path), p.name] as const));
  const valueAt = (keys: string[]) => keys.reduce((node: Json, key) => node?.[key], placed.checked);
  const { missing, invalid } = describeErrors(
    validate.errors ?? [],
    (keys) => {
      const at = bracket(keys);
      return at === '' ? 'body' : at;
    },
    valueAt,
    true,
  );
  return {
    // A value sent only in a wrong shape is reported as wrong, not also as missing.
    missing: missing.filter((m) => !placed.attempted.has(m.name)).map((m) => partNames.get(m.name) ?? m.name),
    invalid: [...placed.shape, ...invalid.filter((i) => !placed.attempted.has(bracket(i.keys))).map((i) => i.text)],
    tooMany: [],
    body,
  };
}

/**
 * Validates parts already read from a multipart body against `operationId`'s request body, in the
 * wire format the model gives each part. A part the model does not name (whatever its name, `foo` or
 * `__proto__`), a part in the wrong shape (`attendees_ids` without brackets, `attendees_ids[5]`,
 * `attachments[]`, a JSON array or object in one part), a file part where text is expected or a
 * text part where a file is, a single part sent twice: each is refused, `detail` naming the part
 * and what to send instead. Nothing is dropped: too many parts under one name is refused too.
 * A valid body comes back nested, with text turned into the schema's booleans and numbers.
 */
export function validateParts(
  operationId: OperationId | OperationInfo,
  parts: readonly MultipartPart[],
  options: ValidatePartsOptions = {},
): RequestValidation {
  const info = operationOf(operationId, options.model);
  const { body, ...findings } = checkParts(info, parts, options.maxArrayItems ?? DEFAULT_MAX_ARRAY_ITEMS);
  return verdict(info, findings) ?? { ok: true, body: body as Record<string, UploadedFile | Json>, params: empty() };
}

const empty = (): ParameterFindings['values'] => ({ path: {}, query: {}, header: {} });

/** Why a body could not be read. */
class BodyError extends Error {
  constructor(
    readonly kind: 'too_large' | 'malformed' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads `stream` to its end, refusing (and leaving the rest unread) past `limit` bytes. Resolves with
 * the bytes; rejects with a BodyError.
 */
function readBytes(stream: Readable, limit: number, limitName = 'maxBodyBytes', hold?: Hold): Promise<Buffer> {
  if (stream.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (then: () => void) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      then();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.pause();
        finish(() =>
          reject(
            new BodyError(
              'too_large',
              `The request body is larger than ${limit} bytes (limit ${limitName}: ${limit}).`,
            ),
          ),
        );
      } else if (hold && !hold.charge(chunk.length)) {
        stream.pause();
        finish(() =>
          reject(
            new BodyError(
              'busy',
              `The requests in flight already hold as much request text as the mock keeps in memory (limit maxHeldBytes: ${hold.max} bytes); retry in a moment.`,
            ),
          ),
        );
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)));
    const onError = (error: Error) =>
      finish(() => reject(new BodyError('malformed', `The request body could not be read: ${error.message}`)));
    const onClose = () => {
      if (!stream.readableEnded) finish(() => reject(new BodyError('malformed', 'The request body was cut off.')));
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}

/** Whether `stream` holds any byte (it reads at most the first chunk). */
async function hasBytes(stream: Readable): Promise<boolean> {
  try {
    await readBytes(stream, 0);
    return false;
  } catch (error) {
    if (error instanceof BodyError && error.kind === 'too_large') return true;
    throw error;
  }
}

/** `['labels', '3']` → `labels[3]`; `['a', 'b']` → `a.b`. */
const jsonName = (keys: string[]) =>
  keys.length === 0 ? 'the body' : keys.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');

export interface Incoming extends ParameterInput {
  body: Readable;
}

export interface CheckOptions extends ReadMultipartOptions, Omit<ValidatePartsOptions, 'model'> {
  /** Called with a JSON body's text once read (the server records it). */
  onText?: (text: string) => void;
  /** This request's share of the server's maxHeldBytes. */
  hold?: Hold;
}

/** Checks a whole request against `info`: parameters, then the body by its media type. Never throws on bad input. */
export async function checkRequest(
  info: OperationInfo,
  incoming: Incoming,
  options: CheckOptions = {},
): Promise<RequestValidation> {
  const { schemas } = contractOf(info);
  const params = checkParameters(schemas, info.operation, incoming);
  if (params.path.length) {
    return fail(info, 'invalid_path_parameter', `Invalid path parameter(s): ${listed(params.path)}.`, params.path);
  }
  const findings: Findings = { missing: [...params.missing], invalid: [...params.invalid], tooMany: [] };
  const requestBody = info.operation.requestBody;
  const contentType = incoming.header('content-type');
  const maxBodyBytes = options.maxBodyBytes ?? Number.POSITIVE_INFINITY;
  let body: unknown;

  try {
    if (!requestBody) {
      // Nothing is read past the first chunk: a body here is refused, not ignored.
      if (await hasBytes(incoming.body)) findings.invalid.push(`${info.operationId} takes no request body; send none`);
    } else if (requestBody.multipart) {
      const unsupported = contentTypeRefusal(info, contentType);
      if (unsupported && (contentType || requestBody.required || (await hasBytes(incoming.body)))) {
        return { ok: false, error: unsupported, problems: [unsupported.detail ?? ''] };
      }
      if (!unsupported) {
        const parts = await readParts(incoming.body, contentType, options);
        const checked = checkParts(info, parts, options.maxArrayItems ?? DEFAULT_MAX_ARRAY_ITEMS);
        findings.missing.push(...checked.missing);
        findings.invalid.push(...checked.invalid);
        findings.tooMany.push(...checked.tooMany);
        body = checked.body;
      }
    } else {
      const unsupported = contentTypeRefusal(info, contentType);
      if (unsupported && contentType) return { ok: false, error: unsupported, problems: [unsupported.detail ?? ''] };
      // A JSON body is held whole: maxTextBytes bounds it, when smaller than maxBodyBytes.
      const maxTextBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
      const bytes =
        maxTextBytes < maxBodyBytes
          ? await readBytes(incoming.body, maxTextBytes, 'maxTextBytes', options.hold)
          : await readBytes(incoming.body, maxBodyBytes, 'maxBodyBytes', options.hold);
      if (unsupported && bytes.length) {
        return { ok: false, error: unsupported, problems: [unsupported.detail ?? ''] };
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new BodyError('malformed', 'The request body is not UTF-8; send JSON encoded as UTF-8.');
      }
      options.onText?.(text);
      if (text.trim() === '') {
        if (requestBody.required) findings.missing.push(`the request body (${requestBody.mediaType})`);
      } else {
        try {
          body = JSON.parse(text);
        } catch (error) {
          throw new BodyError(
            'malformed',
            `The request body is not valid JSON (${(error as Error).message}); send ${requestBody.mediaType}.`,
          );
        }
        const validate = schemas.compile(requestBody.schema);
        if (!validate(body)) {
          const valueAt = (keys: string[]) => keys.reduce((node: Json, key) => node?.[key], body);
          const { missing, invalid } = describeErrors(validate.errors ?? [], jsonName, valueAt);
          findings.missing.push(...missing.map((m) => m.name));
          findings.invalid.push(...invalid.map((i) => i.text));
        }
      }
    }
  } catch (error) {
    if (error instanceof MultipartError) {
      return { ok: false, error: envelopeForMultipartError(error, info), problems: [error.message] };
    }
    if (error instanceof BodyError) {
      if (error.kind === 'busy') return { ok: false, error: busy(error.message), problems: [error.message] };
      const kind = error.kind === 'too_large' ? 'content_too_large' : 'malformed_request';
      return fail(info, kind, error.message, [error.message]);
    }
    throw error;
  }
  return verdict(info, findings) ?? { ok: true, body, params: params.values };
}

const routers = new WeakMap<OperationInfo, Router>();

/**
 * Reads a fetch `Request` (e.g. one a client sent to msw) as a request of `operationId` and checks
 * it: parameters (path parameters when the URL's path matches the operation's template), then the
 * body by its media type. The contract check for requests; never throws on bad input.
 */
export async function validateRequest(
  operationId: OperationId | OperationInfo,
  request: Request,
  options: ReadMultipartOptions & ValidatePartsOptions = {},
): Promise<RequestValidation> {
  const info = operationOf(operationId, options.model);
  let router = routers.get(info);
  if (!router) {
    router = new Router([info]);
    routers.set(info, router);
  }
  const url = new URL(request.url);
  const matched = router.match(info.method, url.pathname);
  return checkRequest(
    info,
    {
      path: matched.kind === 'operation' ? matched.rawParams : undefined,
      query: url.searchParams,
      header: (name) => request.headers.get(name) ?? undefined,
      body: request.body ? Readable.fromWeb(request.body as Json) : Readable.from([]),
    },
    options,
  );
}
