#!/usr/bin/env node
// Writes spec/recordings/<operationId>/*.har from the bundled spec: one success exchange per operation
// and one exchange per documented (status, type) pair. No live deployment exists to capture from,
// so every file says it was authored; output is deterministic (fixed date, ids and boundary).
// Each error exchange carries a request that produces that error (replayed against @postpress/mock by
// its tests): no key, a malformed key, a missing or misshapen field, a wrong content type, a body over
// the size limit, a body without its boundary; an error no request shape can cause (provider-side)
// carries the mock's control header `X-Postpress-Mock-Error`. `request.comment` says which.
// Usage: node scripts/author-recordings.mjs [--out spec/recordings]   (needs `pnpm build` first)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fileSlug, harDocument, REDACTED, toHarParams, toParts } from './recordings/har.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'spec/recordings') } } });
// The mock package derives operations and error envelopes from the spec; one derivation for both.
const { DEFAULT_MAX_BODY_BYTES, envelopeOf, operations, refusal } = await import(
  '../packages/mock/dist/index.js'
).catch(() => {
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

const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
// Not a secret: an authored value that is not a postpress key (pp_live_… / pp_test_…).
const MALFORMED_KEY = {
  name: 'X-API-KEY',
  value: 'not-a-postpress-key',
  comment: 'authored malformed key (no real key is ever recorded)',
};

function bodyOf(operation, attachment = ATTACHMENT) {
  const [example] = Object.values(operation.requestExamples);
  return operation.operationId === 'startChat' ? { ...example, attachments: [attachment] } : example;
}

/** One HAR request: `parts` sent as `mimeType`, with the key header given (or none) and extra headers. */
function requestOf(
  operation,
  { parts, mimeType = MULTIPART, key = { name: 'X-API-KEY', value: REDACTED }, headers = [], comment },
) {
  const chatId = 'chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR';
  const url = openapiServerUrl + operation.path.replace('{chat_id}', encodeURIComponent(chatId));
  return {
    comment,
    method: 'POST',
    url,
    mimeType,
    params: toHarParams(parts),
    headers: [
      ...(key ? [key] : []),
      { name: 'Accept', value: 'application/json' },
      { name: 'Content-Type', value: mimeType },
      ...headers,
    ],
  };
}

/** Parts of the operation's body with one field in a shape the wire format refuses. */
function misshapen(parts) {
  // A string array sent without brackets (as generic tools do), else a text part where a file goes.
  if (parts.some((p) => p.name.endsWith('[]'))) {
    return {
      parts: parts.map((p) => ({ ...p, name: p.name.replace(/\[\]$/, '') })),
      why: 'attendees_ids sent without brackets',
    };
  }
  return {
    parts: [...parts, { name: 'voice_message', value: 'not a file' }],
    why: 'voice_message sent as a text part',
  };
}

/** The request that makes the mock answer `error` on `operation`. */
function errorRequest(operation, error) {
  const parts = toParts(bodyOf(operation));
  const produces = (kind) => {
    const refused = refusal(operation.operationId, kind, '');
    return refused.type === error.type && refused.status === error.status;
  };
  if (error.type === 'errors/missing_credentials')
    return requestOf(operation, { parts, key: null, comment: 'no X-API-KEY header' });
  if (error.type === 'errors/invalid_credentials') {
    return requestOf(operation, { parts, key: MALFORMED_KEY, comment: 'an X-API-KEY that is not a postpress key' });
  }
  if (produces('invalid_parameters')) {
    const wrong = misshapen(parts);
    return requestOf(operation, { parts: wrong.parts, comment: wrong.why });
  }
  if (produces('missing_parameters')) {
    return requestOf(operation, {
      parts: parts.filter((p) => p.name !== 'account_id'),
      comment: 'account_id is missing',
    });
  }
  if (produces('malformed_request')) {
    return requestOf(operation, {
      parts,
      mimeType: 'multipart/form-data',
      comment: 'Content-Type set by hand without its boundary: the body cannot be split into parts',
    });
  }
  if (produces('content_too_large')) {
    const big = { ...ATTACHMENT, size: DEFAULT_MAX_BODY_BYTES + 1 };
    return requestOf(operation, {
      parts: toParts(bodyOf(operation, big)),
      comment: `the attachment is ${big.size} bytes (_size; bytes elided), over the ${DEFAULT_MAX_BODY_BYTES}-byte limit`,
    });
  }
  if (produces('unsupported_media_type')) {
    return requestOf(operation, {
      parts: parts.filter((p) => !p.file),
      mimeType: 'application/x-www-form-urlencoded',
      comment: 'the text fields sent URL-encoded instead of as multipart/form-data',
    });
  }
  const headers = [{ name: 'X-Postpress-Mock-Error', value: error.type }];
  if (error.status === 429) headers.push({ name: 'X-Postpress-Mock-Retry-After', value: '30' });
  return requestOf(operation, {
    parts,
    headers,
    comment:
      'a provider-side error no request shape causes: forced with the mock control header X-Postpress-Mock-Error',
  });
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
  const success = operation.successExample;
  write(
    dir,
    `${operation.successStatus}-${fileSlug(success.object)}.har`,
    operation.operationId,
    requestOf(operation, { parts: toParts(bodyOf(operation)), comment: 'a valid request' }),
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
      errorRequest(operation, error),
      error.status,
      envelopeOf(error),
      headers,
    );
    count++;
  }
}
console.log(`author-recordings: wrote ${count} recordings under ${values.out}`);
