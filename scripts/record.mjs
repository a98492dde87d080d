#!/usr/bin/env node
// `pnpm record`: captures real exchanges from a live deployment into HAR 1.2 files, one per request
// example of the spec, with the API key redacted everywhere and file bytes elided.
// Usage: POSTPRESS_API_KEY=pp_… POSTPRESS_BASE_URL=https://… node scripts/record.mjs [--out dir]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fileSlug, harDocument, REDACTED, toFormData, toHarParams, toParts } from './recordings/har.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'spec/recordings/captured') } } });
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

const spec = JSON.parse(readFileSync(join(root, 'packages/openapi/dist/openapi.json'), 'utf8'));
const startedOn = new Date().toISOString();
const comment = `captured from ${baseUrl} on ${startedOn}`;
// Each exchange carries one small attachment so the recording shows how files travel.
const ATTACHMENT = { fileName: 'hello.txt', contentType: 'text/plain', bytes: 'hello from scripts/record.mjs' };

/** Replaces the key wherever it appears in `text` (raw, URL-encoded or JSON-escaped). */
function redact(text) {
  let out = text;
  for (const form of new Set([apiKey, encodeURIComponent(apiKey), JSON.stringify(apiKey).slice(1, -1)])) {
    out = out.split(form).join(REDACTED);
  }
  return out;
}

async function capture(operationId, path, exampleName, example) {
  const parts = toParts({ ...example, attachments: [ATTACHMENT] });
  const url = baseUrl + path;
  const started = Date.now();
  const request = new Request(url, {
    method: 'POST',
    headers: { 'X-API-KEY': apiKey, Accept: 'application/json' },
    body: toFormData(parts),
  });
  const contentType = request.headers.get('content-type') ?? 'multipart/form-data';
  let response;
  try {
    response = await fetch(request, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    console.error(`record: ${operationId} ${exampleName}: request failed: ${redact(String(error?.cause ?? error))}`);
    process.exitCode = 1;
    return undefined;
  }
  const bodyText = await response.text();
  const har = harDocument({
    creator: { name: 'postpress scripts/record.mjs', version: '1' },
    comment,
    operationId,
    startedDateTime: new Date(started).toISOString(),
    time: Date.now() - started,
    request: {
      method: 'POST',
      url,
      mimeType: contentType,
      params: toHarParams(parts),
      headers: [
        { name: 'X-API-KEY', value: REDACTED },
        { name: 'Accept', value: 'application/json' },
        { name: 'Content-Type', value: contentType },
      ],
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
  const dir = join(values.out, operationId);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${response.status}-${fileSlug(exampleName)}.har`);
  writeFileSync(file, text);
  console.log(`record: ${operationId} ${exampleName} → ${response.status} (${file})`);
  try {
    return JSON.parse(bodyText);
  } catch {
    return undefined;
  }
}

let chatId;
for (const [path, item] of Object.entries(spec.paths)) {
  const operation = item.post;
  const examples = operation.requestBody.content['multipart/form-data'].examples ?? {};
  const chatParam = (operation.parameters ?? []).find((p) => p.name === 'chat_id');
  for (const [name, { value }] of Object.entries(examples)) {
    // sendMessage goes to the chat startChat just opened, when it opened one.
    const id = chatId ?? chatParam?.example;
    const concrete = path.replace('{chat_id}', encodeURIComponent(id ?? ''));
    const body = await capture(operation.operationId, concrete, name, value);
    if (operation.operationId === 'startChat' && typeof body?.chat_id === 'string') chatId ??= body.chat_id;
  }
}
