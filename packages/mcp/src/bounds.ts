// What may reach an agent or a log: every string cut at a documented length and scrubbed of the API
// key (in each encoding an API or a proxy could echo it), every JSON value measured without recursion
// before anything serialises it. Hand-written: the scrub needs the key's base64 at each byte alignment,
// and the walk must stop at a bound rather than overflow the stack, which no small library offers.

/** Longest error type, title or header value shown. */
export const MAX_TITLE_CHARS = 200;
/** Longest error detail, message or reason shown. */
export const MAX_DETAIL_CHARS = 2_000;
/** Longest log line (the server's and the client's). */
export const MAX_LOG_CHARS = 2_000;
/** Longest value of a part or field shown by a dry run. */
export const MAX_VALUE_CHARS = 10_000;
/** Largest API answer (its JSON) returned whole, as structured content and as JSON text; also a dry run's text. */
export const MAX_ANSWER_CHARS = 100_000;
/** Deepest API answer returned whole. */
export const MAX_ANSWER_DEPTH = 32;
/** Largest tool arguments (their JSON) a call takes; larger ones are refused before any work. */
export const MAX_ARGUMENTS_CHARS = 1_048_576;
/** Deepest tool arguments a call takes. */
export const MAX_ARGUMENTS_DEPTH = 64;
/** The most ids read from an answer that is not the documented one. */
const MAX_IDS = 20;

/** `text`, or its first `max` characters and "… (N more characters)". Never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/** The key's base64 at each of the three byte alignments it can have inside a longer encoded string. */
function base64Forms(secret: Buffer): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString('base64');
    // Only the characters made of the key's bits alone: those around it depend on its neighbours.
    forms.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + secret.length)) / 6)));
  }
  return forms;
}

/** Every spelling of the key an API could echo: plain, JSON-escaped, URL-encoded (either hex case), base64, base64url. */
export function secretForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const base64 = base64Forms(Buffer.from(secret, 'utf8'));
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    ...base64,
    ...base64.map((form) => form.replaceAll('+', '-').replaceAll('/', '_')),
  ];
  // Longest first, so that a longer spelling is replaced whole before a shorter one inside it.
  return [...new Set(forms)].filter((form) => form.length >= 8).sort((a, b) => b.length - a.length);
}

export type Scrub = (text: string) => string;

/** A function that replaces every spelling of `secret` with `[redacted]`; the identity for no key or one under 8 characters. */
export function scrubber(secret: string | undefined): Scrub {
  if (!secret || secret.length < 8) return (text) => text;
  const forms = secretForms(secret);
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.replaceAll(form, '[redacted]');
    return out;
  };
}

/** `text` scrubbed, then cut: the cut never leaves a part of the key that a whole-key scrub would have caught. */
export const clean = (scrub: Scrub, text: string, max: number) => cut(scrub(text), max);

/** `problem` completes "the answer is …": `nested deeper than 32 levels`. */
export type Measured = { ok: true; chars: number } | { ok: false; problem: string };

/**
 * The length of `value`'s JSON, measured without recursion (JSON.stringify overflows the stack on a
 * deeply nested value); stops at the first bound passed. Anything JSON cannot hold exactly (a function,
 * a cycle, a getter that throws) is not ok.
 */
export function measure(value: unknown, maxChars: number, maxDepth: number): Measured {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let chars = 0;
  try {
    while (stack.length) {
      const [node, depth] = stack.pop() as [unknown, number];
      if (node === undefined) return { ok: false, problem: 'missing' };
      if (typeof node === 'string') chars += node.length > maxChars ? node.length : JSON.stringify(node).length;
      else if (typeof node === 'number') {
        if (!Number.isFinite(node)) return { ok: false, problem: 'not plain JSON (a number JSON cannot carry)' };
        chars += String(node).length;
      } else if (typeof node === 'boolean' || node === null) chars += String(node).length;
      else if (typeof node === 'object') {
        if (depth >= maxDepth) return { ok: false, problem: `nested deeper than ${maxDepth} levels` };
        const proto = Object.getPrototypeOf(node);
        if (Array.isArray(node)) {
          chars += 2 + Math.max(0, node.length - 1);
          for (const item of node) stack.push([item, depth + 1]);
        } else if (proto === Object.prototype || proto === null) {
          const keys = Object.keys(node);
          chars += 2 + Math.max(0, keys.length - 1);
          for (const key of keys) {
            chars += JSON.stringify(key).length + 1;
            stack.push([(node as Record<string, unknown>)[key], depth + 1]);
          }
        } else return { ok: false, problem: 'not plain JSON' };
      } else return { ok: false, problem: `not plain JSON (a ${typeof node})` };
      if (chars > maxChars) return { ok: false, problem: `over ${maxChars.toLocaleString('en')} characters of JSON` };
    }
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  return { ok: true, chars };
}

/**
 * A plain copy of a value `measure` accepted, its strings (and keys) scrubbed. Keys are set as data
 * properties (Object.fromEntries), so a `__proto__` key stays a key. Recursion is safe: depth is bounded.
 */
export function scrubValue(value: unknown, scrub: Scrub): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrub(key), scrubValue(item, scrub)]));
  return value;
}

/** A string or finite number, read without trusting the object: a getter that throws, or a hostile prototype, gives undefined. */
export function field(value: unknown, key: string): string | number | boolean | undefined {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    const read = (value as Record<string, unknown>)[key];
    if (typeof read === 'string' || typeof read === 'boolean') return read;
    if (typeof read === 'number' && Number.isFinite(read)) return read;
  } catch {}
  return undefined;
}

const ID_KEY = /^(id|[A-Za-z0-9]+_id)$/;

/** The ids (`id`, `…_id`) at the top of an answer, as text: what an agent needs to go on when the answer is off the spec. */
export function idsOf(answer: unknown, scrub: Scrub): Record<string, string> {
  const ids: Record<string, string> = {};
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) return ids;
  let keys: string[];
  try {
    keys = Object.keys(answer);
  } catch {
    return ids;
  }
  for (const key of keys) {
    if (Object.keys(ids).length >= MAX_IDS) break;
    if (!ID_KEY.test(key) || key.length > MAX_TITLE_CHARS) continue;
    const value = field(answer, key);
    if (typeof value === 'string' || typeof value === 'number') ids[key] = clean(scrub, String(value), MAX_TITLE_CHARS);
  }
  return ids;
}

/** The ids in the raw text of an answer that could not be parsed (cut, or not JSON): `"chat_id": "…"` pairs. */
export function idsInText(text: string, scrub: Scrub): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [, key, raw] of text.matchAll(
    /"(id|[A-Za-z0-9]{1,64}_id)"\s*:\s*("(?:[^"\\\n]|\\.){0,400}"|-?\d{1,30})/g,
  )) {
    if (Object.keys(ids).length >= MAX_IDS) break;
    if (key === undefined || raw === undefined || key in ids) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    ids[key] = clean(scrub, String(value), MAX_TITLE_CHARS);
  }
  return ids;
}

/** A URL fit for a log: scheme, host, port and path; never `user:password@`, a query or a fragment. */
export function safeUrl(url: string): string {
  try {
    const { protocol, host, pathname } = new URL(url);
    return `${protocol}//${host}${pathname === '/' ? '' : pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}
