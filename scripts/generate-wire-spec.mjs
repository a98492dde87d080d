#!/usr/bin/env node
// packages/openapi/dist/openapi.json (the canonical bundle) → dist/openapi.wire.{json,yaml}: the
// same API with every multipart body described part by part as it travels, for generic tools
// (generators, Prism, Postman) that read neither `x-array-format` nor deepObject in a body.
// Derived by walking each body schema with its `encoding`, so a new field shows up by itself.
// Linted (redocly.yaml, api `postpress-wire`) before both files are written atomically; on bad
// input it prints the file and JSON pointer at fault, exits 1 and leaves dist/ as it was.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblems, lintFromString, loadConfig } from '@redocly/openapi-core';
import Ajv from 'ajv/dist/2020.js';
import { stringify } from 'yaml';
import { isMain } from './write-generated.mjs';

export const WIRE_API_ALIAS = 'postpress-wire';
const MULTIPART = 'multipart/form-data';

/** A problem in the input, located by JSON pointer. */
export class WireError extends Error {
  constructor(pointer, message) {
    super(message);
    this.pointer = pointer;
  }
}

const escapeSegment = (segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
const pointer = (...segments) => `#/${segments.map(escapeSegment).join('/')}`;
const child = (at, ...segments) => `${at}/${segments.map(escapeSegment).join('/')}`;

function lookup(doc, ref, at) {
  if (!ref.startsWith('#/')) throw new WireError(at, `$ref ${ref} is not local: run this on the bundle`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    node = node?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (node === undefined) throw new WireError(at, `$ref ${ref} points nowhere`);
  return node;
}

/** Follows `$ref`s; keywords beside a `$ref` (e.g. `description`) win over the target's. */
function deref(doc, node, at) {
  let schema = node;
  let where = at;
  const seen = new Set();
  while (schema && typeof schema === 'object' && typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) throw new WireError(where, `circular $ref ${schema.$ref}`);
    seen.add(schema.$ref);
    const { $ref, ...beside } = schema;
    schema = { ...lookup(doc, $ref, where), ...beside };
    where = $ref;
  }
  if (!schema || typeof schema !== 'object') throw new WireError(where, 'expected a schema object');
  return { schema, at: where };
}

const SCALARS = new Set(['string', 'number', 'integer', 'boolean']);
const isBinary = (s) => s.type === 'string' && (s.format === 'binary' || 'contentMediaType' in s);
const isScalar = (s) => SCALARS.has(s.type) || (!s.type && (Array.isArray(s.enum) || 'const' in s));
const isObject = (s) => s.type === 'object' || !!s.properties || Array.isArray(s.oneOf);
const UNSUPPORTED = ['allOf', 'anyOf', 'not', 'if', 'patternProperties', 'dependentSchemas', 'dependentRequired'];

/** The keywords of a canonical schema that describe one part's value. */
function leafKeywords(s) {
  const { title, description, $ref, ...rest } = s;
  return rest;
}

function describe(wireName, canonicalPath, count, description) {
  const where = wireName === canonicalPath ? '' : ` (canonical \`${canonicalPath}\`)`;
  const text = `Part \`${wireName}\`${where}, ${count}.`;
  return description ? `${text} ${description.trim()}` : text;
}

/**
 * The parts of one value at `wireName`: a scalar or a file is one part, an array one part per
 * item (files under the plain name, anything else as `name[]` unless `brackets` is false), an
 * object one part per leaf in bracket notation.
 * Returns { parts: Map<wire name, {schema, array}>, required: wire names, object?: flattened object }.
 */
function partsOf(doc, node, at, wireName, canonicalPath, { brackets, deep }) {
  const { schema: s, at: where } = deref(doc, node, at);
  for (const keyword of UNSUPPORTED) {
    if (keyword in s) throw new WireError(child(where, keyword), `\`${keyword}\` has no multipart wire form here`);
  }
  if (isBinary(s) || isScalar(s)) {
    const count = isBinary(s) ? 'one file part' : 'one text part';
    const leaf = { ...leafKeywords(s), description: describe(wireName, canonicalPath, count, s.description) };
    return { parts: new Map([[wireName, { schema: leaf, array: false }]]), required: [wireName] };
  }
  if (s.type === 'array') {
    const { schema: items, at: itemsAt } = deref(doc, s.items ?? {}, child(where, 'items'));
    let name;
    if (isBinary(items)) name = wireName;
    else if (isScalar(items) && brackets) name = `${wireName}[]`;
    else if (isScalar(items)) {
      throw new WireError(
        where,
        `array \`${canonicalPath}\` has no wire format: give its encoding \`x-array-format: brackets\``,
      );
    } else throw new WireError(itemsAt, `array \`${canonicalPath}\` of non-scalar items has no multipart wire form`);
    const count = isBinary(items) ? 'one file part per file' : 'one text part per item';
    const { title, description, ...itemKeywords } = items;
    const leaf = {
      ...leafKeywords(s),
      description: describe(name, canonicalPath, count, s.description),
      items: { ...itemKeywords, ...(description ? { description } : {}) },
    };
    return { parts: new Map([[name, { schema: leaf, array: true }]]), required: [name] };
  }
  if (isObject(s)) {
    if (!deep) {
      throw new WireError(
        where,
        `object \`${canonicalPath}\` has no wire format: give its encoding \`style: deepObject, explode: true\``,
      );
    }
    const flat = flattenObject(doc, s, where, wireName, canonicalPath);
    return { parts: flat.parts, required: [], object: flat };
  }
  throw new WireError(where, `\`${canonicalPath}\` has no type this generator knows how to send`);
}

function addParts(into, from, at) {
  for (const [name, part] of from) {
    if (into.has(name)) throw new WireError(at, `two fields travel as the same part \`${name}\``);
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
    throw new WireError(at, `part \`${name}\` has different schemas in different variants`);
  }
  const base = describe(name, name, 'one text part', '').replace(/\.$/, '');
  return { ...ra, enum: [...new Set([...ea, ...eb])], description: `${base}: its value picks the variant.` };
}

/**
 * An object sent in bracket notation. Returns its parts and the constraint over the flat body
 * that the nested schema implied (required leaves, mutually exclusive variants), or undefined.
 */
function flattenObject(doc, s, at, prefix, canonicalPath) {
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    throw new WireError(
      child(at, 'additionalProperties'),
      `object \`${canonicalPath}\` is open: its part names are unknown`,
    );
  }
  const parts = new Map();
  const required = [];
  const constraints = [];
  const own = new Set(s.required ?? []);
  for (const [key, node] of Object.entries(s.properties ?? {})) {
    const sub = partsOf(doc, node, child(at, 'properties', key), `${prefix}[${key}]`, `${canonicalPath}.${key}`, {
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
      const { schema, at: vAt } = deref(doc, v, child(at, 'oneOf', i));
      if (!isObject(schema))
        throw new WireError(vAt, 'a variant of an object sent in bracket notation must be an object');
      return { title: schema.title, ...flattenObject(doc, schema, vAt, prefix, canonicalPath) };
    });
    const all = new Map();
    for (const v of variants) {
      for (const [name, part] of v.parts) {
        all.set(
          name,
          all.has(name) ? { ...part, schema: unionLeaf(all.get(name).schema, part.schema, name, at) } : part,
        );
      }
    }
    for (const [name, part] of all) {
      if (parts.has(name)) throw new WireError(at, `two fields travel as the same part \`${name}\``);
      parts.set(name, part);
    }
    constraints.push({
      oneOf: variants.map((v) => {
        const foreign = [...all.keys()].filter((name) => !v.parts.has(name));
        return mergeAll([
          {
            ...(v.title ? { title: `${v.title} (as parts)` } : {}),
            properties: Object.fromEntries([...v.parts].map(([name, part]) => [name, part.schema])),
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
 * What a nested object's schema requires of the flat body. An optional object whose constraint
 * an empty body fails (follow_up needs subject, text and a schedule) applies only when one of
 * its parts is sent.
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

/** The wire form of a canonical example: bracket names, one array per repeated part. */
function wireExample(value, encoding) {
  const out = {};
  const put = (name, v, deep) => {
    if (v == null) return;
    if (Array.isArray(v)) out[`${name}[]`] = v;
    else if (typeof v === 'object' && deep) {
      for (const [k, x] of Object.entries(v)) put(`${name}[${k}]`, x, true);
    } else out[name] = v;
  };
  for (const [name, v] of Object.entries(value)) {
    const enc = encoding?.[name] ?? {};
    if (Array.isArray(v) && enc['x-array-format'] !== 'brackets') out[name] = v;
    else put(name, v, enc.style === 'deepObject');
  }
  return out;
}

/** The wire schema, encoding and examples of one canonical multipart media type. */
function wireMedia(doc, media, at) {
  const { schema: body, at: bodyAt } = deref(doc, media.schema ?? {}, child(at, 'schema'));
  if (!isObject(body) || body.oneOf) throw new WireError(bodyAt, 'a multipart body must be an object with properties');
  for (const keyword of UNSUPPORTED) {
    if (keyword in body) throw new WireError(child(bodyAt, keyword), `\`${keyword}\` has no multipart wire form here`);
  }
  if (body.additionalProperties !== undefined && body.additionalProperties !== false) {
    throw new WireError(child(bodyAt, 'additionalProperties'), 'the body is open: its part names are unknown');
  }
  const encoding = media.encoding ?? {};
  const parts = new Map();
  const required = [];
  const constraints = [];
  const own = new Set(body.required ?? []);
  for (const [name, node] of Object.entries(body.properties ?? {})) {
    const enc = encoding[name] ?? {};
    const sub = partsOf(doc, node, child(bodyAt, 'properties', name), name, name, {
      brackets: enc['x-array-format'] === 'brackets',
      deep: enc.style === 'deepObject' && enc.explode !== false,
    });
    addParts(parts, sub.parts, child(bodyAt, 'properties', name));
    if (!sub.object) {
      if (own.has(name)) required.push(...sub.required);
      continue;
    }
    const inner = objectConstraint(sub, own.has(name));
    if (inner) constraints.push(inner);
  }
  // Only what generic tools need: repeated parts are `form`/`explode` (Prism validates them as an array).
  // No `contentType`: Postman would send `audio/*` as a file's type, and generators wrap a text
  // part that has one in a Blob. The accepted media type moves to the part's description.
  const wireEncoding = {};
  for (const [name, part] of parts) {
    const accepted = encoding[name]?.contentType;
    if (isBinary(part.array ? part.schema.items : part.schema) && accepted) {
      part.schema.description += ` Accepted media type: \`${accepted}\` (the part's own Content-Type).`;
    }
    // Prism rejects reserved characters (`/`, `[`, `+`…) in any part that has an encoding entry.
    if (part.array) wireEncoding[name] = { style: 'form', explode: true, allowReserved: true };
  }
  const schema = {
    ...(body.title ? { title: body.title } : {}),
    description:
      `${(body.description ?? '').trim()}\n\nWire view: each property is one multipart part named as it travels; an array is one part per item under that same name.`.trim(),
    type: 'object',
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
    properties: Object.fromEntries([...parts].map(([name, part]) => [name, part.schema])),
    // Every part stays in `properties` above, where generic tools look; the variants' rules go in
    // `allOf` (Postman's converter reads only the first branch of a `oneOf` beside `properties`).
    ...(constraints.length > 0 ? { allOf: constraints } : {}),
  };
  const out = { schema, ...(Object.keys(wireEncoding).length > 0 ? { encoding: wireEncoding } : {}) };
  if (media.example !== undefined) out.example = wireExample(media.example, encoding);
  if (media.examples) {
    out.examples = Object.fromEntries(
      Object.entries(media.examples).map(([key, ex]) => {
        const { schema: e } = deref(doc, ex, child(at, 'examples', key));
        return [key, 'value' in e ? { ...e, value: wireExample(e.value, encoding) } : e];
      }),
    );
  }
  return { media: out, bodyRef: media.schema?.$ref };
}

function refsIn(node, into = new Set()) {
  if (Array.isArray(node)) for (const x of node) refsIn(x, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsIn(v, into);
    }
  }
  return into;
}

/** The wire view of a canonical bundle (a new object; `doc` is not changed). */
export function toWireView(doc) {
  const wire = structuredClone(doc);
  const bodies = [];
  for (const [path, item] of Object.entries(wire.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.requestBody) continue;
      const bodyAt = pointer('paths', path, method, 'requestBody');
      const requestBody = op.requestBody.$ref ? deref(wire, op.requestBody, bodyAt).schema : op.requestBody;
      const media = requestBody.content?.[MULTIPART];
      if (!media) continue;
      const { media: converted, bodyRef } = wireMedia(doc, media, child(bodyAt, 'content', MULTIPART));
      if (bodyRef) {
        // The body's own component becomes its wire form; the media type keeps pointing at it.
        bodies.push([bodyRef, converted.schema]);
        converted.schema = { $ref: bodyRef };
      }
      requestBody.content[MULTIPART] = converted;
      op.requestBody = requestBody;
    }
  }
  for (const [ref, schema] of bodies) {
    const segments = ref.slice(2).split('/');
    const name = segments.pop().replaceAll('~1', '/').replaceAll('~0', '~');
    lookup(wire, `#/${segments.join('/')}`, ref)[name] = schema;
  }
  // Schemas only the nested bodies used (LinkedinRecruiterOptions…) are gone from the wire view.
  const schemas = wire.components?.schemas ?? {};
  for (let removed = true; removed; ) {
    removed = false;
    const used = refsIn({ ...wire, components: { ...wire.components, schemas: undefined } });
    for (const [name, schema] of Object.entries(schemas)) {
      const self = pointer('components', 'schemas', name);
      for (const ref of refsIn(schema)) if (ref !== self) used.add(ref);
    }
    for (const name of Object.keys(schemas)) {
      if (!used.has(pointer('components', 'schemas', name))) {
        delete schemas[name];
        removed = true;
      }
    }
  }
  wire.info = {
    ...wire.info,
    title: `${wire.info.title} (wire view)`,
    description: [
      'This is the **wire view** of the postpress API, generated by `scripts/generate-wire-spec.mjs` from the',
      'canonical bundle (`openapi.json`): do not edit it. Every `multipart/form-data` body is described part by',
      'part as it travels: each property is named with its wire name (`attendees_ids[]`, `linkedin[api]`,',
      '`linkedin[follow_up][scheduled_time][days]`), a repeated part is an array under that name, a file is a',
      '`format: binary` part under its plain name (`attachments`, `voice_message`). Use it with generic tools',
      '(code generators, Prism, Postman); typed SDKs and docs use the canonical `openapi.json`.',
      '',
      (doc.info?.description ?? '').trim(),
    ].join('\n'),
  };
  return wire;
}

// ---- command line ------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: resolve(import.meta.dirname, '..') },
      in: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const root = resolve(values.root);
  const input = resolve(values.in ?? join(root, 'packages/openapi/dist/openapi.json'));
  const out = resolve(values.out ?? join(root, 'packages/openapi/dist'));
  const names = ['openapi.wire.json', 'openapi.wire.yaml'];
  try {
    let doc;
    try {
      doc = JSON.parse(readFileSync(input, 'utf8'));
    } catch (error) {
      throw new WireError('#', `cannot read the canonical bundle: ${error.message}`);
    }
    const wire = toWireView(doc);
    const json = `${JSON.stringify(wire, null, 2)}\n`;
    const config = (await loadConfig({ configPath: join(root, 'redocly.yaml') })).forAlias(WIRE_API_ALIAS);
    const target = join(out, names[0]);
    const problems = (await lintFromString({ source: json, absoluteRef: target, config })).filter((p) => !p.ignored);
    if (problems.length > 0) {
      const errors = problems.filter((p) => p.severity === 'error').length;
      formatProblems(problems, {
        format: 'codeframe',
        totals: { errors, warnings: problems.length - errors, ignored: 0 },
        version: '',
      });
      throw new WireError('#', `the generated wire view has ${problems.length} lint problem(s)`);
    }
    const files = [json, stringify(wire, { lineWidth: 0, aliasDuplicateObjects: false })];
    mkdirSync(out, { recursive: true });
    // Write beside the target, then rename: a reader never sees half a file, a failure leaves the old one.
    const staged = names.map((name, i) => {
      const tmp = join(out, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, files[i]);
      return [tmp, join(out, name)];
    });
    for (const [tmp, final] of staged) renameSync(tmp, final);
    console.log(
      `wire view ${relative(process.cwd(), input)} → ${relative(process.cwd(), out)}/openapi.wire.{json,yaml}`,
    );
  } catch (error) {
    const where = error instanceof WireError ? `${relative(process.cwd(), input)}${error.pointer}: ` : '';
    console.error(
      `✖ wire view not generated: ${where}${error instanceof WireError ? error.message : (error.stack ?? error)}`,
    );
    console.error(`  ${relative(process.cwd(), out)}/ was left as it was.`);
    for (const name of names) rmSync(join(out, `.${name}.${process.pid}.tmp`), { force: true });
    process.exitCode = 1;
  }
}

if (isMain(import.meta.url)) await main();
