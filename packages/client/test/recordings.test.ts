// Replays every recording in spec/recordings, every operation of any shape: the client sends the
// recorded request (its query, parts or JSON body) and must turn the recorded response into the right
// typed value. This is the client's sweep of every documented (status, type) pair, once.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient, PostpressError } from '../src/index.js';
import { parts, startServer } from './helpers/server.js';
import { documented, model } from './helpers/spec.js';

const root = join(import.meta.dirname, '../../../spec/recordings');
const files = model.operations.flatMap(({ operationId: op }) =>
  readdirSync(join(root, op))
    .filter((f) => f.endsWith('.har'))
    .map((f) => join(root, op, f)),
);

interface Param {
  name: string;
  value?: string;
  fileName?: string;
  contentType?: string;
}
interface Entry {
  _operationId: string;
  request: {
    method: string;
    url: string;
    headers: { name: string; value: string }[];
    queryString?: { name: string; value: string }[];
    postData?: { mimeType: string; params?: Param[]; text?: string };
  };
  response: { status: number; headers: { name: string; value: string }[]; content: { text?: string } };
}
type Operation = (typeof model.operations)[number];
type Json = Record<string, any>;

/** A text off the wire as the value its schema says (the recordings keep text only). */
function typed(schema: Json | undefined, text: string): unknown {
  const type = Array.isArray(schema?.type) ? schema.type.find((t: string) => t !== 'null') : schema?.type;
  if (type === 'boolean') return text === 'true';
  if (type === 'integer' || type === 'number') return Number(text);
  return text;
}

/** The recorded parts → the body object the client takes, placed by the model's parts (file bytes were elided: empty files). */
function multipartBody(op: Operation, params: Param[]): Json {
  const body: Json = {};
  for (const p of params) {
    const part = op.requestBody?.multipart?.parts.find((x) => x.name === p.name);
    // A part the model lacks (a recording of a misshapen request): kept under its own name, as text.
    const path = part?.path ?? p.name.replace(/\]/g, '').split('[');
    const value = p.fileName
      ? new File([], p.fileName, { type: p.contentType ?? '' })
      : typed(part?.repeated ? (part.schema as Json).items : (part?.schema as Json | undefined), p.value ?? '');
    let node = body;
    for (const key of path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key];
    }
    const leaf = path.at(-1) as string;
    if (part?.repeated) node[leaf] = [...(node[leaf] ?? []), value];
    else node[leaf] = leaf in node ? [node[leaf], value].flat() : value;
  }
  return body;
}

/** The query and header parameters of the recorded request, by their spec names and types. */
function parametersOf(op: Operation, request: Entry['request']): Json {
  const out: Json = {};
  for (const p of op.parameters) {
    if (p.in === 'query') {
      const values = (request.queryString ?? []).filter((q) => q.name === p.name).map((q) => q.value);
      if (values.length === 0) continue;
      const schema = p.schema as Json;
      const items = schema.type === 'array' ? (p.explode ? values : (values[0] ?? '').split(',')) : undefined;
      out[p.name] = items ? items.map((v) => typed(schema.items, v)) : typed(schema, values[0] ?? '');
    } else if (p.in === 'header') {
      const header = request.headers.find((h) => h.name.toLowerCase() === p.name.toLowerCase());
      if (header) out[p.name] = typed(p.schema as Json, header.value);
    }
  }
  return out;
}

/** What the recorded request's body is, as the client takes it: parts, JSON, or none. */
function bodyOf(op: Operation, request: Entry['request']): Json | undefined {
  const data = request.postData;
  if (!data) return undefined;
  if (data.params) return multipartBody(op, data.params);
  return data.text ? JSON.parse(data.text) : undefined;
}

let current: Entry['response'];
let currentRequest: Entry['request'];
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(
    (_req, res) => {
      res.writeHead(current.status, Object.fromEntries(current.headers.map((h) => [h.name, h.value])));
      res.end(current.content.text);
    },
    // Some error recordings carry a deliberately invalid body (a missing or misshapen field): the
    // client must send it as recorded, so only the others are held to the contract.
    () => current.status < 300 || currentRequest.headers.some((h) => h.name === 'X-Postpress-Mock-Error'),
  );
});
afterAll(() => server.close());

describe('every recording, replayed through the client', () => {
  it('covers one success per operation and every documented pair', () => {
    expect(files).toHaveLength(model.operations.length + documented.length);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s', async (_name, file) => {
    const har = JSON.parse(readFileSync(file, 'utf8'));
    const entry: Entry = har.log.entries[0];
    expect(har.log.comment).toMatch(/^(authored from the API reference|captured from \S+ on \S+)/);
    current = entry.response;
    currentRequest = entry.request;
    const client = createPostpressClient({ apiKey: 'pp_test_replay', baseUrl: server.url, maxRetries: 0 });
    const op = model.operations.find((o) => o.operationId === entry._operationId) as Operation;
    // The path parameters, read from the recorded URL with the operation's path template.
    const template = new RegExp(`${op.path.replace(/\{[^}]+\}/g, '([^/?]+)')}(\\?|$)`);
    const ids = (template.exec(entry.request.url)?.slice(1, -1) ?? []).map(decodeURIComponent);
    expect(ids).toHaveLength(op.parameters.filter((p) => p.in === 'path').length);
    const body = bodyOf(op, entry.request);
    const params = { ...parametersOf(op, entry.request), ...(body ?? {}) };
    const method = client[entry._operationId as keyof typeof client] as unknown as (
      ...args: unknown[]
    ) => Promise<{ data?: unknown; error?: unknown }>;
    const result = await (Object.keys(params).length || op.requestBody ? method(...ids, params) : method(...ids));

    // Request direction: the method, the query, and the parts or JSON body are the recorded ones.
    const sent = server.requests.at(-1) as (typeof server.requests)[number];
    expect(sent.method).toBe(entry.request.method);
    const url = new URL(sent.url, 'http://x');
    expect([...url.searchParams].sort()).toEqual(
      (entry.request.queryString ?? []).map((q) => [q.name, q.value]).sort(),
    );
    if (entry.request.postData?.params) {
      const parts_ = await parts(sent.body, String(sent.headers['content-type']));
      expect(parts_.map(([name, v]) => [name, typeof v === 'string' ? v : v.filename])).toEqual(
        entry.request.postData.params.map((p) => [p.name, p.fileName ?? p.value]),
      );
    } else if (entry.request.postData?.text) {
      expect(JSON.parse(sent.body.toString('utf8'))).toEqual(JSON.parse(entry.request.postData.text));
    } else expect(sent.body.length).toBe(0);

    // Response direction: the typed outcome.
    const recorded = entry.response.content.text ? JSON.parse(entry.response.content.text) : undefined;
    if (entry.response.status < 300) {
      expect(result.error).toBeUndefined();
      expect(result.data).toEqual(recorded);
      return;
    }
    const pair = documented.find(
      (d) => d.operationId === entry._operationId && d.status === entry.response.status && d.type === recorded.type,
    );
    expect(pair, 'the recording is a documented pair').toBeDefined();
    expect(result.error).toMatchObject({
      kind: 'api',
      status: recorded.status,
      type: recorded.type,
      title: recorded.title,
      ...(recorded.detail === undefined ? {} : { detail: recorded.detail }),
      retryable: pair?.retryable,
      attempts: 1,
    });
    expect(result.error).toHaveProperty('requestId', undefined);
    // The class every error has, and a message that reads well in a log.
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error).toBeInstanceOf(PostpressError);
    expect(String((result.error as Error).message)).toMatch(
      new RegExp(`^${recorded.status} ${recorded.type.replace('/', '\\/')}: `),
    );
  });
});
