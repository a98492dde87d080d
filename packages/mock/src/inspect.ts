// What the mock received, for tests to read back: the last N requests, with the API key redacted
// and file bytes counted, never kept.
import type { IncomingHttpHeaders } from 'node:http';
import type { MultipartPart } from './multipart.js';

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
  /** A JSON body's text as received (at most 64 Ki characters, then `bodyTruncated`). */
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
 * Each record keeps at most this many characters of part names, values and file names (so the log
 * stays bounded at `capacity` × 64 Ki characters); a value that crosses it is cut
 * (`valueTruncated`), later parts are only counted (`partsOmitted`). `size` is always exact.
 */
export const RECORDED_CHARS = 64 * 1024;

function redact(headers: IncomingHttpHeaders, secret: ReadonlySet<string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name) || secret.has(name) ? REDACTED : value;
  }
  return out;
}

/** A live view of one part (a file's size grows as its bytes arrive), keeping at most `budget` characters of value. */
function view(part: MultipartPart, budget: number): ReceivedPart {
  if ('file' in part) {
    const { file } = part;
    return {
      kind: 'file',
      name: part.name,
      filename: file.filename,
      contentType: file.contentType,
      get size() {
        return file.size;
      },
    };
  }
  const size = Buffer.byteLength(part.value);
  const cut = part.value.length > budget;
  return {
    kind: 'field',
    name: part.name,
    value: cut ? part.value.slice(0, budget) : part.value,
    contentType: part.contentType ?? 'text/plain',
    size,
    ...(cut ? { valueTruncated: true as const } : {}),
  };
}

/** One request being recorded: parts are added as they are read. */
export interface RecordHandle {
  entry: ReceivedRequest;
  addPart(part: MultipartPart): void;
  /** Records a JSON body's text. */
  setBody(text: string): void;
}

/** The last `capacity` requests, oldest first (a plain ring: a few lines, no library needed). */
export class RequestLog {
  #seq = 0;
  #entries: ReceivedRequest[] = [];
  readonly #secret: ReadonlySet<string>;
  /** `secretHeaders`: more header names (lower-cased) to redact: the model's API key headers. */
  constructor(
    readonly capacity: number,
    secretHeaders: Iterable<string> = [],
  ) {
    this.#secret = new Set(secretHeaders);
  }

  start(method: string, path: string, headers: IncomingHttpHeaders): RecordHandle {
    const entry: ReceivedRequest = {
      seq: ++this.#seq,
      receivedAt: new Date().toISOString(),
      method,
      path,
      headers: redact(headers, this.#secret),
      parts: [],
    };
    if (this.capacity > 0) {
      this.#entries.push(entry);
      if (this.#entries.length > this.capacity) this.#entries.shift();
    }
    let spent = 0;
    const addPart = (part: MultipartPart) => {
      const fixed = part.name.length + ('file' in part ? part.file.filename.length + part.file.contentType.length : 0);
      if (spent + fixed > RECORDED_CHARS) {
        entry.partsOmitted = (entry.partsOmitted ?? 0) + 1;
        return;
      }
      const recorded = view(part, RECORDED_CHARS - spent - fixed);
      spent += fixed + (recorded.kind === 'field' ? recorded.value.length : 0);
      entry.parts.push(recorded);
    };
    const setBody = (text: string) => {
      const cut = text.length > RECORDED_CHARS;
      entry.body = cut ? text.slice(0, RECORDED_CHARS) : text;
      if (cut) entry.bodyTruncated = true;
    };
    return { entry, addPart, setBody };
  }

  /** A plain-data copy (JSON-safe) of what is kept, oldest first. */
  list(): ReceivedRequest[] {
    return JSON.parse(JSON.stringify(this.#entries));
  }

  clear(): number {
    const count = this.#entries.length;
    this.#entries = [];
    return count;
  }
}
