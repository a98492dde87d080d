// Multipart parts → the request body object, by the model's list of wire parts (`multipart.parts`:
// name, path, kind, repeated). The model already says which names exist; this only matches what
// arrived against them, and says for a part that matches nothing what to send instead.
//
// Not qs: qs accepts what the API refuses (`attendees_ids` without brackets, `attendees_ids[5]`,
// `attendees_ids[][]`), turns arrays past its arrayLimit into objects and drops `__proto__`-like keys
// in silence. Here every part either lands on a part the model names, in its shape, or is refused.
import type { Operation } from './model.js';
import type { MultipartPart, UploadedFile } from './multipart.js';
import { shown } from './schemas.js';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are plain JSON-like data
type Json = any;
export type ModelPart = NonNullable<NonNullable<Operation['requestBody']>['multipart']>['parts'][number];

/** One wire part of the model, where it sits: `at` is its path in bracket notation, `suffix` what its name adds (`[]`). */
interface Leaf {
  kind: 'leaf';
  part: ModelPart;
  at: string;
  suffix: string;
}
interface Branch {
  kind: 'object';
  children: Map<string, Leaf | Branch>;
}
export type WireTree = Branch;

/** `['linkedin', 'follow_up', 'subject']` → `linkedin[follow_up][subject]`. */
export const wire = (keys: readonly string[]) =>
  (keys[0] ?? '') +
  keys
    .slice(1)
    .map((k) => `[${k}]`)
    .join('');

/** The tree of the model's parts by path; a TypeError when two parts claim one place. */
export function wireTree(operationId: string, parts: readonly ModelPart[]): WireTree {
  const root: Branch = { kind: 'object', children: new Map() };
  for (const part of parts) {
    const at = wire(part.path);
    if (part.path.length === 0 || !part.name.startsWith(at) || !['', '[]'].includes(part.name.slice(at.length))) {
      throw new TypeError(
        `${operationId}: part ${part.name} is not its path ${JSON.stringify(part.path)} in bracket notation`,
      );
    }
    let node: Branch = root;
    for (const key of part.path.slice(0, -1)) {
      let next = node.children.get(key);
      if (!next) {
        next = { kind: 'object', children: new Map() };
        node.children.set(key, next);
      }
      if (next.kind !== 'object') throw new TypeError(`${operationId}: part ${part.name} sits under another part`);
      node = next;
    }
    const key = part.path.at(-1) as string;
    if (node.children.has(key)) throw new TypeError(`${operationId}: two parts at ${at}`);
    node.children.set(key, { kind: 'leaf', part, at, suffix: part.name.slice(at.length) });
  }
  return root;
}

/** `linkedin[follow_up][subject]` → `['linkedin', 'follow_up', 'subject']`; undefined when not bracket notation. */
function segmentsOf(name: string): string[] | undefined {
  const open = name.indexOf('[');
  const base = open === -1 ? name : name.slice(0, open);
  if (!base || base.includes(']')) return undefined;
  const segments = [base];
  for (let at = open; at !== -1 && at < name.length; ) {
    const close = name.indexOf(']', at);
    if (name[at] !== '[' || close === -1) return undefined;
    const inner = name.slice(at + 1, close);
    if (inner.includes('[')) return undefined;
    segments.push(inner);
    at = close + 1;
  }
  return segments;
}

/** `array` / `object` when a text value is a JSON array / object. */
function jsonKind(value: string): 'array' | 'object' | undefined {
  const text = value.trim();
  if (!/^[[{]/.test(text)) return undefined;
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? 'array' : parsed && typeof parsed === 'object' ? 'object' : undefined;
  } catch {
    return undefined;
  }
}

function setAt(body: Record<string, Json>, keys: readonly string[], value: Json) {
  let node = body;
  for (const key of keys.slice(0, -1)) {
    // Own properties only: a part named `__proto__[x]` never reaches here (the tree has no such key).
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key];
  }
  node[keys.at(-1) as string] = value;
}

export interface Placed {
  /** The body, nested; file values are `UploadedFile`s. */
  body: Record<string, Json>;
  /** The same body with each file replaced by a string placeholder, for schema validation (`format: binary`). */
  checked: Record<string, Json>;
  /** Puts the files back into `checked` (after Ajv coerced its text values in place): the body to return. */
  withFiles(): Record<string, Json>;
  /** Parts that do not fit the wire format (unknown, wrong shape, wrong kind), one sentence each. */
  shape: string[];
  /** Limits passed (too many parts in one repeated part). */
  limits: string[];
  /** Paths (bracket notation) of known values sent in a wrong shape: not "missing", only wrong. */
  attempted: Set<string>;
}

/** Where a part name lands in the tree, or why it lands nowhere. */
type Resolved =
  | { leaf: Leaf; keys: string[]; rest: string[] }
  | { branch: Branch; keys: string[] }
  | { unknown: string; attempted?: string };

function resolve(tree: WireTree, name: string): Resolved {
  const segments = segmentsOf(name);
  if (!segments) return { unknown: `${shown(name)} is not a known parameter` };
  let node: Leaf | Branch = tree;
  const keys: string[] = [];
  while (node.kind === 'object') {
    if (keys.length === segments.length) return { branch: node, keys };
    const key = segments[keys.length] as string;
    const child: Leaf | Branch | undefined = key === '' ? undefined : node.children.get(key);
    if (!child) {
      if (keys.length === 0) return { unknown: `${shown(name)} is not a known parameter` };
      const names = [...node.children.entries()]
        .map(([k, c]) => `\`${c.kind === 'leaf' ? c.part.name : wire([...keys, k])}\``)
        .join(', ');
      const unknown =
        key === ''
          ? `${shown(name)}: ${wire(keys)} is an object; send one part per field in bracket notation (${names})`
          : `${shown(name)} is not a known parameter (${wire(keys)} takes ${names})`;
      return { unknown, attempted: wire(keys) };
    }
    keys.push(key);
    node = child;
  }
  return { leaf: node, keys, rest: segments.slice(keys.length) };
}

/** A placeholder a file stands for while the body is checked against its schema (a `format: binary` string). */
const FILE_PLACEHOLDER = 'file';

/**
 * Places `parts` into a body by `tree`. Nothing is dropped: each part lands on a model part in its
 * shape, or becomes a sentence in `shape` naming it and what to send; more than `maxItems` parts
 * under one repeated name is a sentence in `limits`.
 */
export function place(tree: WireTree, parts: readonly MultipartPart[], maxItems: number): Placed {
  const body: Record<string, Json> = {};
  const checked: Record<string, Json> = {};
  const files: { keys: string[]; index?: number; file: UploadedFile }[] = [];
  const shape = new Set<string>();
  const attempted = new Set<string>();
  const counts = new Map<string, { leaf: Leaf; count: number }>();
  // A body repeats few names many times (`attendees_ids[]`): each is resolved once.
  const resolved = new Map<string, Resolved>();

  const add = (leaf: Leaf, keys: string[], value: Json, file?: UploadedFile) => {
    const seen = counts.get(leaf.at);
    const count = (seen?.count ?? 0) + 1;
    counts.set(leaf.at, { leaf, count });
    if (!leaf.part.repeated) {
      setAt(body, keys, value);
      setAt(checked, keys, file ? FILE_PLACEHOLDER : value);
      if (file) files.push({ keys, file });
      return;
    }
    if (count === 1) {
      setAt(body, keys, []);
      setAt(checked, keys, []);
    }
    const list = keys.reduce((n: Json, k) => n[k], body) as Json[];
    const checkedList = keys.reduce((n: Json, k) => n[k], checked) as Json[];
    list.push(value);
    checkedList.push(file ? FILE_PLACEHOLDER : value);
    if (file) files.push({ keys, index: checkedList.length - 1, file });
  };

  for (const part of parts) {
    // busboy reports an empty name (`name=""`) as undefined.
    const name = typeof part.name === 'string' ? part.name : '';
    let where = resolved.get(name);
    if (!where) {
      where = resolve(tree, name);
      resolved.set(name, where);
    }
    if ('unknown' in where) {
      shape.add(where.unknown);
      if (where.attempted) attempted.add(where.attempted);
      continue;
    }
    // A file part is one with a filename: busboy also reads a nameless `application/octet-stream` part as a file.
    const file = 'file' in part ? part.file : undefined;
    const json = file ? undefined : jsonKind((part as { value: string }).value);
    if ('branch' in where) {
      const at = wire(where.keys);
      const first = [...where.branch.children.keys()][0] ?? 'field';
      const sent = json === 'object' ? ' (a JSON object in one part is not read)' : '';
      shape.add(`${shown(name)}: send ${at} in bracket notation, one part per field (\`${at}[${first}]=…\`)${sent}`);
      attempted.add(at);
      continue;
    }
    const { leaf, keys, rest } = where;
    const { at, suffix } = leaf;
    const wireName = leaf.part.name;
    const problem = (why: string) => {
      shape.add(why);
      attempted.add(at);
    };
    const nameless = file && file.filename === '' ? file.contentType || 'unknown' : undefined;
    const restOk = suffix === '[]' ? rest.length === 1 && rest[0] === '' : rest.length === 0;

    if (leaf.part.kind === 'text') {
      const value = (part as { value: string }).value;
      if (!restOk) {
        const sent = json
          ? ` (a JSON ${json} in one part is not read)`
          : suffix === '[]' && rest.length === 0
            ? ', the name with its brackets (some SDKs, such as unipile-node-sdk, send it without them)'
            : '';
        problem(
          leaf.part.repeated
            ? `${shown(name)}: send one \`${wireName}\` part per item${sent}`
            : `${shown(name)}: send one \`${wireName}\` part (a single value, no brackets)`,
        );
      } else if (nameless) {
        problem(
          `${wireName}: a part with Content-Type ${nameless} and no filename was sent; send a plain text part (no Content-Type, no filename)`,
        );
      } else if (file) {
        problem(
          `${wireName}: a file part (filename ${JSON.stringify(file.filename)}) was sent; send ${leaf.part.repeated ? 'text parts' : 'a text part'} (no filename)`,
        );
      } else if (leaf.part.repeated && json) {
        problem(`${wireName}: a part holds a JSON ${json}; send one \`${wireName}\` part per item`);
      } else add(leaf, keys, value);
    } else {
      const what = leaf.part.repeated ? 'one file part (with a filename) per file' : 'a file part (with a filename)';
      if (!restOk) {
        const plain = suffix === '' ? ' (the plain name, no brackets)' : '';
        problem(
          leaf.part.repeated
            ? `${shown(name)}: send one \`${wireName}\` part per file${plain}`
            : `${shown(name)}: send one \`${wireName}\` file part${plain}`,
        );
      } else if (!file || nameless) {
        problem(
          nameless
            ? `${at}: a part without a filename was sent (Content-Type ${nameless}); send ${what}`
            : `${at}: a text part was sent; send ${what}`,
        );
      } else add(leaf, keys, file, file);
    }
  }

  const limits: string[] = [];
  for (const [at, { leaf, count }] of counts) {
    if (!leaf.part.repeated && count > 1) {
      shape.add(`${at}: sent ${count} times; send one \`${leaf.part.name}\` part`);
      attempted.add(at);
    }
    if (leaf.part.repeated && count > maxItems) {
      limits.push(
        `${leaf.part.name}: ${count} parts sent; at most ${maxItems} per array field (the mock's maxArrayItems limit)`,
      );
    }
  }
  return {
    body,
    checked,
    withFiles() {
      for (const { keys, index, file } of files) {
        const holder = keys.slice(0, -1).reduce((n: Json, k) => n[k], checked);
        const key = keys.at(-1) as string;
        if (index === undefined) holder[key] = file;
        else holder[key][index] = file;
      }
      return checked;
    },
    shape: [...shape],
    limits,
    attempted,
  };
}
