#!/usr/bin/env node
// @postpress/openapi's operations model → packages/mcp/src/generated/tools.ts: one MCP tool per
// operation, read from the model only (never the bundle): its name (the operationId in snake_case),
// a short description, the input JSON Schema (path, query and header parameters, then the body's
// fields, file parts as local path strings, and `dry_run` on operations that change something), the
// output schema of its success response, annotations from its method, where its file arguments sit,
// and its documented errors with their meanings (for error results; never listed). An operation
// added to the spec becomes a tool on the next build. `--check` exits 1 when the file is stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMain, writeOrCheck } from './write-generated.mjs';

const root = resolve(import.meta.dirname, '..');
export const modelPath = resolve(root, 'packages/openapi/dist/operations.json');
export const outputPath = resolve(root, 'packages/mcp/src/generated/tools.ts');

/** The environment variable that lists the directories files may be read from (src/files.ts reads it). */
const FILE_ROOTS_ENV = 'POSTPRESS_MCP_FILE_ROOTS';
/** The argument that holds a JSON body that is not an object with properties (an array, a free-form map). */
const BODY_ARGUMENT = 'body';

/** An operation the MCP tools cannot represent faithfully; the message names it and says why. */
export class McpToolsError extends Error {
  name = 'McpToolsError';
}

/** someOperationName → some_operation_name, getURLPreview → get_url_preview */
export const toolName = (operationId) =>
  operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

// JSON Schema keywords a tool schema keeps. The rest (`examples`, which cost tokens in every listing,
// `format: binary`, `contentMediaType`, vendor `x-…` extensions) means nothing to an MCP client.
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
  'deprecated',
];

// A result's schema is for the host to check structured content against: its prose is left out of the listing.
const KEPT_IN_RESULTS = KEPT.filter((key) => !['title', 'description', 'default', 'deprecated'].includes(key));

const oneLine = (text) => text.trim().replace(/\s*\n\s*/g, ' ');

const FILE_NOTE = `A local file path (under ${FILE_ROOTS_ENV}).`;

/**
 * A model schema (already inlined) → a JSON Schema for a tool argument. `at` is the argument path;
 * `files` maps the paths of the model's file parts (`linkedin.follow_up.attachments`) to their part,
 * and each one found becomes a path string (a list of them for a repeated part), its name put in `found`.
 */
function toToolSchema(node, at, files = new Map(), found = new Set(), kept = KEPT) {
  if (typeof node === 'boolean') return node;
  const file = files.get(at.join('.'));
  if (file) {
    found.add(file.name);
    const own = node.description ? `${oneLine(node.description)} ` : '';
    const path = { type: 'string', minLength: 1 };
    if (!file.repeated) return { ...path, description: `${own}${FILE_NOTE}` };
    const out = { type: 'array', description: `${own}Local file paths (under ${FILE_ROOTS_ENV}).`, items: path };
    for (const key of ['minItems', 'maxItems']) if (node[key] !== undefined) out[key] = node[key];
    return out;
  }
  if (node.format === 'binary')
    throw new McpToolsError(`${at.join('.') || 'the body'} is binary but the model lists no file part there`);
  const out = {};
  for (const key of kept) if (node[key] !== undefined) out[key] = structuredClone(node[key]);
  if (typeof out.description === 'string') out.description = oneLine(out.description);
  if (node.properties) {
    out.properties = {};
    for (const [name, child] of Object.entries(node.properties))
      out.properties[name] = toToolSchema(child, [...at, name], files, found, kept);
  }
  if (node.additionalProperties !== undefined)
    out.additionalProperties = toToolSchema(node.additionalProperties, [...at, '*'], files, found, kept);
  if (node.items) out.items = toToolSchema(node.items, [...at, '*'], files, found, kept);
  for (const key of ['oneOf', 'anyOf', 'allOf'])
    if (node[key]) out[key] = node[key].map((variant) => toToolSchema(variant, at, files, found, kept));
  if (node.not) out.not = toToolSchema(node.not, at, files, found, kept);
  return out;
}

/** What a dry run returns (src/server.ts builds it). Kept terse: the server's instructions explain it once. */
const dryRunOutput = {
  title: 'DryRun',
  type: 'object',
  required: ['dry_run', 'method', 'url'],
  properties: {
    dry_run: { const: true },
    method: { type: 'string' },
    url: { type: 'string' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    parts: { type: 'array', items: { type: 'object', required: ['name'] } },
    body: {},
    // Set when the request is larger than a result shows (values and parts are cut to fit).
    truncated: { const: true },
  },
};

/** The result of a success without a body (204). */
const okOutput = { type: 'object', required: ['ok'], properties: { ok: { const: true } } };

/**
 * What a success whose answer is off the spec returns (src/server.ts builds it): the API accepted the
 * request, with the ids it could read and what was wrong. An agent told "failed" would send it again.
 */
const acceptedOutput = {
  title: 'AcceptedOffSpec',
  type: 'object',
  required: ['accepted'],
  properties: {
    accepted: { const: true },
    status: { type: 'integer' },
    ids: { type: 'object' },
    problem: { type: 'string' },
  },
};

/** MCP annotations from what the method does: hosts that ask before destructive tools ask before these change anything. */
function annotationsOf(method) {
  const readOnly = method === 'GET';
  return {
    readOnlyHint: readOnly,
    destructiveHint: !readOnly,
    // A second identical PUT or DELETE leaves things as the first did; a second POST sends a second message.
    idempotentHint: ['GET', 'PUT', 'DELETE'].includes(method),
    openWorldHint: true,
  };
}

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
/** The description's first sentence (or the summary): what the tool does; the rest is wire-level detail an agent never needs. */
const shortDescription = (op) => {
  const [first] = sentences.segment(oneLine(op.description));
  return first?.segment.trim() || op.summary;
};

/** The tool of one operation of the model. */
export function toolOf(op) {
  const fail = (message) => {
    throw new McpToolsError(`${op.operationId}: ${message}`);
  };
  const name = toolName(op.operationId);
  // Hosts refuse longer names (MCP's tool-name rule: 1 to 64 of A-Z a-z 0-9 _ - .).
  if (name.length > 64) fail(`the tool name ${name} is longer than 64 characters`);
  const properties = {};
  const required = [];
  const where = new Map(); // argument → where it goes, to refuse a name used twice
  const add = (arg, schema, place, isRequired) => {
    if (where.has(arg)) fail(`\`${arg}\` is both a ${where.get(arg)} and a ${place}: a tool argument needs one name`);
    where.set(arg, place);
    properties[arg] = schema;
    if (isRequired) required.push(arg);
  };
  for (const p of op.parameters) {
    const schema = toToolSchema(p.schema, [p.name]);
    if (p.description) schema.description = oneLine(p.description);
    if (p.deprecated) schema.deprecated = true;
    add(p.name, schema, `${p.in} parameter`, p.required);
  }

  const body = op.requestBody;
  let bodyArgument = null;
  let atLeastOne;
  const files = [];
  if (body) {
    const parts = (body.multipart?.parts ?? []).filter((part) => part.kind === 'file');
    const byPath = new Map(parts.map((part) => [part.path.join('.'), part]));
    const found = new Set();
    let schema;
    try {
      schema = toToolSchema(body.schema, [], byPath, found);
    } catch (error) {
      if (error instanceof McpToolsError) fail(error.message);
      throw error;
    }
    const lost = parts.filter((part) => !found.has(part.name));
    if (lost.length) fail(`file parts ${lost.map((p) => p.name).join(', ')} are not in the body schema`);
    for (const part of parts)
      files.push({ path: part.repeated ? [...part.path, '*'] : part.path, multiple: part.repeated });
    if (schema.type === 'object' && schema.properties) {
      bodyArgument = 'fields';
      // The body's own rules, restated over the top level where it has one (its fields sit beside the parameters).
      const { minProperties, maxProperties, oneOf, anyOf, allOf, not } = schema;
      if (maxProperties !== undefined || (minProperties ?? 0) > 1 || oneOf || anyOf || allOf || not)
        fail('a body whose rules span its fields (oneOf, anyOf, allOf, not, min/maxProperties) is not generated yet');
      for (const [field, fieldSchema] of Object.entries(schema.properties))
        add(field, fieldSchema, 'body field', body.required && (schema.required ?? []).includes(field));
      if (minProperties === 1) atLeastOne = Object.keys(schema.properties);
    } else {
      // The client takes a whole non-object body as its params only when nothing else goes there.
      if (op.parameters.some((p) => p.in !== 'path'))
        fail('a body that is not an object with properties, beside query or header parameters, has no call shape');
      bodyArgument = 'body';
      add(BODY_ARGUMENT, { ...schema, description: schema.description ?? 'The request body.' }, 'body', body.required);
    }
  }

  const changes = op.method !== 'GET';
  if (changes) {
    if (where.has('dry_run')) fail(`a ${where.get('dry_run')} named dry_run would hide the dry_run flag`);
    properties.dry_run = {
      type: 'boolean',
      default: false,
      description: '`true`: return the request that would be sent, without sending it.',
    };
  }

  const success = op.responses.find((r) => r.success);
  const successSchema =
    success.schema === null ? null : toToolSchema(success.schema, [], undefined, undefined, KEPT_IN_RESULTS);
  // MCP results are objects: an object body is the structured result, a body-less answer is `{ ok: true }`,
  // any other body (an array) comes back as text only. The answer is always the first of `anyOf`.
  const result = successSchema === null ? okOutput : successSchema.type === 'object' ? successSchema : null;
  const outputSchema = result && {
    type: 'object',
    anyOf: [result, acceptedOutput, ...(changes ? [dryRunOutput] : [])],
  };

  const errors = {};
  for (const r of op.responses.filter((r) => r.status >= 400))
    errors[r.status] = {
      description: r.description,
      retryable: r.retryable,
      types: Object.fromEntries(r.errors.map((e) => [e.type, e.meaning])),
    };

  return {
    name,
    title: op.summary,
    description: shortDescription(op),
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    pathParams: op.parameters.filter((p) => p.in === 'path').map((p) => p.name),
    headerParams: op.parameters.filter((p) => p.in === 'header').map((p) => p.name),
    bodyArgument,
    inputSchema: {
      type: 'object',
      properties,
      required,
      ...(atLeastOne ? { anyOf: atLeastOne.map((field) => ({ required: [field] })) } : {}),
      additionalProperties: false,
    },
    ...(outputSchema ? { outputSchema } : {}),
    annotations: annotationsOf(op.method),
    dryRun: changes,
    success: { status: success.status, description: success.description, body: success.schema !== null },
    pagination: op.pagination,
    files,
    errors,
  };
}

/** Every tool of the model, in its order. */
export function buildTools(model = JSON.parse(readFileSync(modelPath, 'utf8'))) {
  const tools = model.operations.map(toolOf);
  const names = new Map();
  for (const tool of tools) {
    if (names.has(tool.name))
      throw new McpToolsError(`${tool.operationId} and ${names.get(tool.name)} both make the tool ${tool.name}`);
    names.set(tool.name, tool.operationId);
  }
  return tools;
}

export function generateMcpTools(model = JSON.parse(readFileSync(modelPath, 'utf8'))) {
  const tools = buildTools(model);
  const api = { title: model.api.title, summary: model.api.summary };
  return [
    '// Generated by scripts/generate-mcp-tools.mjs from the operations model of @postpress/openapi',
    '// (packages/openapi/dist/operations.json). Do not edit: change spec/ and run `pnpm generate`.',
    "import type { GeneratedApi, GeneratedTool } from '../tool-data.js';",
    '',
    "/** The API the tools come from, for the server's instructions. */",
    `export const api: GeneratedApi = ${JSON.stringify(api, null, 2)};`,
    '',
    `/** One tool per operation of the spec (${tools.length}). */`,
    `export const tools: readonly GeneratedTool[] = ${JSON.stringify(tools, null, 2)};`,
    '',
  ].join('\n');
}

if (isMain(import.meta.url)) writeOrCheck(outputPath, generateMcpTools());
