#!/usr/bin/env node
// `pnpm record`: captures real exchanges from a live deployment into HAR 1.2 files: for every
// operation of the operations model, one request per example of its request body (one request for
// an operation without body examples), with the API key redacted everywhere and file bytes elided.
// Path parameters take the value an earlier answer gave under the same name (the `chat_id` a chat
// start returned), else their example; DELETE operations go last, so they remove what was made.
// Usage: POSTPRESS_API_KEY=pp_… POSTPRESS_BASE_URL=https://… node scripts/record.mjs [--out dir] [--model operations.json]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  fileSlug,
  fillPath,
  harDocument,
  partsOf,
  queryPairs,
  REDACTED,
  sampleOf,
  searchOf,
  simpleText,
  toFormData,
  toHarParams,
} from './recordings/har.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'spec/recordings/captured') },
    model: { type: 'string', default: join(root, 'packages/openapi/dist/operations.json') },
  },
});
// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by `pnpm record`, never as a turbo task
const apiKey = process.env.POSTPRESS_API_KEY ?? '';
// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by `pnpm record`, never as a turbo task
const baseUrl = (process.env.POSTPRESS_BASE_URL ?? '').replace(/\/+$/, '');
if (!apiKey || !baseUrl) {
  console.error('record: set POSTPRESS_API_KEY and POSTPRESS_BASE_URL (e.g. http://127.0.0.1:4010)');
  process.exit(2);
}
if (!URL.canParse(baseUrl)) {
  console.error('record: POSTPRESS_BASE_URL is not a URL');
  process.exit(2);
}
let model;
try {
  model = JSON.parse(readFileSync(values.model, 'utf8'));
  if (!Array.isArray(model?.operations)) throw new Error('not an operations model (no `operations` list)');
} catch (error) {
  console.error(`record: ${values.model}: ${error.message}`);
  process.exit(2);
}

const startedOn = new Date().toISOString();
const comment = `captured from ${baseUrl} on ${startedOn}`;
// Each multipart exchange carries one small attachment so the recording shows how files travel.
const ATTACHMENT = { fileName: 'hello.txt', contentType: 'text/plain', bytes: 'hello from scripts/record.mjs' };

/** Replaces the key wherever it appears in `text` (raw, URL-encoded or JSON-escaped). */
function redact(text) {
  let out = text;
  for (const form of new Set([apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)])) {
    out = out.split(form).join(REDACTED);
  }
  return out;
}

/** Top-level string fields of earlier success answers (`chat_id`, `message_id`), for later path parameters. */
const learned = new Map();

/** The request of `operation` with its body example `example` (undefined: no body example). */
function requestOf(operation, example) {
  const sample = (p) => sampleOf(p.schema, p.examples);
  const params = operation.parameters;
  const pathValues = Object.fromEntries(
    params.filter((p) => p.in === 'path').map((p) => [p.name, learned.get(p.name) ?? sample(p)]),
  );
  const pairs = params
    .filter((p) => p.in === 'query' && (p.required || p.examples.length > 0))
    .flatMap((p) => queryPairs(p, sample(p)));
  const headers = [
    ...(operation.security[0] ? [{ name: operation.security[0].name, value: apiKey }] : []),
    { name: 'Accept', value: 'application/json' },
    ...params
      .filter((p) => p.in === 'header' && (p.required || p.examples.length > 0))
      .map((p) => ({ name: p.name, value: simpleText(sample(p)) })),
  ];
  const url = baseUrl + fillPath(operation.path, pathValues) + searchOf(pairs);
  const body = operation.requestBody;
  let init;
  let postData;
  if (body?.multipart) {
    const parts = partsOf(example?.wireValue ?? {}, body.multipart.parts);
    const repeated = body.multipart.parts.find((p) => p.kind === 'file' && p.repeated);
    if (repeated && !parts.some((p) => p.file)) parts.push({ name: repeated.name, file: ATTACHMENT });
    init = toFormData(parts);
    postData = { params: toHarParams(parts) };
  } else if (body) {
    const text = JSON.stringify(example?.value ?? sampleOf(body.schema));
    headers.push({ name: 'Content-Type', value: body.mediaType });
    init = text;
    postData = { mimeType: body.mediaType, text };
  }
  return { url, queryString: pairs, headers, init, postData };
}

async function capture(operation, exampleName, example) {
  const { url, queryString, headers, init, postData } = requestOf(operation, example);
  const started = Date.now();
  const request = new Request(url, {
    method: operation.method,
    headers: headers.map(({ name, value }) => [name, value]),
    body: init,
  });
  const contentType = request.headers.get('content-type');
  let response;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    console.error(
      `record: ${operation.operationId} ${exampleName}: request failed: ${redact(String(error?.cause ?? error))}`,
    );
    process.exitCode = 1;
    return;
  }
  const bodyText = await response.text();
  const recordedHeaders = headers.map((h) => (h.value === apiKey ? { name: h.name, value: REDACTED } : h));
  if (postData?.params) recordedHeaders.push({ name: 'Content-Type', value: contentType ?? 'multipart/form-data' });
  const har = harDocument({
    creator: { name: 'postpress scripts/record.mjs', version: '1' },
    comment,
    operationId: operation.operationId,
    startedDateTime: new Date(started).toISOString(),
    time: Date.now() - started,
    request: {
      method: operation.method,
      url,
      queryString,
      headers: recordedHeaders,
      ...(postData ? { postData: { mimeType: postData.mimeType ?? contentType, ...postData } } : {}),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      mimeType: response.headers.get('content-type') ?? '',
      headers: [...response.headers].map(([name, value]) => ({ name, value })),
      bodyText,
    },
  });
  const text = redact(`${JSON.stringify(har, null, 2)}\n`);
  const dir = join(values.out, operation.operationId);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${response.status}-${fileSlug(exampleName)}.har`);
  writeFileSync(file, text);
  console.log(`record: ${operation.operationId} ${exampleName} → ${response.status} (${file})`);
  if (!response.ok) return;
  try {
    const answer = JSON.parse(bodyText);
    for (const [key, value] of Object.entries(answer ?? {})) {
      if (typeof value === 'string' && !learned.has(key)) learned.set(key, value);
    }
  } catch {
    // Not JSON (204, or a body the API does not document): nothing to learn.
  }
}

// DELETE last: a chat started above is used by the operations after it, then deleted.
const ordered = [
  ...model.operations.filter((op) => op.method !== 'DELETE'),
  ...model.operations.filter((op) => op.method === 'DELETE'),
];
for (const operation of ordered) {
  const examples = operation.requestBody?.examples ?? [];
  if (examples.length === 0) await capture(operation, 'default', undefined);
  for (const example of examples) await capture(operation, example.name, example);
}
