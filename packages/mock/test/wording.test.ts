// Issue 24 item 3: refusals that say what to send. A boolean written another way (`True`, `1`, `yes`)
// gets a detail naming the part and `true` / `false` (lowercase); a URL-encoded or JSON body sent to
// a multipart operation gets its documented 415 saying to send multipart/form-data and how, with
// Python requests and curl; an unbracketed or wrongly bracketed array names the part and the fix.
// Every operation, part and example is read from the model.
import type { Operation } from '@postpress/openapi/operations.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { KEY, publishedModel, validRequest } from './helpers.js';

const model = publishedModel();
let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

const multipart = model.operations.filter((op) => op.requestBody?.multipart);
const partsOf = (op: Operation) => op.requestBody?.multipart?.parts ?? [];
type Wire = Record<string, unknown>;
const examplesOf = (op: Operation) => (op.requestBody?.examples ?? []).map((e) => (e.wireValue ?? {}) as Wire);

/** The operation's request with `wire` as its multipart body (one part per value, files as files). */
async function sendWire(op: Operation, wire: Wire) {
  const { url, init } = validRequest(op, mock.url);
  const form = new FormData();
  const files = new Set(
    partsOf(op)
      .filter((p) => p.kind === 'file')
      .map((p) => p.name),
  );
  for (const [name, value] of Object.entries(wire)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (files.has(name)) form.append(name, new Blob(['x'], { type: 'text/plain' }), 'a.txt');
      else form.append(name, String(item));
    }
  }
  const res = await fetch(url, { ...init, body: form });
  return { status: res.status, json: await res.json() };
}

/** Asserts the answer is an error `op` documents under its status; returns its detail. */
function documentedDetail(op: Operation, answer: { status: number; json: { type: string; detail?: string } }) {
  const documented = op.responses.find((r) => r.status === answer.status)?.errors.map((e) => e.type) ?? [];
  expect(documented).toContain(answer.json.type);
  return answer.json.detail ?? '';
}

describe('a boolean part written another way: the detail says `true` or `false`, lowercase', () => {
  const cases = multipart.flatMap((op) =>
    partsOf(op)
      .filter((p) => (p.schema as { type?: unknown } | undefined)?.type === 'boolean')
      .flatMap((part) => {
        const example = examplesOf(op).find((w) => part.name in w);
        return example
          ? ['True', 'False', '1', '0', 'yes', 'TRUE', 'on'].map(
              (value) => [op.operationId, part.name, value, op, example] as const,
            )
          : [];
      }),
  );

  it('the published model has a boolean part in an example to try', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s %s = %s', async (_id, name, value, op, example) => {
    const answer = await sendWire(op, { ...example, [name]: value });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    const detail = documentedDetail(op, answer);
    expect(detail).toContain(`${name} must be \`true\` or \`false\` (lowercase); got ${JSON.stringify(value)}`);
  });

  it.each(cases.filter(([, , value]) => value === 'True'))(
    '%s %s: lowercase true and false are taken',
    async (_id, name, _v, op, example) => {
      for (const value of ['true', 'false']) {
        expect((await sendWire(op, { ...example, [name]: value })).status).toBe(
          op.responses.find((r) => r.success)?.status,
        );
      }
    },
  );
});

describe('a body that is not multipart/form-data: the 415 says to send multipart and how', () => {
  const textPartOf = (op: Operation) =>
    partsOf(op)
      .filter((p) => p.kind === 'text')
      .find((p) => p.required) ?? partsOf(op).find((p) => p.kind === 'text');
  const cases = multipart.flatMap((op) => [
    [op.operationId, 'application/x-www-form-urlencoded', 'data=', op] as const,
    [op.operationId, 'application/json', 'json=', op] as const,
  ]);

  it.each(cases)('%s sent as %s', async (_id, contentType, pythonArgument, op) => {
    const { url, init } = validRequest(op, mock.url);
    const part = textPartOf(op);
    const body =
      contentType === 'application/json' ? JSON.stringify({ [part?.name ?? 'x']: 'hello' }) : `${part?.name}=hello`;
    const res = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'content-type': contentType },
      body,
    });
    const answer = { status: res.status, json: await res.json() };
    expect(answer.status).toBe(415);
    const detail = documentedDetail(op, answer);
    expect(detail).toContain(`The body must be multipart/form-data (got ${contentType})`);
    expect(detail).toContain("your HTTP library's multipart mode, even without a file");
    expect(detail).toContain(`Python requests: files={${JSON.stringify(part?.name)}: (None, `);
    expect(detail).toContain(`instead of ${pythonArgument}`);
    expect(detail).toContain(`curl: --form-string "${part?.name}=`);
  });
});

describe('arrays in another shape: the detail names the part and the name to send', () => {
  const repeatedText = multipart.flatMap((op) =>
    partsOf(op)
      .filter((p) => p.kind === 'text' && p.repeated && p.name.endsWith('[]'))
      .map((p) => [op.operationId, p.name, op] as const),
  );
  const repeatedFile = multipart.flatMap((op) =>
    partsOf(op)
      .filter((p) => p.kind === 'file' && p.repeated && !p.name.endsWith(']'))
      .map((p) => [op.operationId, p.name, op] as const),
  );

  it('the published model has both to try', () => {
    expect(repeatedText.length).toBeGreaterThan(0);
    expect(repeatedFile.length).toBeGreaterThan(0);
  });

  it.each(repeatedText)('%s: %s sent without its brackets (as unipile-node-sdk does)', async (_id, name, op) => {
    const example = examplesOf(op).find((w) => name in w) ?? examplesOf(op)[0] ?? {};
    const { [name]: items, ...rest } = example;
    const bare = name.slice(0, -2);
    const detail = documentedDetail(op, await sendWire(op, { ...rest, [bare]: items ?? ['a'] }));
    expect(detail).toContain(`${bare}: send one \`${name}\` part per item, the name with its brackets`);
    expect(detail).toContain('unipile-node-sdk');
  });

  it.each(repeatedFile)('%s: %s sent as %s[]', async (_id, name, op) => {
    const { url, init } = validRequest(op, mock.url);
    const form = (init.body as FormData | undefined) ?? new FormData();
    form.append(`${name}[]`, new Blob(['x']), 'a.txt');
    const res = await fetch(url, {
      ...init,
      body: form,
      headers: { ...(init.headers as Record<string, string>), 'X-API-KEY': KEY },
    });
    const detail = documentedDetail(op, { status: res.status, json: await res.json() });
    expect(detail).toContain(`${name}[]: send one \`${name}\` part per file (the plain name, no brackets)`);
  });
});
