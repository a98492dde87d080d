#!/usr/bin/env node
// @postpress/openapi's bundle → packages/client/src/generated/operations.ts: one entry per operation
// (path, path parameters, multipart wire format from `encoding`, documented (status, type) pairs
// as hashes, retryable statuses, the success body's required fields) and the typed method signatures. Adding an operation to the spec adds a
// method to the client on regeneration. `--check` exits 1 when the committed file is stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMain, writeOrCheck } from './write-generated.mjs';

const root = resolve(import.meta.dirname, '..');
export const bundlePath = resolve(root, 'packages/openapi/dist/openapi.json');
export const outputPath = resolve(root, 'packages/client/src/generated/operations.ts');

const deref = (doc, node) =>
  node?.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n, k) => n[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc)
    : node;
/** The client's errorKey (packages/client/src/errors.ts): FNV-1a, 32 bit, base 36, of `${status}${type}`. */
export function errorKey(status, type) {
  let hash = 0x811c9dc5;
  for (const char of `${status}${type}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(36);
}
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const jsdoc = (lines, indent) =>
  [
    `${indent}/**`,
    ...lines.flatMap((l) => l.split('\n')).map((l) => `${indent} *${l ? ` ${l}` : ''}`),
    `${indent} */`,
  ].join('\n');

/** Wire format of each field that is not sent as plain parts: `brackets` (`name[]`) or `deepObject` (`name[key]`). */
function wireFormat(encoding, operationId) {
  const formats = {};
  for (const [field, enc] of Object.entries(encoding ?? {})) {
    if (enc['x-array-format'] === 'brackets') formats[field] = 'brackets';
    else if (enc.style === 'deepObject' && enc.explode === true) formats[field] = 'deepObject';
    else if (enc.style || enc['x-array-format']) {
      throw new Error(
        `${operationId}: encoding of \`${field}\` is not one the client can send (${JSON.stringify(enc)})`,
      );
    }
  }
  return formats;
}

export function generateClientOperations(doc = JSON.parse(readFileSync(bundlePath, 'utf8'))) {
  const entries = [];
  const methods = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId) continue;
      if (method !== 'post') throw new Error(`${op.operationId}: only POST operations are generated yet (${method})`);
      const pathParams = (op.parameters ?? []).map((p) => deref(doc, p)).filter((p) => p.in === 'path');
      const media = op.requestBody?.content?.['multipart/form-data'];
      if (!media) throw new Error(`${op.operationId}: only multipart/form-data bodies are generated yet`);
      const errors = [];
      const retryable = [];
      const required = [];
      for (const [code, ref] of Object.entries(op.responses)) {
        const response = deref(doc, ref);
        if (response['x-retryable'] === true) retryable.push(Number(code));
        if (Number(code) < 300) required.push(...deref(doc, response.content['application/json'].schema).required);
        if (Number(code) < 400) continue;
        const schema = deref(doc, response.content['application/json'].schema);
        const own = schema.allOf.find((p) => p.properties?.status);
        for (const type of own.properties.type.enum) errors.push(errorKey(Number(code), type));
      }
      entries.push(
        `  ${op.operationId}: {\n` +
          `    path: ${JSON.stringify(path)},\n` +
          `    pathParams: ${JSON.stringify(pathParams.map((p) => p.name))},\n` +
          `    wire: ${JSON.stringify(wireFormat(media.encoding, op.operationId))},\n` +
          `    retryable: ${JSON.stringify(retryable)},\n` +
          `    required: ${JSON.stringify([...new Set(required)])}, // of the success body\n` +
          `    // ${errors.length} documented (status, type) pairs, as errorKey() hashes (src/errors.ts)\n` +
          `    errors: ${JSON.stringify(` ${errors.join(' ')} `)},\n` +
          '  },',
      );
      const params = pathParams.map((p) => `${camel(p.name)}: string`);
      const docLines = [
        `${op.summary} — \`${method.toUpperCase()} ${path}\``,
        '',
        ...op.description.trim().split('\n'),
        ...pathParams.map((p) => `@param ${camel(p.name)} ${p.description.trim().replace(/\n/g, ' ')}`),
        `@param body ${deref(doc, media.schema).title ?? 'The request body'}, sent as multipart/form-data.`,
        '@param options Per-call `signal`, `timeoutMs`, `headers`.',
      ];
      methods.push(
        `${jsdoc(docLines, '  ')}\n  ${op.operationId}(${[...params, `body: RequestBody<'${op.operationId}'>`, 'options?: CallOptions'].join(', ')}): Promise<PostpressResult<'${op.operationId}'>>;`,
      );
    }
  }
  const { version } = JSON.parse(readFileSync(resolve(root, 'packages/client/package.json'), 'utf8'));
  return [
    '// Generated by scripts/generate-client.mjs from @postpress/openapi (packages/openapi/dist/openapi.json).',
    '// Do not edit: change spec/ and run `pnpm generate`.',
    "import type { RequestBody } from '@postpress/types';",
    "import type { CallOptions, PostpressResult } from '../types.js';",
    '',
    "/** @postpress/client's version (from its package.json), sent in the User-Agent header. */",
    `export const VERSION = ${JSON.stringify(version)};`,
    '',
    '/** What the client needs to know of each operation at run time. */',
    'export const operations = {',
    ...entries,
    '} as const;',
    '',
    '/** One method per operation, named by operationId. */',
    'export interface OperationMethods {',
    methods.join('\n'),
    '}',
    '',
  ].join('\n');
}

if (isMain(import.meta.url)) writeOrCheck(outputPath, generateClientOperations());
