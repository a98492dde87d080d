// Path, query and header parameters, read the way the model says they travel (`style`, `explode`)
// and checked against their schemas. Values arrive as text: each is turned into the schema's type
// first (`limit=20` → 20, `unread=true` → true), and a value that is not that type is refused by
// name (`query parameter limit must be an integer (got "ten")`), never passed through as a string.
import type { Operation } from './model.js';
import { describe, type Schemas, shown } from './schemas.js';

// biome-ignore lint/suspicious/noExplicitAny: schemas and values are plain JSON-like data
type Json = any;

export interface ParameterInput {
  /** Path parameters as matched, still percent-encoded; undefined when the path was not matched. */
  path: Record<string, string> | undefined;
  query: URLSearchParams;
  /** A request header by (case-insensitive) name; several values joined with `, `. */
  header(name: string): string | undefined;
}

export interface ParameterFindings {
  values: { path: Record<string, unknown>; query: Record<string, unknown>; header: Record<string, unknown> };
  /** Bad path parameters: the resource named by the path cannot exist. */
  path: string[];
  missing: string[];
  invalid: string[];
}

const typesOf = (schema: Json): string[] => {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  const values: unknown[] = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : [];
  return [...new Set(values.map((v) => (Number.isInteger(v) ? 'integer' : typeof v)))];
};

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One text value as the schema's type: `{ value }`, or `{ expected }` in words when it is not one. */
function coerce(text: string, schema: Json): { value: unknown } | { expected: string } {
  const types = typesOf(schema);
  if (types.length === 0 || types.includes('string')) return { value: text };
  if (types.includes('integer') && /^-?\d+$/.test(text)) return { value: Number(text) };
  if (types.includes('number') && NUMBER.test(text)) return { value: Number(text) };
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return { value: text === 'true' };
  if (types.includes('null') && text === '') return { value: null };
  const words: Record<string, string> = {
    integer: 'an integer',
    number: 'a number',
    boolean: '`true` or `false`',
    object: 'an object',
    array: 'a list',
    null: 'empty',
  };
  return { expected: types.map((t) => words[t] ?? t).join(' or ') };
}

const SEPARATORS: Record<string, string> = { form: ',', simple: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/** The label a parameter goes by in a `detail`: `query parameter limit`, `header Idempotency-Key`. */
export const labelOf = (p: { in: string; name: string }) =>
  p.in === 'header' ? `header ${p.name}` : `${p.in} parameter ${shown(p.name)}`;

/** Reads and checks every parameter of `operation`; unknown query parameters are refused too. */
export function checkParameters(schemas: Schemas, operation: Operation, input: ParameterInput): ParameterFindings {
  const findings: ParameterFindings = {
    values: { path: {}, query: {}, header: {} },
    path: [],
    missing: [],
    invalid: [],
  };
  const consumed = new Set<string>();

  for (const p of operation.parameters) {
    const label = labelOf(p);
    const problems = p.in === 'path' ? findings.path : findings.invalid;
    const schema: Json = p.schema;
    const types = typesOf(schema);
    const isArray = types.includes('array');
    const isObject = types.includes('object');

    // The raw text(s) of the parameter, per location and style.
    let raw: string[] | Record<string, string> | undefined;
    if (p.in === 'path') {
      const encoded = input.path?.[p.name];
      if (encoded === undefined) continue; // the path was not matched (validateRequest on another URL)
      try {
        raw = [decodeURIComponent(encoded)];
      } catch {
        problems.push(`${label} is not valid percent-encoding (${shown(encoded)}); percent-encode the value as UTF-8`);
        continue;
      }
    } else if (p.in === 'header') {
      const value = input.header(p.name);
      raw = value === undefined ? undefined : [value];
    } else if (isObject && p.style === 'deepObject') {
      const prefix = `${p.name}[`;
      const entries = [...input.query.keys()].filter((k) => k.startsWith(prefix) && k.endsWith(']'));
      for (const key of entries) consumed.add(key);
      raw = entries.length
        ? Object.fromEntries(entries.map((k) => [k.slice(prefix.length, -1), input.query.get(k) ?? '']))
        : undefined;
    } else if (isObject && p.explode) {
      const props = Object.keys(schema.properties ?? {}).filter((k) => input.query.has(k));
      for (const key of props) consumed.add(key);
      raw = props.length ? Object.fromEntries(props.map((k) => [k, input.query.get(k) ?? ''])) : undefined;
    } else {
      consumed.add(p.name);
      const all = input.query.getAll(p.name);
      raw = all.length ? all : undefined;
    }

    if (raw === undefined) {
      if (p.required) findings[p.in === 'path' ? 'path' : 'missing'].push(label);
      continue;
    }

    // Text → typed value.
    let value: unknown;
    const wrong: string[] = [];
    if (Array.isArray(raw)) {
      if (isArray) {
        const items =
          p.in === 'query' && p.explode && p.style === 'form'
            ? raw
            : raw.flatMap((text) =>
                text === ''
                  ? []
                  : text.split(SEPARATORS[p.style] ?? ',').map((t) => (p.in === 'header' ? t.trim() : t)),
              );
        value = items.map((text) => {
          const typed = coerce(text, schema.items);
          if ('expected' in typed)
            wrong.push(`${label} items must each be ${typed.expected} (got ${JSON.stringify(text)})`);
          return 'value' in typed ? typed.value : text;
        });
      } else if (isObject) {
        // style simple / form without explode: `key,value,key,value`.
        const pieces = (raw[0] ?? '').split(',');
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < pieces.length; i += 2) pairs.push([pieces[i] as string, pieces[i + 1] as string]);
        if (pieces.length % 2 !== 0) wrong.push(`${label} must be \`key,value\` pairs separated by commas`);
        // fromEntries defines own properties: a key named `__proto__` stays a key.
        raw = Object.fromEntries(pairs);
      } else if (raw.length > 1) {
        wrong.push(`${label}: sent ${raw.length} times; send it once`);
      } else {
        const typed = coerce(raw[0] ?? '', schema);
        if ('expected' in typed) wrong.push(`${label} must be ${typed.expected} (got ${JSON.stringify(raw[0])})`);
        else value = typed.value;
      }
    }
    if (!Array.isArray(raw)) {
      const entries = Object.entries(raw).map(([key, text]) => {
        const typed = coerce(text, Object.hasOwn(schema.properties ?? {}, key) ? schema.properties[key] : undefined);
        if ('expected' in typed)
          wrong.push(`${label}[${shown(key)}] must be ${typed.expected} (got ${JSON.stringify(text)})`);
        return [key, 'value' in typed ? typed.value : text] as const;
      });
      value = Object.fromEntries(entries);
    }
    if (wrong.length) {
      problems.push(...wrong);
      continue;
    }

    const validate = schemas.compile(schema);
    if (!validate(value)) {
      const { missing, invalid } = describe(validate.errors ?? [], (keys) => {
        const [first] = keys;
        if (first === undefined) return label;
        return isArray ? `${label} (item ${Number(first) + 1})` : `${label}[${shown(keys.join(']['))}]`;
      });
      problems.push(...missing.map((m) => `${m.name} is required`), ...invalid.map((i) => i.text));
      continue;
    }
    findings.values[p.in][p.name] = value;
  }

  const unknown = [...new Set(input.query.keys())].filter((key) => !consumed.has(key));
  if (unknown.length) {
    const declared = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    const takes = declared.length ? `it takes ${declared.join(', ')}` : 'it takes no query parameters';
    for (const key of unknown) {
      findings.invalid.push(`query parameter ${shown(key)} is not one ${operation.operationId} takes (${takes})`);
    }
  }
  return findings;
}
