// The model's JSON Schemas, compiled with Ajv (JSON Schema 2020-12, formats from ajv-formats), and
// Ajv's errors turned into sentences that name the parameter, part or field at fault.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

// biome-ignore lint/suspicious/noExplicitAny: schemas and values are plain JSON-like data
type Json = any;

/** Compiles each schema once; `coerce` is for multipart text parts (`true`, `3`), never for JSON bodies. */
export class Schemas {
  // One pair of Ajv instances per model: compiled schemas go away with the model.
  readonly #strict = Schemas.#ajv(false);
  readonly #coercing = Schemas.#ajv(true);
  readonly #compiled = new WeakMap<object, ValidateFunction>();
  readonly #compiledCoercing = new WeakMap<object, ValidateFunction>();

  static #ajv(coerceTypes: boolean) {
    // strict: false, as the model's schemas carry OpenAPI's own keywords (`example`, `x-…`).
    const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, logger: false });
    // ajv-formats is CommonJS: its function is the default export's `default` under every loader.
    (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
    return ajv;
  }

  compile(schema: Json, { coerce = false } = {}): ValidateFunction {
    const cache = coerce ? this.#compiledCoercing : this.#compiled;
    const key = typeof schema === 'object' && schema !== null ? schema : { const: schema };
    let validate = cache.get(key);
    if (!validate) {
      validate = (coerce ? this.#coercing : this.#strict).compile(typeof schema === 'boolean' ? schema : key);
      cache.set(key, validate);
    }
    return validate;
  }
}

// A mismatch on a one-value enum (`api: [recruiter]`) means the caller meant another branch.
const weight = (e: ErrorObject) => (e.keyword === 'enum' && (e.params as Json).allowedValues?.length === 1 ? 100 : 1);

/** Keeps, for each `oneOf`, only the errors of the branch(es) that came closest to matching. */
export function closestBranches(errors: ErrorObject[]): ErrorObject[] {
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

/** What to send for a format, in words. */
const FORMATS: Record<string, string> = {
  'date-time': 'a date-time (RFC 3339, e.g. 2026-12-01T00:00:00Z)',
  date: 'a date (e.g. 2026-12-01)',
  time: 'a time (e.g. 09:30:00Z)',
  email: 'an email address',
  uri: 'an absolute URI',
  uuid: 'a UUID',
};

/** JSON Pointer segments of an Ajv `instancePath`, unescaped. */
export const pointerKeys = (instancePath: string) =>
  instancePath
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));

/** A name for the value at `keys` (the JSON Pointer segments of an instance path). */
export type Namer = (keys: string[]) => string;

export interface Described {
  /** Names of required values that are absent, with the key path they were found missing at. */
  missing: { name: string; keys: string[] }[];
  /** `name why` sentences, with the key path of the value at fault. */
  invalid: { text: string; keys: string[] }[];
}

/** A received value as it can be quoted in a `detail`: JSON, at most 40 characters of it. */
export const received = (value: unknown) => {
  const text = typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(text) ?? String(text);
};

/**
 * Ajv errors → what is missing and what is wrong, named by `nameOf`. With `valueAt` (the value at a
 * key path), a value that is not a boolean gets what to send instead: `true` or `false`, lowercase
 * for multipart text (`textual`), a JSON boolean otherwise.
 */
export function describe(
  errors: ErrorObject[],
  nameOf: Namer,
  valueAt?: (keys: string[]) => unknown,
  textual = false,
): Described {
  const missing = new Map<string, string[]>();
  const allowed = new Map<string, { keys: string[]; values: Set<unknown> }>();
  const invalid = new Map<string, { text: string; keys: string[] }>();
  for (const error of closestBranches(errors)) {
    const params = error.params as Json;
    const keys = pointerKeys(error.instancePath);
    if (error.keyword === 'required') {
      const at = [...keys, params.missingProperty];
      missing.set(nameOf(at), at);
    } else if (error.keyword === 'additionalProperties') {
      const at = [...keys, params.additionalProperty];
      invalid.set(nameOf(at), { text: `${nameOf(at)} is not a known parameter`, keys: at });
    } else if (error.keyword === 'enum' || error.keyword === 'const') {
      const name = nameOf(keys);
      const entry = allowed.get(name) ?? { keys, values: new Set() };
      for (const v of params.allowedValues ?? [params.allowedValue]) entry.values.add(v);
      allowed.set(name, entry);
    } else if (error.keyword === 'type' && valueAt && String(params.type).split(',').includes('boolean')) {
      const how = textual ? ' (lowercase)' : ' (a JSON boolean, without quotes)';
      const text = `${nameOf(keys)} must be \`true\` or \`false\`${how}; got ${received(valueAt(keys))}`;
      invalid.set(nameOf(keys), { text, keys });
    } else if (error.keyword === 'format' && FORMATS[params.format]) {
      invalid.set(nameOf(keys), { text: `${nameOf(keys)} must be ${FORMATS[params.format]}`, keys });
    } else {
      invalid.set(nameOf(keys), { text: `${nameOf(keys)} ${error.message ?? 'is invalid'}`, keys });
    }
  }
  for (const [name, { keys, values }] of allowed) {
    const list = [...values].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
    invalid.set(name, { text: `${name} must be one of: ${list}`, keys });
  }
  return {
    missing: [...missing].map(([name, keys]) => ({ name, keys })),
    invalid: [...invalid.values()],
  };
}

/** At most 20 sentences in a `detail`, so a body of 10,000 bad parts gets a readable answer. */
export function listed(sentences: readonly string[]): string {
  const head = sentences.slice(0, 20).join('; ');
  return sentences.length > 20 ? `${head}; and ${sentences.length - 20} more` : head;
}

/** A name as it can be quoted in a sentence. */
export const shown = (name: string) => (/^[\x21-\x7e]+$/.test(name) ? name : JSON.stringify(name));
