// Shared by author-recordings.mjs and record.mjs: requests built from the operations model
// (path, query and header parameters by their `style`, multipart parts by wire name, JSON bodies)
// and HAR 1.2 entries.
import { STATUS_CODES } from 'node:http';

export const REDACTED = '[REDACTED]';
export const JSON_TYPE = 'application/json; charset=utf-8';

/** The operation's first value for a schema: its example, default, first enum value, or one of its type. */
export function sampleOf(schema, examples = []) {
  if (examples.length > 0) return examples[0].value;
  if (!schema || typeof schema !== 'object') return 'example';
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [sampleOf(schema.items)];
  if (type === 'object' || schema.properties) {
    const required = schema.required ?? [];
    return Object.fromEntries(required.map((name) => [name, sampleOf(schema.properties?.[name])]));
  }
  if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
  return 'example';
}

const SEPARATORS = { form: ',', simple: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/** One query parameter's value → its `[name, text]` pairs, by the parameter's `style` and `explode`. */
export function queryPairs(param, value) {
  if (Array.isArray(value)) {
    if (param.style === 'form' && param.explode) return value.map((item) => [param.name, String(item)]);
    return [[param.name, value.map(String).join(SEPARATORS[param.style] ?? ',')]];
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (param.style === 'deepObject') return entries.map(([k, v]) => [`${param.name}[${k}]`, String(v)]);
    if (param.explode) return entries.map(([k, v]) => [k, String(v)]);
    return [[param.name, entries.flat().map(String).join(',')]];
  }
  return [[param.name, String(value)]];
}

/** A header or path parameter's value as text (`simple` style). */
export const simpleText = (value) =>
  Array.isArray(value)
    ? value.map(String).join(',')
    : value && typeof value === 'object'
      ? Object.entries(value).flat().map(String).join(',')
      : String(value);

/** `/api/v1/chats/{chat_id}` with its parameters' values, percent-encoded. */
export function fillPath(template, values) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(simpleText(values[name])));
}

/** `[name, text]` pairs → `?a=1&b=2` (empty when none). */
export const searchOf = (pairs) => (pairs.length ? `?${new URLSearchParams(pairs)}` : '');

/**
 * A multipart example's `wireValue` (values by wire name, a repeated part as an array) → its parts,
 * in order. `modelParts` say which names are files; a file is `{ fileName, contentType, bytes?, size? }`.
 */
export function partsOf(wireValue, modelParts) {
  const kinds = new Map(modelParts.map((p) => [p.name, p]));
  const parts = [];
  for (const [name, value] of Object.entries(wireValue ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (kinds.get(name)?.kind === 'file') {
        const file =
          typeof item === 'object' ? item : { fileName: String(item), contentType: 'application/octet-stream' };
        parts.push({ name, file });
      } else parts.push({ name, value: typeof item === 'object' ? JSON.stringify(item) : String(item) });
    }
  }
  return parts;
}

/** Parts → FormData (file bytes from `bytes`, or empty). */
export function toFormData(parts) {
  const form = new FormData();
  for (const part of parts) {
    if (part.file) {
      form.append(part.name, new Blob([part.file.bytes ?? ''], { type: part.file.contentType }), part.file.fileName);
    } else form.append(part.name, part.value);
  }
  return form;
}

/**
 * HAR `postData.params`: text parts with their value, file parts with name and type only (bytes
 * elided); a file given a `size` keeps it as `_size` (its bytes were that many zeros), for replays.
 */
export function toHarParams(parts) {
  return parts.map((part) =>
    part.file
      ? {
          name: part.name,
          fileName: part.file.fileName,
          contentType: part.file.contentType,
          value: '',
          ...(part.file.size === undefined ? {} : { _size: part.file.size }),
        }
      : { name: part.name, value: part.value },
  );
}

/**
 * One HAR 1.2 document holding one exchange. `request.postData`: `{ mimeType, params }` (multipart or
 * URL-encoded) or `{ mimeType, text }`, absent for a request without a body; `request.queryString`
 * the query's pairs. `response.bodyText` '' for an answer without a body (204).
 */
export function harDocument({ creator, comment, operationId, startedDateTime, time = 0, request, response }) {
  const text = response.bodyText;
  const postData = request.postData?.params
    ? { mimeType: request.postData.mimeType, params: request.postData.params, comment: 'file bytes elided' }
    : request.postData;
  return {
    log: {
      version: '1.2',
      creator,
      comment,
      entries: [
        {
          _operationId: operationId,
          comment,
          startedDateTime,
          time,
          request: {
            ...(request.comment ? { comment: request.comment } : {}),
            method: request.method,
            url: request.url,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: request.headers,
            queryString: (request.queryString ?? []).map(([name, value]) => ({ name, value })),
            ...(postData ? { postData } : {}),
            headersSize: -1,
            bodySize: -1,
          },
          response: {
            status: response.status,
            statusText: response.statusText ?? STATUS_CODES[response.status] ?? '',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: response.headers,
            content: { size: Buffer.byteLength(text), mimeType: response.mimeType, text },
            redirectURL: '',
            headersSize: -1,
            bodySize: Buffer.byteLength(text),
          },
          cache: {},
          timings: { send: 0, wait: time, receive: 0 },
        },
      ],
    },
  };
}

/** `errors/limit_exceeded` → `limit_exceeded`; `ChatStarted` → `chat-started`; `No Content` → `no-content`. */
export function fileSlug(text) {
  return text
    .replace(/^errors\//, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/\s+/g, '-')
    .toLowerCase();
}

/** The file name of a success exchange: its status and the example's `object` (or the status's name). */
export function successSlug(status, body) {
  const name = typeof body?.object === 'string' ? body.object : (STATUS_CODES[status] ?? 'success');
  return `${status}-${fileSlug(name)}`;
}
