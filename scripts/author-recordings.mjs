#!/usr/bin/env node
// Writes spec/recordings/<operationId>/*.har from the bundled spec: one success exchange per operation
// and one exchange per documented (status, type) pair. No live deployment exists to capture from,
// so every file says it was authored; output is deterministic (fixed date, ids and boundary).
// Usage: node scripts/author-recordings.mjs [--out spec/recordings]   (needs `pnpm build` first)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fileSlug, harDocument, REDACTED, toHarParams, toParts } from './recordings/har.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'spec/recordings') } } });
// The mock package derives operations and error envelopes from the spec; one derivation for both.
const { envelopeOf, operations } = await import('../packages/mock/dist/index.js').catch(() => {
  console.error('author-recordings: build @postpress/mock first (pnpm build)');
  process.exit(1);
});

const openapiServerUrl = JSON.parse(readFileSync(join(root, 'packages/openapi/dist/openapi.json'), 'utf8')).servers[0]
  .url;
const COMMENT = 'authored from the API reference (not captured from a live deployment)';
const BOUNDARY = '----postpress-authored-recording';
const STARTED = '2026-01-01T00:00:00.000Z';
const JSON_TYPE = 'application/json; charset=utf-8';
// An example attachment shows how files are recorded: name and type, bytes elided.
const ATTACHMENT = { fileName: 'cv.pdf', contentType: 'application/pdf' };

function requestOf(operation) {
  const [example] = Object.values(operation.requestExamples);
  const body = operation.operationId === 'startChat' ? { ...example, attachments: [ATTACHMENT] } : example;
  const chatId = 'chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR';
  const url = openapiServerUrl + operation.path.replace('{chat_id}', encodeURIComponent(chatId));
  const mimeType = `multipart/form-data; boundary=${BOUNDARY}`;
  return {
    method: 'POST',
    url,
    mimeType,
    params: toHarParams(toParts(body)),
    headers: [
      { name: 'X-API-KEY', value: REDACTED },
      { name: 'Accept', value: 'application/json' },
      { name: 'Content-Type', value: mimeType },
    ],
  };
}

function write(dir, name, operationId, request, status, body, extraHeaders = []) {
  const har = harDocument({
    creator: { name: 'postpress scripts/author-recordings.mjs', version: '1' },
    comment: COMMENT,
    operationId,
    startedDateTime: STARTED,
    request,
    response: {
      status,
      mimeType: JSON_TYPE,
      headers: [{ name: 'Content-Type', value: JSON_TYPE }, ...extraHeaders],
      bodyText: JSON.stringify(body),
    },
  });
  writeFileSync(join(dir, name), `${JSON.stringify(har, null, 2)}\n`);
}

let count = 0;
for (const operation of Object.values(operations)) {
  const dir = join(values.out, operation.operationId);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.har')) rmSync(join(dir, file));
  const request = requestOf(operation);
  const success = operation.successExample;
  write(
    dir,
    `${operation.successStatus}-${fileSlug(success.object)}.har`,
    operation.operationId,
    request,
    operation.successStatus,
    success,
  );
  count++;
  for (const error of operation.errors) {
    const headers = error.status === 429 ? [{ name: 'Retry-After', value: '30' }] : [];
    write(
      dir,
      `${error.status}-${fileSlug(error.type)}.har`,
      operation.operationId,
      request,
      error.status,
      envelopeOf(error),
      headers,
    );
    count++;
  }
}
console.log(`author-recordings: wrote ${count} recordings under ${values.out}`);
