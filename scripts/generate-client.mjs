#!/usr/bin/env node
// The operations model (@postpress/openapi/operations.json) → packages/client/src/generated/operations.ts:
// one descriptor const per operation, named by its operationId (what the client needs at run time:
// method, path, parameters and their serialization, body kind, success statuses, retryable statuses,
// documented (status, type) pairs as hashes, paging), the `operations` record of them all, and the
// typed method signatures (`OperationMethods`). The code only some operations need (query strings,
// JSON and multipart bodies, paging: packages/client/src/shapes.ts) is copied in when one of them needs it, and their
// descriptors point at it (`uses`), so an app bundles it only with them. The file has type-only
// imports, so a fixture's copy can be imported from anywhere. Adding an operation to the spec adds a
// method on regeneration.
// `--check` exits 1 when a committed file is stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMain, writeOrCheck } from './write-generated.mjs';

const root = resolve(import.meta.dirname, '..');
export const modelPath = resolve(root, 'packages/openapi/dist/operations.json');
export const outputPath = resolve(root, 'packages/client/src/generated/operations.ts');
export const versionPath = resolve(root, 'packages/client/src/generated/version.ts');
const indexPath = resolve(root, 'packages/client/src/index.ts');
export const shapesPath = resolve(root, 'packages/client/src/shapes.ts');

/** The client's errorKey (packages/client/src/errors.ts): FNV-1a, 32 bit, of `${status}${type}`, as 3 characters `%`…`~` (base 90). */
export function errorKey(status, type) {
  let hash = 0x811c9dc5;
  for (const char of `${status}${type}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  const h = hash >>> 0;
  return String.fromCharCode(37 + (h % 90), 37 + (((h / 90) | 0) % 90), 37 + (((h / 8100) | 0) % 90));
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined'
  )
    .split(' ')
    .filter(Boolean),
);

/** A parameter name as a JS identifier for the signature: `chat_id` → `chatId`, `Idempotency-Key` → `idempotencyKey`. */
function identifier(name) {
  const camel = name
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c = '') => c.toUpperCase())
    .replace(/^[A-Z]/, (c) => c.toLowerCase());
  return RESERVED.has(camel) || !/^[A-Za-z_$]/.test(camel) ? `_${camel}` : camel;
}

/**
 * src/shapes.ts as parts to copy: the names its `import type` takes from ../types.js, and each top-level
 * function (its doc comment and body, not exported) by name.
 */
function shapes() {
  const text = readFileSync(shapesPath, 'utf8');
  const types = /^import type \{([^}]*)\} from '\.\/types\.js';$/m
    .exec(text)?.[1]
    .split(',')
    .map((n) => n.trim());
  const functions = {};
  for (const part of text.split(/\n(?=\/\*\*)/).slice(1)) {
    const name = /^export (?:async )?function\*? (\w+)/m.exec(part)?.[1];
    if (name) functions[name] = part.trim().replace(/^export /m, '');
  }
  if (!types || ['queryString', 'toJson', 'toFormData', 'pages'].some((name) => !functions[name]))
    throw new Error(
      `${shapesPath}: expected \`import type { … } from './types.js'\` and functions queryString, toJson, toFormData, pages`,
    );
  return { types, functions };
}

/** The names @postpress/client's entry exports itself: an operation named like one would be hidden. */
function takenNames() {
  const text = readFileSync(indexPath, 'utf8');
  return new Set([
    // @postpress/types' modules, re-exported as types.
    ...['paths', 'components', 'operations', 'webhooks', '$defs'],
    ...[...text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(',').map((n) =>
        n
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .at(-1),
      ),
    ),
  ]);
}

/** Fields every valid value of `schema` has: its `required`, those of its `allOf` parts, and those all its variants share. */
export function requiredOf(schema) {
  if (!schema || typeof schema !== 'object') return [];
  const own = [...(schema.required ?? []), ...(schema.allOf ?? []).flatMap(requiredOf)];
  const variants = schema.oneOf ?? schema.anyOf;
  const shared = variants
    ? variants.map(requiredOf).reduce((common, next) => common.filter((field) => next.includes(field)))
    : [];
  return [...new Set([...own, ...shared])];
}

/** For each schema in `schema` (itself, its `allOf`/`oneOf`/`anyOf` parts) that declares `field`: its JSON types, or undefined when it gives none. */
function typesOf(schema, field) {
  if (!schema || typeof schema !== 'object') return [];
  const own = schema.properties?.[field];
  const types = own ? [own.type === undefined ? undefined : [own.type].flat()] : [];
  const parts = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [...types, ...parts.flatMap((part) => typesOf(part, field))];
}

const TYPEOF = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  object: 'object',
  array: 'object',
};

/**
 * The `typeof` every value of a required `field` has, or '' when it may have several (a nullable field,
 * a union, a schema without `type`): the client then checks only that the field is there.
 */
export function typeofField(schema, field) {
  const found = typesOf(schema, field);
  const names = new Set(found.flatMap((types) => (types ? types.map((type) => TYPEOF[type] ?? '?') : ['?'])));
  const [only] = names;
  return names.size === 1 && only !== '?' ? only : '';
}

/** Top-level fields an object schema can have (its properties, and those of its `allOf`/`oneOf`/`anyOf` parts). */
function fieldsOf(schema) {
  if (!schema || typeof schema !== 'object') return [];
  return [
    ...Object.keys(schema.properties ?? {}),
    ...[...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap(fieldsOf),
  ];
}

/** True when every value of `schema` is a JSON object. */
function isObject(schema) {
  if (!schema || typeof schema !== 'object') return false;
  if (schema.type === 'object') return true;
  if (schema.type !== undefined) return false;
  const parts = schema.oneOf ?? schema.anyOf;
  return Boolean(schema.properties) || (parts ? parts.every(isObject) : (schema.allOf ?? []).some(isObject));
}

const jsdoc = (lines, indent) =>
  [
    `${indent}/**`,
    ...lines.flatMap((l) => l.split('\n')).map((l) => `${indent} *${l ? ` ${l.replaceAll('*/', '*\\/')}` : ''}`),
    `${indent} */`,
  ].join('\n');
const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const list = (names) => names.map((n) => `\`${n}\``).join(', ');

/** The runtime descriptor of one operation, as TS source, and the facts its signature needs. */
function describe(op) {
  const id = op.operationId;
  const fail = (message) => {
    throw new Error(`${id}: ${message}`);
  };
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const query = op.parameters.filter((p) => p.in === 'query');
  const headers = op.parameters.filter((p) => p.in === 'header');
  const named = [...query, ...headers].map((p) => p.name);
  for (const [i, name] of named.entries())
    if (named.indexOf(name) !== i)
      fail(`two parameters are named \`${name}\`: the client's params could not tell them apart`);
  for (const p of query) {
    const object = p.schema?.type === 'object';
    if (p.style === 'deepObject' ? !object || !p.explode : object)
      fail(
        `query parameter \`${p.name}\`: the client sends objects as deepObject (explode: true) and only objects so (style ${p.style}, explode ${p.explode})`,
      );
  }
  const rb = op.requestBody;
  let body;
  if (rb && op.method === 'GET') fail('a GET with a request body: fetch cannot send one');
  if (rb) {
    body = rb.multipart ? 'multipart' : isObject(rb.schema) ? 'json' : 'json-value';
    if (body === 'json-value' && named.length)
      fail(
        `its JSON body is not an object, so its query/header parameters (${list(named)}) cannot share params with it`,
      );
    const clash = fieldsOf(rb.schema).find((field) => named.includes(field));
    if (clash)
      fail(`the parameter \`${clash}\` has the name of a body field: the client's params could not tell them apart`);
  }
  const wire = Object.fromEntries(
    Object.entries(rb?.multipart?.fields ?? {}).filter(([, format]) => format !== 'plain'),
  );
  const ok = {};
  for (const r of op.responses.filter((r) => r.success))
    ok[r.status] =
      r.mediaType === null
        ? null
        : isObject(r.schema)
          ? Object.fromEntries(requiredOf(r.schema).map((field) => [field, typeofField(r.schema, field)]))
          : true;
  const pairs = op.responses.flatMap((r) => (r.status >= 400 ? r.errors.map((e) => errorKey(r.status, e.type)) : []));
  const errors = [...new Set(pairs)]; // two documented pairs with one key need it once
  // The code of src/shapes.ts this operation's data needs, as `key: function` of the descriptor's `uses`.
  const uses = [
    query.length && 'query: queryString',
    body && (body === 'multipart' ? 'form: toFormData' : 'json: toJson'),
    op.pagination && 'pages',
  ].filter(Boolean);
  const fields = [
    `  method: ${JSON.stringify(op.method)},`,
    `  path: ${JSON.stringify(op.path)},`,
    `  pathParams: ${JSON.stringify(pathParams.map((p) => p.name))},`,
    query.length &&
      `  query: { ${query.map((p) => `${JSON.stringify(p.name)}: [${JSON.stringify(p.style)}, ${p.explode}]`).join(', ')} },`,
    headers.length && `  headers: ${JSON.stringify(headers.map((p) => p.name))},`,
    body && `  body: ${JSON.stringify(body)},`,
    body &&
      body !== 'multipart' &&
      rb.mediaType !== 'application/json' &&
      `  mediaType: ${JSON.stringify(rb.mediaType)},`,
    body && !rb.required && '  optionalBody: true,',
    Object.keys(wire).length && `  wire: ${JSON.stringify(wire)},`,
    `  ok: ${JSON.stringify(ok)}, // success status → each field its JSON body requires and its typeof (true: any JSON, null: no body)`,
    `  retryable: ${JSON.stringify(op.responses.filter((r) => r.retryable).map((r) => r.status))},`,
    `  // ${pairs.length} documented (status, type) pairs, as errorKey() hashes of 3 characters each (src/errors.ts)`,
    `  errors: ${JSON.stringify(errors.join(''))},`,
    op.pagination &&
      `  page: ${JSON.stringify([op.pagination.cursorParameter, op.pagination.itemsField, op.pagination.nextCursorField])},`,
    uses.length && `  uses: { ${uses.join(', ')} }, // its code in this file (src/shapes.ts)`,
  ].filter(Boolean);
  const required =
    [...query, ...headers].some((p) => p.required) ||
    (rb?.required && (body === 'json-value' || requiredOf(rb.schema).length > 0));
  return { fields, pathParams, query, headers, body, required, uses };
}

function signature(op, facts) {
  const id = op.operationId;
  const { pathParams, query, headers, body, required } = facts;
  const args = [
    ...pathParams.map((p) => `${identifier(p.name)}: string`),
    `params${required ? '' : '?'}: Params<'${id}'>`,
    'options?: CallOptions',
  ].join(', ');
  const what = [
    query.length && `query parameters ${list(query.map((p) => p.name))}`,
    headers.length && `header parameters ${list(headers.map((p) => p.name))}`,
    body === 'multipart' && "the request body's fields, sent as multipart/form-data",
    body === 'json' && `the request body's fields, sent as JSON (${op.requestBody.mediaType})`,
    body === 'json-value' && `the request body, sent as JSON (${op.requestBody.mediaType})`,
  ].filter(Boolean);
  const docs = [
    `${op.summary || id} — \`${op.method} ${op.path}\``,
    ...(op.description ? ['', ...op.description.split('\n')] : []),
    ...(op.deprecated ? ['@deprecated The spec marks this operation deprecated.'] : []),
    ...pathParams.map((p) => `@param ${identifier(p.name)} ${p.description.replace(/\n/g, ' ') || p.name}`),
    `@param params ${what.length ? `${cap(what.join('; '))}.` : 'Nothing: this operation takes no body, query or header parameter.'}`,
    '@param options Per-call `signal`, `timeoutMs`, `headers`, `maxRetries`.',
  ];
  const call = `(${args}): Promise<PostpressResult<'${id}'>>`;
  if (!op.pagination) return `${jsdoc(docs, '  ')}\n  ${id}${call};`;
  const item = `NonNullable<SuccessBody<'${id}'>>[${JSON.stringify(op.pagination.itemsField)}][number]`;
  const allDocs = [
    `Every item of every page of \`${id}\`: follows \`${op.pagination.nextCursorField}\` into the \`${op.pagination.cursorParameter}\` parameter until the last page.`,
    'A failed page is thrown as its PostpressError.',
  ];
  return [
    jsdoc(docs, '  '),
    `  ${id}: {`,
    jsdoc(docs, '    '),
    `    ${call};`,
    jsdoc(allDocs, '    '),
    `    all(${args}): AsyncIterable<${item}>;`,
    '  };',
  ].join('\n');
}

export function generateClientOperations(model = JSON.parse(readFileSync(modelPath, 'utf8'))) {
  const taken = takenNames();
  const { types, functions } = shapes();
  const consts = [];
  const methods = [];
  const used = new Set();
  for (const op of model.operations) {
    const id = op.operationId;
    if (RESERVED.has(id) || taken.has(id) || Object.hasOwn(functions, id))
      throw new Error(
        `${id}: @postpress/client exports its descriptor under this name, which is taken: rename the operation`,
      );
    const facts = describe(op);
    for (const use of facts.uses) used.add(use.replace(/^\w+: /, ''));
    consts.push(
      `/** \`${op.method} ${op.path}\`: ${op.summary || id}. Give it to createPostpressClientWith for a client with only the operations you use. */`,
      `export const ${id}: OperationDescriptor<OperationMethods[${JSON.stringify(id)}]> = {`,
      ...facts.fields,
      '};',
      '',
    );
    methods.push(signature(op, facts));
  }
  const ids = model.operations.map((op) => op.operationId);
  return [
    '// Generated by scripts/generate-client.mjs from the operations model (@postpress/openapi/operations.json).',
    '// Do not edit: change spec/ and run `pnpm generate`.',
    "import type { Params, SuccessBody } from '@postpress/types';",
    `import type { ${[...new Set(['CallOptions', 'OperationDescriptor', 'PostpressResult', ...(used.size ? types : [])])].join(', ')} } from '../types.js';`,
    '',
    ...(used.size
      ? [
          '// The code only some of the operations below need, copied from @postpress/client (src/shapes.ts):',
          '// an app that imports none of them leaves it out of its bundle.',
          ...Object.keys(functions)
            .filter((name) => used.has(name))
            .flatMap((name) => [functions[name], '']),
        ]
      : []),
    ...consts,
    '/** Every operation, by operationId: the methods of createPostpressClient. */',
    `export const operations = { ${ids.join(', ')} };`,
    '',
    '/** One method per operation, named by operationId. */',
    'export interface OperationMethods {',
    methods.join('\n'),
    '}',
    '',
  ].join('\n');
}

/** @postpress/client's version, for its User-Agent. */
export function generateVersion() {
  const { version } = JSON.parse(readFileSync(resolve(root, 'packages/client/package.json'), 'utf8'));
  return [
    '// Generated by scripts/generate-client.mjs from packages/client/package.json. Do not edit.',
    '',
    "/** @postpress/client's version, sent in the User-Agent header. */",
    `export const VERSION = ${JSON.stringify(version)};`,
    '',
  ].join('\n');
}

if (isMain(import.meta.url)) {
  writeOrCheck(outputPath, generateClientOperations());
  writeOrCheck(versionPath, generateVersion());
}
