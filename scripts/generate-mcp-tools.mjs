#!/usr/bin/env node
// @postpress/openapi's bundle → packages/mcp/src/generated/tools.ts: one MCP tool per operation
// (start_chat, send_message), with its description, its input JSON Schema (path parameters and body
// fields, every description, constraint, enum and oneOf variant of the spec; file fields as local
// path strings; a `dry_run` flag), its output schema (the success body, or a dry run's parts), the
// file fields the server must read, and the documented errors with their meaning. A field added to
// the spec becomes a tool parameter on the next build. `--check` exits 1 when the file is stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deref, isMain, writeOrCheck } from './write-generated.mjs';

const root = resolve(import.meta.dirname, '..');
export const bundlePath = resolve(root, 'packages/openapi/dist/openapi.json');
export const outputPath = resolve(root, 'packages/mcp/src/generated/tools.ts');

/** The environment variable that lists the directories files may be read from (src/files.ts reads it). */
const FILE_ROOTS_ENV = 'POSTPRESS_MCP_FILE_ROOTS';

/** startChat → start_chat */
export const toolName = (operationId) => operationId.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// JSON Schema keywords a tool schema keeps; the rest (OpenAPI's `format: binary`, `contentMediaType`,
// vendor `x-…` extensions, `$ref`s, which are inlined) does not mean anything to an MCP client.
const KEPT = [
  'title',
  'description',
  'type',
  'enum',
  'const',
  'default',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'examples',
  'deprecated',
];

const isBinary = (schema) => schema.type === 'string' && schema.format === 'binary';

const fileNote =
  `A local file path under a directory listed in ${FILE_ROOTS_ENV} (absolute, or relative to its first ` +
  'directory); URLs are not fetched. Sent with its file name and a content type from its extension.';

/**
 * An OpenAPI schema → a self-contained JSON Schema for a tool argument. `at` is the argument path
 * (`*` for array items); every binary field found is pushed to `files` and becomes a path string.
 */
function toToolSchema(doc, node, at, files, seen = new Set()) {
  if (node.$ref) {
    if (seen.has(node.$ref)) throw new Error(`recursive schema ${node.$ref} at ${at.join('.')}: not supported`);
    const { $ref, ...siblings } = node;
    // A `$ref` with siblings (a property's own description): the siblings win.
    return toToolSchema(doc, { ...deref(doc, node), ...siblings }, at, files, new Set([...seen, $ref]));
  }
  if (isBinary(node)) {
    files.push({ path: at, multiple: at.at(-1) === '*' });
    const own = at.at(-1) === '*' ? '' : `${(node.description ?? '').trim()} `;
    return { type: 'string', minLength: 1, description: `${own}${fileNote}`.trim() };
  }
  const out = {};
  for (const key of KEPT) if (node[key] !== undefined) out[key] = structuredClone(node[key]);
  if (typeof out.description === 'string') out.description = out.description.trim();
  if (node.properties) {
    out.properties = {};
    for (const [name, child] of Object.entries(node.properties))
      out.properties[name] = toToolSchema(doc, child, [...at, name], files, seen);
  }
  if (node.additionalProperties !== undefined)
    out.additionalProperties =
      typeof node.additionalProperties === 'boolean'
        ? node.additionalProperties
        : toToolSchema(doc, node.additionalProperties, [...at, '*'], files, seen);
  if (node.items) {
    const items = deref(doc, node.items);
    out.items = toToolSchema(doc, node.items, [...at, '*'], files, seen);
    if (isBinary(items)) out.description = `${out.description ?? ''} Give a list of local file paths.`.trim();
  }
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (node[key]) out[key] = node[key].map((variant) => toToolSchema(doc, variant, at, files, seen));
  return out;
}

/** The documented errors of an operation: per status, its description, whether retrying can help, each type's meaning. */
function documentedErrors(doc, op) {
  const errors = {};
  for (const [code, ref] of Object.entries(op.responses)) {
    if (Number(code) < 400) continue;
    const response = deref(doc, ref);
    const schema = deref(doc, response.content['application/json'].schema);
    const own = (schema.allOf ?? [schema]).map((s) => deref(doc, s)).find((s) => s.properties?.type?.enum);
    if (!own) throw new Error(`${op.operationId}: the ${code} response lists no error types`);
    const { enum: types, 'x-enumDescriptions': meanings = {} } = own.properties.type;
    const missing = types.filter((t) => !meanings[t]);
    if (missing.length) throw new Error(`${op.operationId} ${code}: no x-enumDescriptions for ${missing.join(', ')}`);
    errors[code] = {
      description: response.description.trim(),
      retryable: response['x-retryable'] === true,
      types: Object.fromEntries(types.map((t) => [t, meanings[t]])),
    };
  }
  return errors;
}

/** What a dry run returns (src/server.ts builds it): the request that would be sent, part by part. */
const dryRunOutput = {
  title: 'DryRun',
  description: 'What would be sent: nothing was sent.',
  type: 'object',
  required: ['dry_run', 'method', 'url', 'parts'],
  properties: {
    dry_run: { const: true, description: 'Always `true`: nothing was sent.' },
    method: { type: 'string', description: 'HTTP method of the request.' },
    url: { type: 'string', description: 'URL the request would go to.' },
    parts: {
      type: 'array',
      description:
        'The multipart/form-data parts in order, under their wire names (`attendees_ids[]`, `linkedin[api]`).',
      items: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', description: 'Part name on the wire.' },
          value: { type: 'string', description: 'Value of a text part.' },
          filename: { type: 'string', description: 'File name of a file part.' },
          contentType: { type: 'string', description: 'Content type of a file part.' },
          size: { type: 'integer', description: 'Size of a file part, in bytes.' },
        },
      },
    },
  },
};

export function buildTools(doc = JSON.parse(readFileSync(bundlePath, 'utf8'))) {
  const tools = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId) continue;
      const name = toolName(op.operationId);
      const media = op.requestBody?.content?.['multipart/form-data'];
      if (!media) throw new Error(`${op.operationId}: only multipart/form-data bodies are generated yet`);
      const files = [];
      const body = toToolSchema(doc, media.schema, [], files);
      if (body.type !== 'object' || !body.properties) throw new Error(`${op.operationId}: the body is not an object`);
      const pathParams = (op.parameters ?? []).map((p) => deref(doc, p)).filter((p) => p.in === 'path');
      const properties = {};
      for (const p of pathParams) {
        if (body.properties[p.name])
          throw new Error(`${op.operationId}: path parameter ${p.name} is also a body field`);
        properties[p.name] = {
          ...toToolSchema(doc, p.schema, [p.name], []),
          description: p.description.trim(),
          ...(p.example === undefined ? {} : { examples: [p.example] }),
        };
      }
      Object.assign(properties, body.properties);
      if (properties.dry_run) throw new Error(`${op.operationId}: a field named dry_run would hide the dry_run flag`);
      properties.dry_run = {
        type: 'boolean',
        default: false,
        description:
          '`true`: validate the arguments and read the files, then return exactly the request that would be ' +
          'sent (URL, and each multipart part under its wire name, such as `attendees_ids[]` or ' +
          '`linkedin[api]`, with file names and sizes) without sending anything.',
      };
      const success = Object.entries(op.responses).find(([code]) => /^2\d\d$/.test(code));
      if (!success) throw new Error(`${op.operationId}: no success response`);
      const successResponse = deref(doc, success[1]);
      const successSchema = toToolSchema(doc, successResponse.content['application/json'].schema, [], []);
      const readOnly = method === 'get' || method === 'head';
      const description = [
        `${op.summary} (\`${method.toUpperCase()} ${path}\`).`,
        '',
        op.description.trim(),
        '',
        ...(readOnly
          ? []
          : [
              'This acts for the user on a real account and reaches real people; it cannot be undone. ' +
                'Confirm the recipients and the text with the user first; `dry_run: true` shows what would be sent.',
            ]),
        ...(files.length
          ? [
              `File fields (${files.map((f) => f.path.filter((s) => s !== '*').join('.')).join(', ')}) take local ` +
                `file paths under the directories in ${FILE_ROOTS_ENV}.`,
            ]
          : []),
        `On success (${successResponse.description
          .trim()
          .replace(/\.$/, '')
          .replace(/^\w/, (c) => c.toLowerCase())}), the ids come back as structured content. ` +
          'An error comes back as a tool error naming its HTTP status, its type, what it means and whether retrying later can help.',
      ].join('\n');
      tools.push({
        name,
        title: op.summary,
        description,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: pathParams.map((p) => p.name),
        inputSchema: {
          type: 'object',
          properties,
          required: [...pathParams.filter((p) => p.required).map((p) => p.name), ...(body.required ?? [])],
          additionalProperties: false,
        },
        outputSchema: {
          type: 'object',
          description:
            `${successSchema.description ?? ''} Or, with \`dry_run: true\`, the request that would be sent.`.trim(),
          oneOf: [successSchema, dryRunOutput],
        },
        success: { status: Number(success[0]), description: successResponse.description.trim() },
        files,
        errors: documentedErrors(doc, op),
      });
    }
  }
  return tools;
}

export function generateMcpTools(doc) {
  const tools = buildTools(doc);
  return [
    '// Generated by scripts/generate-mcp-tools.mjs from @postpress/openapi (packages/openapi/dist/openapi.json).',
    '// Do not edit: change spec/ and run `pnpm generate`.',
    "import type { GeneratedTool } from '../tool-data.js';",
    '',
    `/** One tool per operation of the spec (${tools.map((t) => t.name).join(', ')}). */`,
    `export const tools: readonly GeneratedTool[] = ${JSON.stringify(tools, null, 2)};`,
    '',
  ].join('\n');
}

if (isMain(import.meta.url)) writeOrCheck(outputPath, generateMcpTools());
