// What the mock received, for tests to read back: the last N requests, with the API key redacted,
// file bytes counted, never kept, and every string a bounded copy (never the request's own strings).
import type { IncomingHttpHeaders } from 'node:http';
import type { MultipartPart, UploadedFile } from './multipart.js';

/** One multipart part as received: its exact wire name, and its value or file name. */
export type ReceivedPart =
  | { kind: 'field'; name: string; value: string; contentType: string; size: number; valueTruncated?: true }
  | { kind: 'file'; name: string; filename: string; contentType: string; size: number };

export interface ReceivedRequest {
  /** 1, 2, 3… in the order requests arrived at this server. */
  seq: number;
  receivedAt: string;
  method: string;
  /** The request target as sent, query included. */
  path: string;
  /** Header names lower-cased; the API key header (and `authorization`) shown as `[redacted]`. */
  headers: Record<string, string | string[]>;
  /** The parts read before the mock answered (all of them for a readable body), in order. */
  parts: ReceivedPart[];
  /** A JSON body's text as received (what fits in the record's 64 Ki characters, then `bodyTruncated`). */
  body?: string;
  bodyTruncated?: true;
  /** Parts received but not listed because this record's text budget was spent. */
  partsOmitted?: number;
  /** What the mock answered, once it has. */
  response?: { status: number; type?: string };
}

export const REDACTED = '[redacted]';
const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'proxy-authorization']);
/**
 * Each record keeps at most this many characters in all: the path and headers first (at most 16 KiB
 * under the server's header limit), then part names, values, file names and content types, or a JSON
 * body. A value that crosses it is cut (`valueTruncated` / `bodyTruncated`), later parts are only
 * counted (`partsOmitted`); `size` is always exact. So the log holds at most `capacity` × 64 Ki characters.
 */
export const RECORDED_CHARS = 64 * 1024;

/**
 * A copy of at most `max` characters of `text` that holds nothing else: V8 keeps a long `slice` as a
 * view of the string it was cut from (a 1 MiB value), so the characters are copied through UTF-8.
 */
export function copy(text: string, max = text.length): string {
  let end = Math.min(text.length, max);
  const code = text.charCodeAt(end - 1);
  if (end < text.length && code >= 0xd800 && code <= 0xdbff) end--; // never split a surrogate pair
  return Buffer.from(text.slice(0, end), 'utf8').toString('utf8');
}

/** Header names lower-cased, secrets redacted, values copied; `spend` counts the characters kept. */
function redact(
  headers: IncomingHttpHeaders,
  secret: ReadonlySet<string>,
  spend: (chars: number) => void,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const kept = SECRET_HEADERS.has(name) || secret.has(name) ? REDACTED : value;
    const values = Array.isArray(kept) ? kept.map((v) => copy(v)) : copy(kept);
    spend(name.length + (Array.isArray(values) ? values.join('').length : values.length));
    out[copy(name)] = values;
  }
  return out;
}

/** One request being recorded: parts are added as they are read. */
export interface RecordHandle {
  entry: ReceivedRequest;
  addPart(part: MultipartPart): void;
  /** Records a JSON body's text. */
  setBody(text: string): void;
  /** Records the answer; file sizes become plain numbers (the record lets go of the request's parts). */
  answered(response: { status: number; type?: string }): void;
}

interface Kept {
  entry: ReceivedRequest;
  /** Whose request it is: a digest of the API key it carried (never the key), or undefined for none. */
  owner: string | undefined;
}

/** The last `capacity` requests, oldest first (a plain ring: a few lines, no library needed). */
export class RequestLog {
  #seq = 0;
  #entries: Kept[] = [];
  readonly #secret: ReadonlySet<string>;
  /** `secretHeaders`: more header names (lower-cased) to redact: the model's API key headers. */
  constructor(
    readonly capacity: number,
    secretHeaders: Iterable<string> = [],
  ) {
    this.#secret = new Set(secretHeaders);
  }

  /** Starts a record; `owner` is who may list and clear it over HTTP (a key digest), undefined for nobody but the handle. */
  start(method: string, path: string, headers: IncomingHttpHeaders, owner?: string): RecordHandle {
    let spent = 0;
    const spend = (chars: number) => {
      spent += chars;
    };
    const entry: ReceivedRequest = {
      seq: ++this.#seq,
      receivedAt: new Date().toISOString(),
      method: copy(method),
      path: copy(path),
      headers: redact(headers, this.#secret, spend),
      parts: [],
    };
    spent += entry.method.length + entry.path.length;
    if (this.capacity > 0) {
      this.#entries.push({ entry, owner });
      if (this.#entries.length > this.capacity) this.#entries.shift();
    }
    // Files still arriving: their records read the size from the request's part until it is answered.
    const growing: { recorded: ReceivedPart; file: UploadedFile }[] = [];
    const addPart = (part: MultipartPart) => {
      const left = RECORDED_CHARS - spent;
      if ('file' in part) {
        const { file } = part;
        const fixed = part.name.length + file.filename.length + file.contentType.length;
        if (fixed > left) {
          entry.partsOmitted = (entry.partsOmitted ?? 0) + 1;
          return;
        }
        spent += fixed;
        const recorded: ReceivedPart = {
          kind: 'file',
          name: copy(part.name),
          filename: copy(file.filename),
          contentType: copy(file.contentType),
          get size() {
            return file.size;
          },
        };
        growing.push({ recorded, file });
        entry.parts.push(recorded);
        return;
      }
      const contentType = part.contentType ?? 'text/plain';
      const fixed = part.name.length + contentType.length;
      if (fixed > left) {
        entry.partsOmitted = (entry.partsOmitted ?? 0) + 1;
        return;
      }
      const value = copy(part.value, left - fixed);
      spent += fixed + value.length;
      entry.parts.push({
        kind: 'field',
        name: copy(part.name),
        value,
        contentType: copy(contentType),
        size: Buffer.byteLength(part.value),
        ...(value.length < part.value.length ? { valueTruncated: true as const } : {}),
      });
    };
    const setBody = (text: string) => {
      const body = copy(text, Math.max(0, RECORDED_CHARS - spent));
      spent += body.length;
      entry.body = body;
      if (body.length < text.length) entry.bodyTruncated = true;
    };
    const answered = (response: { status: number; type?: string }) => {
      entry.response = response.type === undefined ? { status: response.status } : { ...response };
      for (const { recorded, file } of growing.splice(0)) {
        Object.defineProperty(recorded, 'size', { value: file.size, enumerable: true, writable: true });
      }
    };
    return { entry, addPart, setBody, answered };
  }

  /** A plain-data copy (JSON-safe) of what is kept, oldest first: every record, or only `owner`'s. */
  list(owner?: string): ReceivedRequest[] {
    const kept = owner === undefined ? this.#entries : this.#entries.filter((k) => k.owner === owner);
    return JSON.parse(JSON.stringify(kept.map((k) => k.entry)));
  }

  /** Forgets every record, or only `owner`'s; returns how many. */
  clear(owner?: string): number {
    const before = this.#entries.length;
    this.#entries = owner === undefined ? [] : this.#entries.filter((k) => k.owner !== owner);
    return before - this.#entries.length;
  }
}
