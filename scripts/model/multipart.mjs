// A multipart/form-data body as it travels: every part with its wire name, derived once from the
// body schema and its `encoding` (read by ./build.mjs into the operations model). The model's
// `parts` drive the client's encoder, the mock's parser, the docs' tables and the MCP file fields;
// `wireSchema` is the body as generic tools see it in the wire view (openapi.wire.json).
import Ajv from 'ajv/dist/2020.js';
import { child, deref, ModelError } from './refs.mjs';

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);
export const isBinary = (s) => s?.type === 'string' && (s.format === 'binary' || 'contentMediaType' in s);
const isScalar = (s) => SCALARS.has(s.type) || (!s.type && (Array.isArray(s.enum) || 'const' in s));
const isObject = (s) => s.type === 'object' || !!s.properties || Array.isArray(s.oneOf);
const UNSUPPORTED = ['allOf', 'anyOf', 'not', 'if', 'patternProperties', 'dependentSchemas', 'dependentRequired'];

/** The keywords of a schema that describe one part's value. */
function leafKeywords(s) {
  const { title, $ref, ...rest } = s;
  return rest;
}

function describe(part, description) {
  const canonical = part.path.join('.');
  const where = part.name === canonical ? '' : ` (canonical \`${canonical}\`)`;
  const count = `one ${part.kind} part${part.repeated ? ` per ${part.kind === 'file' ? 'file' : 'item'}` : ''}`;
  const text = `Part \`${part.name}\`${where}, ${count}.`;
  return description ? `${text} ${description.trim()}` : text;
}

/**
 * The parts of one value at `name`: a scalar or a file is one part, an array one part per item
 * (files under the plain name, anything else as `name[]` unless `brackets` is false), an object one
 * part per leaf in bracket notation. Returns { parts: Map<wire name, part>, required, object? }.
 */
function partsOf(doc, node, at, name, path, { brackets, deep, contentType }) {
  const { value: s, at: where } = deref(doc, node, at);
  if (!s || typeof s !== 'object') throw new ModelError(where, 'expected a schema object');
  for (const keyword of UNSUPPORTED) {
    if (keyword in s) throw new ModelError(child(where, keyword), `\`${keyword}\` has no multipart wire form here`);
  }
  if (isBinary(s) || isScalar(s)) {
    const part = { name, path, kind: isBinary(s) ? 'file' : 'text', repeated: false, schema: leafKeywords(s) };
    if (part.kind === 'file' && contentType) part.contentType = contentType;
    return { parts: new Map([[name, part]]), required: [name] };
  }
  if (s.type === 'array') {
    const { value: items, at: itemsAt } = deref(doc, s.items ?? {}, child(where, 'items'));
    let wireName;
    if (isBinary(items)) wireName = name;
    else if (isScalar(items) && brackets) wireName = `${name}[]`;
    else if (isScalar(items)) {
      throw new ModelError(
        where,
        `array \`${path.join('.')}\` has no wire format: give its encoding \`x-array-format: brackets\``,
      );
    } else throw new ModelError(itemsAt, `array \`${path.join('.')}\` of non-scalar items has no multipart wire form`);
    const { title, ...itemKeywords } = items;
    const part = {
      name: wireName,
      path,
      kind: isBinary(items) ? 'file' : 'text',
      repeated: true,
      schema: { ...leafKeywords(s), items: itemKeywords },
    };
    if (part.kind === 'file' && contentType) part.contentType = contentType;
    return { parts: new Map([[wireName, part]]), required: [wireName] };
  }
  if (isObject(s)) {
    if (!deep) {
      throw new ModelError(
        where,
        `object \`${path.join('.')}\` has no wire format: give its encoding \`style: deepObject, explode: true\``,
      );
    }
    const flat = flattenObject(doc, s, where, name, path);
    return { parts: flat.parts, required: [], object: flat };
  }
  throw new ModelError(where, `\`${path.join('.')}\` has no type this generator knows how to send`);
}

function addParts(into, from, at) {
  for (const [name, part] of from) {
    if (into.has(name)) throw new ModelError(at, `two fields travel as the same part \`${name}\``);
    into.set(name, part);
  }
}

const anyPresent = (names) =>
  names.length === 1 ? { required: names } : { anyOf: names.map((name) => ({ required: [name] })) };

/** Same wire name in several variants: one schema that admits any of them (variants narrow it). */
function unionLeaf(a, b, name, at) {
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  const { enum: ea, default: da, description: dA, ...ra } = a;
  const { enum: eb, default: db, description: dB, ...rb } = b;
  if (!Array.isArray(ea) || !Array.isArray(eb) || JSON.stringify(ra) !== JSON.stringify(rb)) {
    throw new ModelError(at, `part \`${name}\` has different schemas in different variants`);
  }
  return { ...ra, enum: [...new Set([...ea, ...eb])], description: 'Its value picks the variant.' };
}

/**
 * An object sent in bracket notation. Returns its parts and the constraint over the flat body that
 * the nested schema implied (required leaves, mutually exclusive variants), or undefined.
 */
function flattenObject(doc, s, at, prefix, path) {
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    throw new ModelError(
      child(at, 'additionalProperties'),
      `object \`${path.join('.')}\` is open: its part names are unknown`,
    );
  }
  const parts = new Map();
  const required = [];
  const constraints = [];
  const own = new Set(s.required ?? []);
  for (const [key, node] of Object.entries(s.properties ?? {})) {
    const sub = partsOf(doc, node, child(at, 'properties', key), `${prefix}[${key}]`, [...path, key], {
      brackets: true,
      deep: true,
    });
    addParts(parts, sub.parts, child(at, 'properties', key));
    if (!sub.object) {
      if (own.has(key)) required.push(...sub.required);
      continue;
    }
    const inner = objectConstraint(sub, own.has(key));
    if (inner) constraints.push(inner);
  }
  if (Array.isArray(s.oneOf)) {
    const variants = s.oneOf.map((v, i) => {
      const { value: schema, at: vAt } = deref(doc, v, child(at, 'oneOf', i));
      if (!isObject(schema))
        throw new ModelError(vAt, 'a variant of an object sent in bracket notation must be an object');
      return { title: schema.title, ...flattenObject(doc, schema, vAt, prefix, path) };
    });
    const all = new Map();
    for (const v of variants) {
      for (const [name, part] of v.parts) {
        const seen = all.get(name);
        all.set(name, seen ? { ...part, schema: unionLeaf(seen.schema, part.schema, name, at) } : part);
      }
    }
    for (const [name, part] of all) {
      if (parts.has(name)) throw new ModelError(at, `two fields travel as the same part \`${name}\``);
      parts.set(name, part);
    }
    constraints.push({
      oneOf: variants.map((v) => {
        const foreign = [...all.keys()].filter((name) => !v.parts.has(name));
        return mergeAll([
          {
            ...(v.title ? { title: `${v.title} (as parts)` } : {}),
            properties: Object.fromEntries([...v.parts].map(([name, part]) => [name, wireLeaf(part)])),
          },
          ...(v.constraint ? [v.constraint] : []),
          // A variant is closed (additionalProperties: false): parts only other variants have are not allowed.
          ...(foreign.length > 0 ? [{ not: anyPresent(foreign) }] : []),
        ]);
      }),
    });
  }
  const all = [...(required.length > 0 ? [{ required }] : []), ...constraints];
  return { parts, constraint: all.length === 0 ? undefined : mergeAll(all) };
}

/** Folds constraints into one schema, keeping disjoint keywords side by side. */
function mergeAll(schemas) {
  const out = {};
  const rest = [];
  for (const s of schemas) {
    if (Object.keys(s).some((k) => k in out)) rest.push(s);
    else Object.assign(out, s);
  }
  return rest.length === 0 ? out : { ...out, allOf: [...(out.allOf ?? []), ...rest] };
}

/**
 * What a nested object's schema requires of the flat body. An optional object whose constraint an
 * empty body fails (follow_up needs subject, text and a schedule) applies only when one of its parts
 * is sent.
 */
function objectConstraint(sub, required) {
  const inner = sub.object.constraint;
  if (!inner || required || acceptsNothing(inner)) return inner;
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword here.
  return { if: anyPresent([...sub.parts.keys()]), then: inner };
}

const ajv = new Ajv({ strict: false, validateFormats: false, logger: false });
/** Whether sending none of the parts satisfies `constraint` (then "optional" needs no guard). */
const acceptsNothing = (constraint) => ajv.validate(constraint, {});

/** A part's schema as the wire view states it: its wire name and count first, then its own words. */
function wireLeaf(part) {
  const { description, ...rest } = part.schema;
  const schema = { ...rest, description: describe(part, description) };
  if (part.kind === 'file' && part.contentType) {
    schema.description += ` Accepted media type: \`${part.contentType}\` (the part's own Content-Type).`;
  }
  return schema;
}

/** The wire form of a canonical body value: bracket names, one array per repeated part. */
export function wireValue(value, fields) {
  const out = {};
  const put = (name, v, deep) => {
    if (v == null) return;
    if (Array.isArray(v)) out[`${name}[]`] = v;
    else if (typeof v === 'object' && deep) {
      for (const [k, x] of Object.entries(v)) put(`${name}[${k}]`, x, true);
    } else out[name] = v;
  };
  for (const [name, v] of Object.entries(value ?? {})) {
    const format = fields[name] ?? 'plain';
    if (Array.isArray(v) && format !== 'brackets') out[name] = v;
    else put(name, v, format === 'deepObject');
  }
  return out;
}

/**
 * One multipart media type → { fields, parts, wireSchema }. `fields` gives each top-level field's
 * wire format (`plain`, `brackets` for `name[]`, `deepObject` for `name[key]`), as the encoder needs it.
 */
export function multipartOf(doc, media, at) {
  const { value: body, at: bodyAt } = deref(doc, media.schema ?? {}, child(at, 'schema'));
  if (!isObject(body) || body.oneOf) throw new ModelError(bodyAt, 'a multipart body must be an object with properties');
  for (const keyword of UNSUPPORTED) {
    if (keyword in body) throw new ModelError(child(bodyAt, keyword), `\`${keyword}\` has no multipart wire form here`);
  }
  if (body.additionalProperties !== undefined && body.additionalProperties !== false) {
    throw new ModelError(child(bodyAt, 'additionalProperties'), 'the body is open: its part names are unknown');
  }
  const encoding = media.encoding ?? {};
  const fields = {};
  const parts = new Map();
  const required = [];
  const constraints = [];
  const own = new Set(body.required ?? []);
  for (const [name, node] of Object.entries(body.properties ?? {})) {
    const enc = encoding[name] ?? {};
    const brackets = enc['x-array-format'] === 'brackets';
    const deep = enc.style === 'deepObject' && enc.explode !== false;
    if (!brackets && !deep && (enc.style || enc['x-array-format'])) {
      throw new ModelError(
        child(at, 'encoding', name),
        `encoding ${JSON.stringify(enc)} is not a wire format this API uses`,
      );
    }
    fields[name] = brackets ? 'brackets' : deep ? 'deepObject' : 'plain';
    const sub = partsOf(doc, node, child(bodyAt, 'properties', name), name, [name], {
      brackets,
      deep,
      contentType: enc.contentType,
    });
    addParts(parts, sub.parts, child(bodyAt, 'properties', name));
    if (!sub.object) {
      if (own.has(name)) required.push(...sub.required);
      continue;
    }
    const inner = objectConstraint(sub, own.has(name));
    if (inner) constraints.push(inner);
  }
  const wireSchema = {
    ...(body.title ? { title: body.title } : {}),
    description:
      `${(body.description ?? '').trim()}\n\nWire view: each property is one multipart part named as it travels; an array is one part per item under that same name.`.trim(),
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    properties: Object.fromEntries([...parts].map(([name, part]) => [name, wireLeaf(part)])),
    // Every part stays in `properties`, where generic tools look; the variants' rules go in `allOf`
    // (Postman's converter reads only the first branch of a `oneOf` beside `properties`).
    ...(constraints.length > 0 ? { allOf: constraints } : {}),
  };
  const requiredSet = new Set(required);
  return {
    fields,
    parts: [...parts.values()].map((part) => ({ ...part, required: requiredSet.has(part.name) })),
    wireSchema,
  };
}
