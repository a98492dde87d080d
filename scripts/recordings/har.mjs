// Shared by author-recordings.mjs and record.mjs: bracket-notation parts and HAR 1.2 entries.
import { STATUS_CODES } from 'node:http';

export const REDACTED = '[REDACTED]';

/**
 * A request body object → its multipart parts in bracket notation, in order:
 * `attendees_ids[]` once per item, `linkedin[follow_up][subject]`, files under the plain name.
 * A file is `{ fileName, contentType, bytes? }`.
 */
export function toParts(body, prefix = '') {
  const parts = [];
  for (const [key, value] of Object.entries(body)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (value === undefined || value === null) continue;
    if (isFile(value)) parts.push({ name, file: value });
    else if (Array.isArray(value)) {
      for (const item of value)
        parts.push(isFile(item) ? { name, file: item } : { name: `${name}[]`, value: String(item) });
    } else if (typeof value === 'object') parts.push(...toParts(value, name));
    else parts.push({ name, value: String(value) });
  }
  return parts;
}

function isFile(value) {
  return typeof value === 'object' && value !== null && typeof value.fileName === 'string';
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

/** One HAR 1.2 document holding one exchange. */
export function harDocument({ creator, comment, operationId, startedDateTime, time = 0, request, response }) {
  const text = response.bodyText;
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
            queryString: [],
            postData: { mimeType: request.mimeType, params: request.params, comment: 'file bytes elided' },
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

/** `errors/limit_exceeded` → `limit_exceeded`; `ChatStarted` → `chat-started`. */
export function fileSlug(text) {
  return text
    .replace(/^errors\//, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
