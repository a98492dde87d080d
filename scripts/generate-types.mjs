#!/usr/bin/env node
// @postpress/openapi's bundle → packages/types/src/generated/openapi.ts, with openapi-typescript's
// Node API (its CLI cannot turn binary fields into Blob), then, from the operations model, the
// named aliases of every operation (`StartChatBody`, `ListChatsParams`…) and its date-time
// parameters. `--check` exits 1 when the committed file differs from what the spec generates now.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { buildModel } from './model/build.mjs';
import { isMain, writeOrCheck } from './write-generated.mjs';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
export const bundlePath = resolve(root, 'packages/openapi/dist/openapi.json');
export const outputPath = resolve(root, 'packages/types/src/generated/openapi.ts');
const indexPath = resolve(root, 'packages/types/src/index.ts');
const generatorVersion = require('openapi-typescript/package.json').version;

const BLOB = ts.factory.createTypeReferenceNode('Blob');

/** Binary content: 3.1's contentMediaType, or the older format: binary. A File is a Blob. */
const isBinary = (schema) =>
  schema.type === 'string' && (schema.format === 'binary' || typeof schema.contentMediaType === 'string');

/** Every `#/components/…` pointer reachable from a request body (following `$ref`s transitively). */
export function requestSchemaRefs(doc) {
  const refs = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node.$ref === 'string' && !refs.has(node.$ref)) {
      refs.add(node.$ref);
      visit(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((parent, key) => parent?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc),
      );
    }
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') visit(value);
  };
  for (const item of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(item)) if (operation?.requestBody) visit(operation.requestBody);
  return refs;
}

const UNDEFINED = ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword);

/**
 * An optional property of a request body also accepts an explicit `undefined` (`subject?: string |
 * undefined`): under `exactOptionalPropertyTypes`, `{ subject: maybeString }` compiles, as the client
 * skips undefined fields when it encodes the body. Response bodies keep the plain `?:`.
 */
function acceptUndefined(refs) {
  const inRequest = (path = '') =>
    path.includes('/requestBody') || [...refs].some((ref) => path === ref || path.startsWith(`${ref}/`));
  return (property, _schema, options) => {
    if (!property.questionToken || !property.type || !inRequest(options.path)) return undefined;
    const members = ts.isUnionTypeNode(property.type) ? property.type.types : [property.type];
    if (members.some((t) => t.kind === ts.SyntaxKind.UndefinedKeyword)) return undefined;
    return ts.factory.updatePropertySignature(
      property,
      property.modifiers,
      property.name,
      property.questionToken,
      ts.factory.createUnionTypeNode([...members, UNDEFINED]),
    );
  };
}

/** The names a module declares or re-exports at top level (`export type X`, `export interface X`, `export type { X }`). */
const exportedNames = (text) =>
  new Set([
    ...[...text.matchAll(/^export (?:type|interface|const|function|class) (\w+)/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(',').map((name) =>
        name
          .trim()
          .split(/\s+as\s+/)
          .at(-1),
      ),
    ),
  ]);

/**
 * Per operation, from the operations model: `<Op>Body` (when it has a request body), `<Op>Params`,
 * `<Op>Result` and `<Op>Error`, named from the operationId; and which query and header parameters
 * are date-times (the client takes a `Date` for them). A name the module already has is refused.
 */
export function operationAliases(model, taken) {
  if (taken.has('DateTimeParameters'))
    throw new Error('a schema named DateTimeParameters would hide the generated one');
  const lines = [];
  const dates = [];
  for (const op of model.operations) {
    const id = op.operationId;
    const name = id.charAt(0).toUpperCase() + id.slice(1);
    const aliases = [
      op.requestBody && [`${name}Body`, `RequestBody<'${id}'>`, 'The request body'],
      [`${name}Params`, `Params<'${id}'>`, 'What the client method takes as `params`'],
      [`${name}Result`, `SuccessBody<'${id}'>`, 'The success body'],
      [`${name}Error`, `OperationError<'${id}'>`, 'Every documented error'],
    ].filter(Boolean);
    for (const [alias, type, what] of aliases) {
      if (taken.has(alias)) throw new Error(`${id}: the alias ${alias} would hide a type of the same name: rename one`);
      taken.add(alias);
      lines.push(`/** ${what} of \`${id}\` (\`${op.method} ${op.path}\`). */`, `export type ${alias} = ${type};`);
    }
    const names = op.parameters
      .filter((p) => p.in !== 'path' && p.schema?.type === 'string' && p.schema.format === 'date-time')
      .map((p) => JSON.stringify(p.name));
    if (names.length) dates.push(`    ${id}: ${names.join(' | ')};`);
  }
  return [
    "import type { OperationError, Params, RequestBody, SuccessBody } from '../index.js';",
    '',
    '/** The date-time query and header parameters of each operation: the client takes a `Date` for them (sent as ISO 8601). */',
    `export interface DateTimeParameters {${dates.length ? `\n${dates.join('\n')}\n` : ''}}`,
    '',
    ...lines,
    '',
  ].join('\n');
}

export async function generateTypes(doc = JSON.parse(readFileSync(bundlePath, 'utf8'))) {
  const ast = await openapiTS(doc, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    // `api` has a default (classic) but may be absent on the wire: keep such fields optional.
    defaultNonNullable: false,
    transform: (schema) => (isBinary(schema) ? BLOB : undefined),
    transformProperty: acceptUndefined(requestSchemaRefs(doc)),
  });
  const header = [
    `// Generated by scripts/generate-types.mjs (openapi-typescript ${generatorVersion})`,
    '// from @postpress/openapi (packages/openapi/dist/openapi.json), which is bundled from spec/.',
    '// Do not edit: change spec/ and run `pnpm generate`.',
    '',
  ].join('\n');
  const types = astToString(ast);
  const taken = new Set([...exportedNames(types), ...exportedNames(readFileSync(indexPath, 'utf8'))]);
  return `${header}\n${types}\n// Named aliases of each operation, from the operations model.\n${operationAliases(buildModel(doc), taken)}`;
}

if (isMain(import.meta.url)) writeOrCheck(outputPath, await generateTypes());
