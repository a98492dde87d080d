// Replays every recording in spec/recordings: the client sends the recorded request (it must
// encode to the recorded parts) and must turn the recorded response into the right typed value.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../src/index.js';
import { nest, parts, startServer } from './helpers/server.js';
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
  request: { url: string; headers: { name: string; value: string }[]; postData: { params: Param[] } };
  response: { status: number; headers: { name: string; value: string }[]; content: { text: string } };
}

const ARRAYS = new Set(['attachments', 'linkedin.follow_up.attachments']);

/** The recorded parts → the body object the client takes (file bytes were elided: empty files). */
function bodyOf(params: Param[]): Record<string, unknown> {
  const typed = (p: Param): unknown => {
    if (p.fileName) return new File([], p.fileName, { type: p.contentType ?? '' });
    if (p.name.endsWith('[inmail]')) return p.value === 'true';
    return /\[(days|weeks)\]$/.test(p.name) ? Number(p.value) : p.value;
  };
  return nest(
    params.map((p) => [p.name, typed(p)]),
    ARRAYS,
  );
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
    const body = bodyOf(entry.request.postData.params);
    // The path parameters, read from the recorded URL with the operation's path template.
    const op = model.operations.find((o) => o.operationId === entry._operationId)!;
    const template = new RegExp(`${op.path.replace(/\{[^}]+\}/g, '([^/?]+)')}(\\?|$)`);
    const ids = (template.exec(entry.request.url)?.slice(1, -1) ?? []).map(decodeURIComponent);
    expect(ids).toHaveLength(op.parameters.filter((p) => p.in === 'path').length);
    const method = client[entry._operationId as keyof typeof client] as unknown as (
      ...args: unknown[]
    ) => Promise<{ data?: unknown; error?: unknown }>;
    const result = await method(...ids, body);

    // Request direction: the client's parts are the recorded parts, in order.
    const sent = await parts(server.requests.at(-1)!.body, String(server.requests.at(-1)!.headers['content-type']));
    expect(sent.map(([name, v]) => [name, typeof v === 'string' ? v : v.filename])).toEqual(
      entry.request.postData.params.map((p) => [p.name, p.fileName ?? p.value]),
    );

    // Response direction: the typed outcome.
    const recorded = JSON.parse(entry.response.content.text);
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
  });
});
