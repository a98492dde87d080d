// Every bound the mock enforces, with its default, its CLI flag and what passing it gets: one table
// that startMockServer, the CLI and the README all read.

export interface MockLimits {
  /** Largest request body, in bytes; larger is refused as content too large (the operation's documented type for it). */
  maxBodyBytes: number;
  /** Most multipart parts (text fields + files) in one body. */
  maxParts: number;
  /** Most text fields in one body. */
  maxFields: number;
  /** Most file parts in one body. */
  maxFiles: number;
  /** Largest text field value, in bytes (text fields are buffered, so this bounds memory per field). */
  maxFieldBytes: number;
  /** Most bytes of text (text part values, a JSON body) one request may hold in memory. */
  maxTextBytes: number;
  /** Most bytes of request text all requests in flight may hold in memory together; past it a request is answered 503. */
  maxHeldBytes: number;
  /** Most parts one repeated part takes (`attendees_ids[]`, `attachments`). */
  maxArrayItems: number;
  /** Time allowed for the request line and headers to arrive, in ms. */
  headersTimeoutMs: number;
  /** Time allowed for a whole request (headers and body) to arrive, in ms. */
  requestTimeoutMs: number;
  /** Time a connection may stay silent in the middle of a request (a stalled body), in ms. */
  idleTimeoutMs: number;
  /** Time an idle keep-alive connection is kept between requests, in ms. */
  keepAliveTimeoutMs: number;
  /** Most open connections; past it a connection is answered 503 and closed. */
  maxConnections: number;
  /** Most fail-times scenario ids remembered; the least recently used is forgotten first. */
  maxScenarios: number;
  /** How many received requests `requests()` and `GET /__mock/requests` keep (the last N). */
  recordRequests: number;
}

export interface LimitInfo {
  flag: string;
  default: number;
  /** Smallest allowed value. */
  min: number;
  /** What passing it gets, for the README and `--help`. */
  answer: string;
}

/** Defaults and flags of every limit. */
export const LIMITS: Record<keyof MockLimits, LimitInfo> = {
  maxBodyBytes: {
    flag: '--max-body-bytes',
    default: 50 * 1024 * 1024,
    min: 0,
    answer: 'refused: content too large',
  },
  maxParts: { flag: '--max-parts', default: 1_000, min: 0, answer: 'refused: content too large' },
  maxFields: { flag: '--max-fields', default: 1_000, min: 0, answer: 'refused: content too large' },
  maxFiles: { flag: '--max-files', default: 100, min: 0, answer: 'refused: content too large' },
  maxFieldBytes: { flag: '--max-field-bytes', default: 1024 * 1024, min: 0, answer: 'refused: content too large' },
  maxTextBytes: { flag: '--max-text-bytes', default: 4 * 1024 * 1024, min: 0, answer: 'refused: content too large' },
  maxHeldBytes: { flag: '--max-held-bytes', default: 64 * 1024 * 1024, min: 0, answer: '503 `mock/busy`' },
  maxArrayItems: { flag: '--max-array-items', default: 1_000, min: 0, answer: 'refused: content too large' },
  headersTimeoutMs: { flag: '--headers-timeout-ms', default: 10_000, min: 1, answer: '408 `mock/request_timeout`' },
  requestTimeoutMs: { flag: '--request-timeout-ms', default: 60_000, min: 1, answer: '408 `mock/request_timeout`' },
  idleTimeoutMs: { flag: '--idle-timeout-ms', default: 10_000, min: 1, answer: '408 `mock/request_timeout`' },
  keepAliveTimeoutMs: { flag: '--keep-alive-timeout-ms', default: 5_000, min: 1, answer: 'connection closed' },
  maxConnections: { flag: '--max-connections', default: 1_000, min: 1, answer: '503 `mock/too_many_connections`' },
  maxScenarios: { flag: '--max-scenarios', default: 10_000, min: 1, answer: 'oldest scenario forgotten' },
  recordRequests: { flag: '--record-requests', default: 100, min: 0, answer: 'oldest record dropped' },
};

/** Fills in defaults; throws a `RangeError` naming the option on a value that is not a whole number in range. */
export function resolveLimits(options: Partial<Record<keyof MockLimits, unknown>>): MockLimits {
  const out = {} as MockLimits;
  for (const [name, info] of Object.entries(LIMITS) as [keyof MockLimits, LimitInfo][]) {
    const value = options[name] ?? info.default;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < info.min) {
      throw new RangeError(`${name} must be a whole number ≥ ${info.min}, got ${String(value)}.`);
    }
    out[name] = value;
  }
  if (out.headersTimeoutMs > out.requestTimeoutMs) {
    throw new RangeError('headersTimeoutMs must not be larger than requestTimeoutMs.');
  }
  return out;
}

/** A map that keeps the `max` most recently used keys (a Map iterates in insertion order: no library needed). */
export class LruMap<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly max: number) {}
  get size() {
    return this.#map.size;
  }
  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }
  set(key: K, value: V) {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value as K);
  }
}

/** One request's share of the bytes held in memory (see `HeldBytes`). */
export interface Hold {
  /** The server-wide limit (maxHeldBytes). */
  readonly max: number;
  /** Adds `bytes` (negative gives some back); false, with nothing added, when that would pass `max`. */
  charge(bytes: number): boolean;
  /** Gives back everything this request holds. */
  close(): void;
}

/** Bytes of request text (text parts, JSON bodies) held in memory by every request in flight together. */
export class HeldBytes {
  #held = 0;
  constructor(readonly max: number) {}
  open(): Hold {
    let mine = 0;
    return {
      max: this.max,
      charge: (bytes) => {
        if (bytes > 0 && this.#held + bytes > this.max) return false;
        const given = Math.max(bytes, -mine);
        mine += given;
        this.#held += given;
        return true;
      },
      close: () => {
        this.#held -= mine;
        mine = 0;
      },
    };
  }
}
