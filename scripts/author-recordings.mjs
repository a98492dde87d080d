#!/usr/bin/env node
// Writes <out>/<operationId>/*.har from the operations model: for EVERY operation one success
// exchange and one exchange per documented (status, type). No live deployment exists to capture
// from, so every file says it was authored; output is deterministic (fixed date, ids and boundary).
// Each request is built from the model (path, query and header parameters from their examples, the
// body from its first example) and, for an error, changed so that it produces that error: no key, a
// malformed key, a wrong or missing value, a body in the wrong media type, over the size limit or
// unreadable, a path parameter its schema refuses. Only what a client can send: every recording is
// also replayed through @postpress/client. Which change produces which (status, type) is the
// mock's own refusal table (packages/mock/src/refusal.ts, read through
// dist/internal.js): an error no request shape causes carries the control header
// `X-Postpress-Mock-Error`. `request.comment` says which. The mock's tests replay every file.
// Usage: node scripts/author-recordings.mjs [--out spec/recordings] [--model packages/openapi/dist/operations.json]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  fileSlug,
  fillPath,
  harDocument,
  JSON_TYPE,
  partsOf,
  queryPairs,
  REDACTED,
  sampleOf,
  searchOf,
  simpleText,
  successSlug,
  toHarParams,
} from './recordings/har.mjs';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'spec/recordings') },
    model: { type: 'string', default: join(root, 'packages/openapi/dist/operations.json') },
  },
});

// The mock's refusal table, so a recording's request and the mock's answer cannot disagree.
const internalPath = join(root, 'packages/mock/dist/internal.js');
let mock;
try {
  mock = await import(pathToFileURL(internalPath).href);
} catch (error) {
  console.error(`author-recordings: could not load ${relative(root, internalPath)}:`);
  console.error(error);
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(internalPath)) {
    console.error('author-recordings: that file is built by `pnpm build` (packages/mock).');
  }
  process.exit(1);
}

let model;
let view;
try {
  model = JSON.parse(readFileSync(values.model, 'utf8'));
  view = mock.viewOf(model);
} catch (error) {
  console.error(`author-recordings: ${values.model}: ${error.message}`);
  process.exit(1);
}

const serverUrl = model.api.servers[0]?.url ?? 'https://api.example.com';
const COMMENT = 'authored from the API reference (not captured from a live deployment)';
const BOUNDARY = '----postpress-authored-recording';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const STARTED = '2026-01-01T00:00:00.000Z';
// An example attachment shows how files are recorded: name and type, bytes elided.
const ATTACHMENT = { fileName: 'cv.pdf', contentType: 'application/pdf' };

/** Everything a request is made of, before it becomes a HAR request. */
function baseOf(operation) {
  const params = operation.parameters;
  const sample = (p) => sampleOf(p.schema, p.examples);
  const body = operation.requestBody;
  let content;
  if (body?.multipart) {
    const example = body.examples[0];
    const parts = partsOf(example?.wireValue ?? {}, body.multipart.parts);
    // A file on the first repeated file part shows how files travel, when the example has none.
    const files = body.multipart.parts.filter((p) => p.kind === 'file');
    const repeated = files.find((p) => p.repeated);
    if (repeated && !parts.some((p) => p.file)) parts.push({ name: repeated.name, file: ATTACHMENT });
    content = { kind: 'multipart', parts, fileParts: files };
  } else if (body) {
    content = { kind: 'json', value: body.examples[0]?.value ?? sampleOf(body.schema), mediaType: body.mediaType };
  }
  return {
    path: Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, sample(p)])),
    query: params.filter((p) => p.in === 'query' && (p.required || p.examples.length > 0)).map((p) => [p, sample(p)]),
    extraQuery: [],
    headers: params
      .filter((p) => p.in === 'header' && (p.required || p.examples.length > 0))
      .map((p) => ({ name: p.name, value: simpleText(sample(p)) })),
    content,
    key: operation.security[0] ? { name: operation.security[0].name, value: REDACTED } : null,
  };
}

/** The HAR request of a (possibly changed) base. */
function requestOf(operation, base, { comment, extraHeaders = [] }) {
  const pairs = [...base.query.flatMap(([p, v]) => queryPairs(p, v)), ...base.extraQuery];
  const url = serverUrl + fillPath(operation.path, base.path) + searchOf(pairs);
  const headers = [...(base.key ? [base.key] : []), { name: 'Accept', value: 'application/json' }];
  let postData;
  const content = base.content;
  if (content?.kind === 'multipart')
    postData = { mimeType: content.mimeType ?? MULTIPART, params: toHarParams(content.parts) };
  else if (content?.kind === 'urlencoded')
    postData = { mimeType: content.mimeType, params: toHarParams(content.parts) };
  else if (content?.kind === 'json' || content?.kind === 'text') {
    postData = { mimeType: content.mimeType ?? content.mediaType, text: content.text ?? JSON.stringify(content.value) };
  }
  if (postData) headers.push({ name: 'Content-Type', value: postData.mimeType });
  headers.push(...base.headers, ...extraHeaders);
  return { comment, method: operation.method, url, queryString: pairs, headers, postData };
}

/** A value of another type than `schema` allows, or undefined when it allows any. */
function wrongValue(schema) {
  const types = [schema?.type ?? []].flat();
  if (types.length === 0 && !schema?.enum && !('const' in (schema ?? {}))) return undefined;
  if (!types.includes('string')) return `not-a-${types[0] ?? 'value'}`;
  return types.includes('integer') || types.includes('number') ? {} : 42;
}

/** A query text its parameter's schema refuses, or undefined when any text is allowed (a plain string). */
function wrongText(schema) {
  const types = [schema?.type ?? []].flat();
  if (types.includes('array')) return wrongText(schema.items);
  if (Array.isArray(schema?.enum)) return 'NOT_ONE_OF_THEM';
  if (types.includes('string')) return schema?.format === 'date-time' ? 'not-a-date-time' : undefined;
  if (types.includes('integer') || types.includes('number')) return 'not-a-number';
  if (types.includes('boolean')) return 'maybe';
  return undefined;
}

/**
 * A path parameter value its schema refuses, that a client can still send (it percent-encodes it):
 * undefined when the schema takes any non-empty text, as then only a broken encoding (which no
 * client sends) is refused, and the error is forced instead.
 */
function wrongPathValue(schema) {
  const types = [schema?.type ?? []].flat();
  if (Array.isArray(schema?.enum)) return 'not-one-of-them';
  if (!types.includes('string') && (types.includes('integer') || types.includes('number'))) return 'not-a-number';
  if (typeof schema?.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
  if (typeof schema?.minLength === 'number' && schema.minLength > 1) return 'x';
  if (typeof schema?.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    return ['~', ' ', '-', 'x'].find((candidate) => !pattern.test(candidate));
  }
  return undefined;
}

const clone = (base) => structuredClone(base);

/** The change of a base request that makes the mock refuse it with each kind of refusal (undefined: none does). */
const FAULTS = {
  missing_credentials: (_operation, base) => base.key && { ...base, key: null, comment: `no ${base.key.name} header` },
  invalid_credentials: (_operation, base) =>
    base.key && {
      ...base,
      // Not a secret: an authored value that is not a postpress key (pp_live_… / pp_test_…).
      key: {
        name: base.key.name,
        value: 'not-a-postpress-key',
        comment: 'authored malformed key (no real key is ever recorded)',
      },
      comment: `an ${base.key.name} that is not a postpress key`,
    },
  invalid_parameters(operation, base) {
    const content = base.content;
    if (content?.kind === 'multipart') {
      // A repeated text part without its brackets (as generic tools send it), else a text part where a file goes.
      const bracketed = content.parts.find((p) => !p.file && p.name.endsWith('[]'));
      if (bracketed) {
        const name = bracketed.name.slice(0, -2);
        const parts = content.parts.map((p) => (p.name === bracketed.name ? { ...p, name } : p));
        return { ...base, content: { ...content, parts }, comment: `${name} sent without brackets` };
      }
      const file = content.fileParts[0];
      if (file) {
        const parts = [...content.parts.filter((p) => p.name !== file.name), { name: file.name, value: 'not a file' }];
        return { ...base, content: { ...content, parts }, comment: `${file.name} sent as a text part` };
      }
    }
    if (content?.kind === 'json') {
      const schema = operation.requestBody.schema;
      const value = content.value;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const key of Object.keys(value)) {
          const wrong = wrongValue(schema.properties?.[key]);
          if (wrong === undefined) continue;
          return {
            ...base,
            content: { ...content, value: { ...value, [key]: wrong } },
            comment: `body field ${key} is ${JSON.stringify(wrong)}, not a value its schema allows`,
          };
        }
      }
    }
    for (const param of operation.parameters.filter((p) => p.in === 'query')) {
      const wrong = wrongText(param.schema);
      if (wrong === undefined) continue;
      const query = [...base.query.filter(([p]) => p.name !== param.name), [param, wrong]];
      return { ...base, query, comment: `query parameter ${param.name} is ${JSON.stringify(wrong)}` };
    }
    return {
      ...clone(base),
      extraQuery: [['unknown_parameter', '1']],
      comment: `query parameter unknown_parameter is not one ${operation.operationId} takes`,
    };
  },
  missing_parameters(operation, base) {
    const content = base.content;
    if (content?.kind === 'multipart') {
      const required = operation.requestBody.multipart.parts.find((p) => p.required);
      if (required) {
        const parts = content.parts.filter((p) => p.name !== required.name);
        return { ...base, content: { ...content, parts }, comment: `${required.name} is missing` };
      }
    }
    if (content?.kind === 'json') {
      const value = content.value;
      const name = (operation.requestBody.schema.required ?? []).find((n) => value && Object.hasOwn(value, n));
      if (name) {
        const { [name]: _, ...rest } = value;
        return { ...base, content: { ...content, value: rest }, comment: `body field ${name} is missing` };
      }
    }
    const query = base.query.findIndex(([p]) => p.required);
    if (query !== -1) {
      const [param] = base.query[query];
      return {
        ...base,
        query: base.query.filter((_, k) => k !== query),
        comment: `query parameter ${param.name} is missing`,
      };
    }
    const header = operation.parameters.find((p) => p.in === 'header' && p.required);
    if (header) {
      return {
        ...base,
        headers: base.headers.filter((h) => h.name !== header.name),
        comment: `header ${header.name} is missing`,
      };
    }
    if (content?.kind === 'json' && operation.requestBody.required) {
      return { ...base, content: undefined, comment: 'the request body is missing' };
    }
    return undefined;
  },
  malformed_request(_operation, base) {
    const content = base.content;
    if (content?.kind === 'multipart') {
      return {
        ...base,
        content: { ...content, mimeType: 'multipart/form-data' },
        comment: 'Content-Type set by hand without its boundary: the body cannot be split into parts',
      };
    }
    if (content?.kind === 'json') {
      const text = JSON.stringify(content.value);
      return { ...base, content: { ...content, text: text.slice(0, -1) }, comment: 'the JSON body is cut short' };
    }
    return undefined;
  },
  content_too_large(_operation, base) {
    const content = base.content;
    const file = content?.kind === 'multipart' ? content.fileParts[0] : undefined;
    if (!file) return undefined;
    const big = { ...ATTACHMENT, size: mock.DEFAULT_MAX_BODY_BYTES + 1 };
    const parts = [...content.parts.filter((p) => p.name !== file.name), { name: file.name, file: big }];
    return {
      ...base,
      content: { ...content, parts },
      comment: `the ${file.name} file is ${big.size} bytes (_size; bytes elided), over the ${mock.DEFAULT_MAX_BODY_BYTES}-byte limit`,
    };
  },
  unsupported_media_type(_operation, base) {
    const content = base.content;
    if (content?.kind === 'multipart') {
      return {
        ...base,
        content: {
          kind: 'urlencoded',
          mimeType: 'application/x-www-form-urlencoded',
          parts: content.parts.filter((p) => !p.file),
        },
        comment: 'the text fields sent URL-encoded instead of as multipart/form-data',
      };
    }
    if (content?.kind === 'json') {
      return {
        ...base,
        content: { kind: 'text', mimeType: 'text/plain', text: JSON.stringify(content.value) },
        comment: `the JSON body sent as text/plain instead of ${content.mediaType}`,
      };
    }
    return undefined;
  },
  // Last: an operation that documents no 404 for it answers a bad path with its other bad-input types.
  invalid_path_parameter(operation, base) {
    for (const param of operation.parameters.filter((p) => p.in === 'path')) {
      const wrong = wrongPathValue(param.schema);
      if (wrong === undefined) continue;
      return {
        ...base,
        path: { ...base.path, [param.name]: wrong },
        comment: `path parameter ${param.name} is ${JSON.stringify(wrong)}, which its schema does not allow`,
      };
    }
    return undefined;
  },
};

/** The request that makes the mock answer `error` on `info`. */
function errorRequest(info, error) {
  const { operation } = info;
  const base = baseOf(operation);
  for (const [kind, fault] of Object.entries(FAULTS)) {
    const refused = mock.refusal(info, kind, '');
    if (refused.status !== error.status || refused.type !== error.type) continue;
    const changed = fault(operation, clone(base));
    if (changed) return requestOf(operation, changed, { comment: changed.comment });
  }
  const extraHeaders = [{ name: 'X-Postpress-Mock-Error', value: error.type }];
  // A type documented under two statuses needs the status too.
  if (info.errors.filter((e) => e.type === error.type).length > 1) {
    extraHeaders.push({ name: 'X-Postpress-Mock-Status', value: String(error.status) });
  }
  if (error.status === 429) extraHeaders.push({ name: 'X-Postpress-Mock-Retry-After', value: '30' });
  return requestOf(operation, base, {
    extraHeaders,
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
    response:
      body === undefined
        ? { status, mimeType: '', headers: extraHeaders, bodyText: '' }
        : {
            status,
            mimeType: JSON_TYPE,
            headers: [{ name: 'Content-Type', value: JSON_TYPE }, ...extraHeaders],
            bodyText: JSON.stringify(body),
          },
  });
  writeFileSync(join(dir, `${name}.har`), `${JSON.stringify(har, null, 2)}\n`);
}

let count = 0;
for (const info of view.operations.values()) {
  const dir = join(values.out, info.operationId);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) if (file.endsWith('.har')) rmSync(join(dir, file));
  write(
    dir,
    successSlug(info.successStatus, info.successExample),
    info.operationId,
    requestOf(info.operation, baseOf(info.operation), { comment: 'a valid request' }),
    info.successStatus,
    info.successExample,
  );
  count++;
  for (const error of info.errors) {
    const headers = error.status === 429 ? [{ name: 'Retry-After', value: '30' }] : [];
    write(
      dir,
      `${error.status}-${fileSlug(error.type)}`,
      info.operationId,
      errorRequest(info, error),
      error.status,
      mock.envelopeOf(error),
      headers,
    );
    count++;
  }
}
console.log(`author-recordings: wrote ${count} recordings of ${view.operations.size} operations under ${values.out}`);
