// When to send a call again, and how long to wait first. Only answers the spec marks
// `x-retryable` (429, 503: the API did not process the request) are ever retried.

/** Longest delay a timer takes: setTimeout fires at once (after 1 ms) for anything from 2^31 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 2;

/**
 * `Retry-After` as a delay in ms, read strictly: delta-seconds (`^\d+$`) or an HTTP date
 * (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`). Anything else (`-1`, `1.5`, `+5`, `2, 3`,
 * obsolete date forms, a weekday that is not the date's) is undefined, so the caller falls back to its backoff.
 */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return 1000 * Number(value);
  const date = Date.parse(value);
  // An IMF-fixdate is exactly what toUTCString writes: a round trip is the strict check, no parser of our own.
  return date >= 0 && new Date(date).toUTCString() === value ? Math.max(0, date - now) : undefined;
}

/** Full-jitter exponential backoff: random in [0, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

const watchers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `fn` when `signal` aborts; returns the function that stops watching. Each signal gets one
 * listener however many calls share it, so a hundred concurrent calls on one signal raise no
 * MaxListenersExceededWarning. (Hand-written: `events.setMaxListeners` is Node-only.)
 */
export function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  if (!signal) return () => {};
  let fns = watchers.get(signal);
  if (!fns) {
    const all = new Set<() => void>();
    signal.addEventListener('abort', () => {
      for (const f of all) f();
    });
    watchers.set(signal, all);
    fns = all;
  }
  const mine = fns;
  mine.add(fn);
  return () => mine.delete(fn);
}

/** Resolves after `ms` (clamped to what a timer can wait), or as soon as `signal` aborts (the caller then checks it). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, MAX_TIMER_MS));
    const stop = onAbort(signal, done);
    if (signal?.aborted) done();
  });
}
