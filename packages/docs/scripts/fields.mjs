// The operations model's schemas → the field trees the pages show: one node per field with its own
// anchor id, its type and constraints in words, "required" stated within its parent, its wire name
// (multipart parts), and named variants for a oneOf/anyOf. The HTML page and the Markdown twin both
// render these trees, so the two cannot disagree. Reads only the model (schemas are already inlined).
// Hand-written: no JSON-Schema-to-docs library knows our multipart parts or the model's shapes.

/** An id or id segment safe in a URL fragment: letters, digits, `_`, `-`, kept; anything else → `-`. */
export const idPart = (text) => String(text).replace(/[^A-Za-z0-9_-]+/g, '-');

const slug = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A value as the reader would type it: strings as they are, everything else as JSON. */
export const show = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * `allOf` folded into one schema: properties merged per name, `required` joined. The first description of a
 * field is kept: a base schema names the field, a later member narrows it (`const`, `enum`) and its extra words
 * (a generated table of the enum) would repeat what the page already lists.
 */
export function mergeAllOf(schema) {
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  const out = { ...own };
  for (const member of allOf.map(mergeAllOf)) {
    if (!member || typeof member !== 'object') continue;
    for (const [key, value] of Object.entries(member)) {
      if (key === 'properties') {
        out.properties = { ...(out.properties ?? {}) };
        for (const [name, prop] of Object.entries(value)) {
          const before = out.properties[name];
          out.properties[name] =
            before && typeof before === 'object'
              ? { ...before, ...prop, ...(before.description ? { description: before.description } : {}) }
              : prop;
        }
      } else if (key === 'required') out.required = [...new Set([...(out.required ?? []), ...value])];
      else if (!(key in out)) out[key] = value;
    }
  }
  return out;
}

const isObjectSchema = (s) => s && typeof s === 'object';
const variantsOf = (s) =>
  Array.isArray(s?.oneOf) ? ['oneOf', s.oneOf] : Array.isArray(s?.anyOf) ? ['anyOf', s.anyOf] : null;
/** A file: `format: binary`, or OpenAPI 3.1's `contentMediaType` without an encoding (raw bytes). */
const isFile = (s) =>
  isObjectSchema(s) &&
  s.type === 'string' &&
  (s.format === 'binary' || (s.contentMediaType !== undefined && !s.contentEncoding));

/** `LinkedinRecruiterOptions` → `Linkedin recruiter options`: a readable name for a title written as an identifier. */
function humanTitle(title) {
  const words = String(title)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A variant's name: its title (`Recruiter options`, in words when written as an identifier), else its place. */
export function variantLabel(schema, index) {
  if (typeof schema?.title === 'string') return /\s/.test(schema.title) ? schema.title : humanTitle(schema.title);
  return `Option ${index + 1}`;
}

/** The property every variant pins to one value (`api: recruiter`), if there is one: how the API tells them apart. */
function discriminatorOf(variants) {
  const pinned = (v, name) => {
    const p = mergeAllOf(v)?.properties?.[name];
    if (!isObjectSchema(p)) return undefined;
    if ('const' in p) return [p.const];
    return Array.isArray(p.enum) && p.enum.length === 1 ? p.enum : undefined;
  };
  const first = mergeAllOf(variants[0]);
  for (const name of Object.keys(first?.properties ?? {})) {
    const values = variants.map((v) => pinned(v, name));
    if (values.every(Boolean) && new Set(values.map((v) => show(v[0]))).size === variants.length)
      return { name, values: values.map((v) => v[0]) };
  }
  return null;
}

/** The schema's type in words: `string`, `integer`, `array of string`, `file`, `array of files`, `string or null`. */
export function typeText(schema) {
  const s = mergeAllOf(schema);
  if (s === true || s === undefined) return 'any';
  if (s === false) return 'never';
  if (isFile(s)) return 'file';
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const words = types.map((t) => {
    if (t !== 'array') return t;
    const items = mergeAllOf(s.items);
    if (isFile(items)) return 'array of files';
    const inner = items === undefined ? 'any' : typeText(items);
    return `array of ${/ or /.test(inner) ? `(${inner})` : inner}`;
  });
  if (!words.length) {
    if (s.properties || variantsOf(s)?.[1].every((v) => mergeAllOf(v)?.type === 'object' || mergeAllOf(v)?.properties))
      return 'object';
    if ('const' in s) return typeof s.const === 'string' ? 'string' : typeof s.const;
    if (Array.isArray(s.enum)) return [...new Set(s.enum.map((v) => (v === null ? 'null' : typeof v)))].join(' or ');
    return variantsOf(s) ? 'one of the shapes below' : 'any';
  }
  return words.join(' or ');
}

const FORMATS = {
  'date-time': 'date-time (RFC 3339, e.g. 2026-12-01T09:00:00Z)',
  date: 'date (RFC 3339 full-date, e.g. 2026-12-01)',
  email: 'email address',
  uri: 'URI',
  uuid: 'UUID',
};

/**
 * The schema's rules in words, each `{ text, values? }` (values are shown as code): enum, const, lengths,
 * ranges, item counts, format, pattern, default. Items of an array add theirs as "each item: …".
 */
export function constraintsOf(schema, { prefix = '' } = {}) {
  const s = mergeAllOf(schema);
  if (!isObjectSchema(s)) return [];
  const out = [];
  const add = (text, values) =>
    out.push(values === undefined ? { text: prefix + text } : { text: prefix + text, values });
  if ('const' in s) add('always', [s.const]);
  if (Array.isArray(s.enum)) add(s.enum.length === 1 ? 'always' : 'one of', s.enum);
  const range = (min, max, exMin, exMax, unit) => {
    const lo = min ?? exMin;
    const hi = max ?? exMax;
    const l = exMin !== undefined ? '<' : '≤';
    const h = exMax !== undefined ? '<' : '≤';
    if (lo !== undefined && hi !== undefined) return `${lo} ${l} ${unit} ${h} ${hi}`;
    if (lo !== undefined) return `${unit} ${l === '<' ? '>' : '≥'} ${lo}`;
    if (hi !== undefined) return `${unit} ${h} ${hi}`;
    return null;
  };
  const length = range(s.minLength, s.maxLength, undefined, undefined, 'length');
  if (length) add(length);
  const value = range(
    s.minimum,
    s.maximum,
    typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : undefined,
    typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : undefined,
    'value',
  );
  if (value) add(value);
  if (s.multipleOf !== undefined) add(`a multiple of ${s.multipleOf}`);
  const items = range(s.minItems, s.maxItems, undefined, undefined, 'items');
  if (items) add(items);
  if (s.uniqueItems) add('no item twice');
  const props = range(s.minProperties, s.maxProperties, undefined, undefined, 'fields sent');
  if (props) add(props);
  if (s.format && !isFile(s)) add(`format: ${FORMATS[s.format] ?? s.format}`);
  if (s.pattern) add('matches', [s.pattern]);
  if (isFile(s) && s.contentMediaType && s.contentMediaType !== 'application/octet-stream')
    add('content type', [s.contentMediaType]);
  if (s.default !== undefined) add('default', [s.default]);
  if (s.deprecated) add('deprecated');
  if (s.readOnly) add('read-only');
  if (s.writeOnly) add('write-only');
  if (s.type === 'array' && isObjectSchema(s.items)) {
    const itemRules = constraintsOf(s.items, { prefix: 'each item: ' });
    out.push(...itemRules);
  }
  return out;
}

/** A constraint as plain text (Markdown twin, search): `one of: a, b`. */
export const constraintText = (c) => (c.values ? `${c.text}: ${c.values.map(show).join(', ')}` : c.text);

/** The example values the schema gives (`examples`, `example`), as a list. */
export const examplesOfSchema = (schema) => {
  const s = mergeAllOf(schema);
  if (!isObjectSchema(s)) return [];
  if (Array.isArray(s.examples)) return s.examples;
  return s.example === undefined ? [] : [s.example];
};

/**
 * A schema as a field tree. `idPrefix` starts every anchor id (`body`, `response-200`); `parts` (multipart only)
 * gives each field its wire name. Returns `{ root, fields }`: `fields` are the top-level nodes (a body's
 * properties; for a non-object body, one node for the whole body).
 *
 * Node: `{ key, id, pointer, path, depth, schema, type, constraints, description, examples, required, requiredIn,
 * wire, children, variants, discriminator }`; a variant: `{ id, pointer, label, description, when, children }`.
 */
export function fieldTree(schema, { idPrefix, parts = null } = {}) {
  const partsByPath = new Map();
  for (const part of parts ?? []) {
    const key = part.path.join('\u0000');
    partsByPath.set(key, [...(partsByPath.get(key) ?? []), part]);
  }
  const wireOf = (path) => {
    if (!parts) return [];
    const exact = partsByPath.get(path.join('\u0000'));
    if (exact)
      return exact.map((p) => ({ name: p.name, repeated: p.repeated, kind: p.kind, contentType: p.contentType }));
    // An object sent in bracket notation: its leaves are its parts.
    const prefix = `${path.join('\u0000')}\u0000`;
    const leaves = [...partsByPath.keys()].some((k) => k.startsWith(prefix));
    if (!leaves || !path.length) return [];
    return [
      {
        name: `${path[0]}${path
          .slice(1)
          .map((p) => `[${p}]`)
          .join('')}[…]`,
        repeated: false,
        kind: 'object',
      },
    ];
  };

  // Children of an object-like schema: its properties, and its variants when it is a oneOf/anyOf.
  const expand = (node, s, ctx) => {
    const merged = mergeAllOf(s);
    if (!isObjectSchema(merged)) return;
    const required = new Set(merged.required ?? []);
    node.children = Object.entries(merged.properties ?? {}).map(([key, child]) =>
      makeNode({
        key,
        schema: child,
        pointer: `${ctx.pointer}/properties/${key}`,
        idBase: `${ctx.id}.${idPart(key)}`,
        path: [...ctx.path, key],
        depth: ctx.depth,
        required: required.has(key),
        requiredIn: ctx.parentLabel,
      }),
    );
    const alts = variantsOf(merged);
    if (alts) {
      const [keyword, list] = alts;
      const discriminator = discriminatorOf(list);
      node.discriminator = discriminator && { name: discriminator.name };
      node.variantKeyword = keyword;
      const used = new Set();
      node.variants = list.map((variantSchema, i) => {
        const label = variantLabel(variantSchema, i);
        let part = slug(label) || `option-${i + 1}`;
        while (used.has(part)) part = `${part}-${i + 1}`;
        used.add(part);
        const variant = {
          id: `${ctx.id}.${part}`,
          pointer: `${ctx.pointer}/${keyword}/${i}`,
          label,
          description: (mergeAllOf(variantSchema)?.description ?? '').trim(),
          when: discriminator ? { name: discriminator.name, value: discriminator.values[i] } : null,
          children: [],
          variants: null,
        };
        expand(variant, variantSchema, {
          pointer: variant.pointer,
          id: variant.id,
          path: ctx.path,
          depth: ctx.depth,
          parentLabel: label,
        });
        return variant;
      });
    }
  };

  const makeNode = ({ key, schema: raw, pointer, idBase, path, depth, required, requiredIn }) => {
    const s = mergeAllOf(raw);
    const node = {
      key,
      id: idBase,
      pointer,
      path,
      depth,
      schema: s,
      type: typeText(s),
      constraints: constraintsOf(s),
      description: (isObjectSchema(s) ? (s.description ?? '') : '').trim(),
      examples: examplesOfSchema(s),
      enumMeanings: isObjectSchema(s) && s['x-enumDescriptions'] ? s['x-enumDescriptions'] : null,
      required,
      requiredIn: depth > 0 ? requiredIn : null,
      wire: wireOf(path),
      children: [],
      variants: null,
      discriminator: null,
    };
    // Objects (and arrays of objects) show their fields nested; the parent's name says where "required" holds.
    const items = isObjectSchema(s) && s.type === 'array' ? mergeAllOf(s.items) : null;
    const holder = items && (items.properties || variantsOf(items)) ? items : s;
    const holderPointer = holder === s ? pointer : `${pointer}/items`;
    if (isObjectSchema(holder) && (holder.properties || variantsOf(holder)))
      expand(node, holder, { pointer: holderPointer, id: idBase, path, depth: depth + 1, parentLabel: key });
    return node;
  };

  const root = mergeAllOf(schema);
  const isObjectRoot = isObjectSchema(root) && (root.properties || variantsOf(root)) && root.type !== 'array';
  if (isObjectRoot) {
    const holder = { children: [], variants: null, discriminator: null };
    expand(holder, root, { pointer: '', id: idPrefix, path: [], depth: 0, parentLabel: null });
    return { root: { schema: root, description: (root.description ?? '').trim(), ...holder }, fields: holder.children };
  }
  // A body that is not an object (an array, a string): one node for all of it.
  const node = makeNode({
    key: '',
    schema: root,
    pointer: '',
    idBase: idPrefix,
    path: [],
    depth: 0,
    required: true,
    requiredIn: null,
  });
  return { root: { schema: root, description: '', children: [node], variants: null }, fields: [node] };
}

/** Every node of a tree, variants' fields included, depth first (for search and tests). */
export function* walkFields(nodes, variantPath = []) {
  for (const node of nodes ?? []) {
    yield { node, variantPath };
    yield* walkFields(node.children, variantPath);
    for (const v of node.variants ?? []) yield* walkFields(v.children, [...variantPath, v.label]);
  }
}

/** Every variant of a tree (for anchors and tests). */
export function* walkVariants(nodes) {
  for (const node of nodes ?? []) {
    for (const v of node.variants ?? []) {
      yield v;
      yield* walkVariants(v.children);
    }
    yield* walkVariants(node.children);
  }
}

/** "required", "optional", or "required in `follow_up`" / "required in Days based" (required only where its parent is sent). */
export function requiredText(node) {
  if (!node.required) return 'optional';
  return node.requiredIn ? `required in ${node.requiredIn}` : 'required';
}

/** A parameter as a field node (`query.limit`), so parameters render like body fields. */
export function parameterNode(p) {
  const s = mergeAllOf(p.schema);
  const node = fieldTree(
    { type: 'object', properties: { [p.name]: s }, required: p.required ? [p.name] : [] },
    {
      idPrefix: idPart(p.in),
    },
  ).fields[0];
  node.pointer = '';
  node.description = (p.description || node.description || '').trim();
  node.examples = [...p.examples.map((e) => e.value), ...node.examples].filter(
    (v, i, all) => all.findIndex((w) => show(w) === show(v)) === i,
  );
  if (p.deprecated) node.constraints.push({ text: 'deprecated' });
  // How a list travels in a query string (the model fills in OpenAPI's defaults).
  if (s?.type === 'array') {
    const sample = ['a', 'b'];
    const serial =
      p.style === 'form' && p.explode
        ? `repeat it: ${sample.map((v) => `${p.name}=${v}`).join('&')}`
        : p.style === 'form'
          ? `comma-separated: ${p.name}=${sample.join(',')}`
          : p.style === 'spaceDelimited'
            ? `space-separated: ${p.name}=${sample.join('%20')}`
            : p.style === 'pipeDelimited'
              ? `pipe-separated: ${p.name}=${sample.join('|')}`
              : `comma-separated: ${sample.join(',')}`;
    node.serialization = serial;
  }
  if (p.style === 'deepObject') node.serialization = `bracket notation: ${p.name}[key]=value`;
  return node;
}
