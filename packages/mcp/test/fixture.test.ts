// The tools of the fixture spec (every operation shape: GET with query parameters and paging, GET by id,
// PATCH and PUT with JSON bodies, DELETE answering 204, a POST with a header parameter, the multipart
// POSTs), served by createPostpressMcpServer and used through the SDK's own client. Every expectation
// is read from the fixture's operations model: nothing here names an operation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createPostpressClient } from '@postpress/client';
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ESM script without type declarations
import { toolName } from '../../../scripts/generate-mcp-tools.mjs';
import {
  createPostpressMcpServer,
  type GeneratedCatalog,
  PostpressMcpConfigError,
  type PostpressMcpOptions,
} from '../src/index.js';
import { fixtureCatalog } from './helpers.js';

type Schema = Record<string, any>;
type Result = {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, any>;
};
interface ClientCall {
  operationId: string;
  args: unknown[];
  apiKey: string;
}

let model: OperationsModel;
let catalog: GeneratedCatalog;
let cleanup = () => {};
let dir: string;
const KEY = 'pp_test_fixtureKey_000001';

beforeAll(async () => {
  ({ model, catalog, cleanup } = await fixtureCatalog());
  dir = mkdtempSync(join(tmpdir(), 'postpress-mcp-fixture-files-'));
  writeFileSync(join(dir, 'note.txt'), 'hello');
}, 120_000);
afterAll(() => {
  cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const nonPath = (op: Operation) => op.parameters.filter((p) => p.in !== 'path');
const fileParts = (op: Operation) => (op.requestBody?.multipart?.parts ?? []).filter((p) => p.kind === 'file');

/** A valid value of a schema, every property filled in (first variant, first enum value, lowest bound). */
function sample(schema: Schema, at: string[] = [], skip = new Set<string>(), n = { i: 0 }): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.oneOf || schema.anyOf) return sample((schema.oneOf ?? schema.anyOf)[0], at, skip, n);
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  if (type === 'object' || schema.properties)
    return Object.fromEntries(
      Object.entries<Schema>(schema.properties ?? {})
        .filter(([name]) => !skip.has([...at, name].join('.')))
        .map(([name, child]) => [name, sample(child, [...at, name], skip, n)]),
    );
  if (type === 'array')
    return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => sample(schema.items ?? {}, at, skip, n));
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'date-time') return '2026-12-01T00:00:00Z';
  return `v${++n.i}`.padEnd(schema.minLength ?? 1, 'x');
}

/** Arguments for an operation's tool: every parameter and body field (files left out), by spec name. */
function argsFor(op: Operation) {
  const path = Object.fromEntries(
    op.parameters.filter((p) => p.in === 'path').map((p, i) => [p.name, `id/${i} ?#`]), // needs escaping in a URL
  );
  const params: Record<string, unknown> = {};
  for (const p of nonPath(op)) params[p.name] = sample(p.schema as Schema);
  const skip = new Set(fileParts(op).map((p) => p.path.join('.')));
  if (op.requestBody) Object.assign(params, sample(op.requestBody.schema as Schema, [], skip));
  return { path, params, all: { ...path, ...params } };
}

/** A client whose every method records its call and answers with the operation's documented success. */
function recordingClient(calls: ClientCall[], answer?: (op: Operation) => unknown) {
  return (options: { apiKey: string }) =>
    new Proxy(
      {},
      {
        get: (_, operationId: string) => {
          const op = model.operations.find((o) => o.operationId === operationId);
          if (!op) return undefined;
          return async (...args: unknown[]) => {
            calls.push({ operationId, args, apiKey: options.apiKey });
            if (answer) return answer(op);
            const success = op.responses.find((r) => r.success)!;
            const data = success.schema === null ? undefined : sample(success.schema as Schema);
            return { data, response: new Response(null, { status: success.status }), attempts: 1, requestIds: [] };
          };
        },
      },
    );
}

async function connect(options: PostpressMcpOptions = {}) {
  const server = createPostpressMcpServer({ catalog, log: () => {}, ...options });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'fixture-test', version: '0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  // listTools first: the SDK client then checks each structured result against the tool's outputSchema.
  const { tools } = await client.listTools();
  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as Result;
  return { client, tools, call };
}

describe('the fixture spec as MCP tools', () => {
  it('one tool per operation of the model, named from its operationId, with annotations from its method', async () => {
    const { tools } = await connect();
    expect(tools.map((t) => t.name)).toEqual(model.operations.map((op) => toolName(op.operationId)));
    expect(new Set(model.operations.map((op) => op.method)).size, 'the fixture has every method').toBe(5);
    for (const op of model.operations) {
      const tool = tools.find((t) => t.name === toolName(op.operationId))!;
      expect(tool.title).toBe(op.summary);
      expect(op.description.replace(/\s+/g, ' ')).toContain(tool.description);
      expect(tool.annotations, op.operationId).toEqual({
        readOnlyHint: op.method === 'GET',
        destructiveHint: op.method !== 'GET',
        idempotentHint: ['GET', 'PUT', 'DELETE'].includes(op.method),
        openWorldHint: true,
      });
    }
  });

  it('input schemas: path, query and header parameters with their type, enum, range and format, then body fields; dry_run only where something changes', async () => {
    const { tools } = await connect();
    const checked = new Set<string>();
    for (const op of model.operations) {
      const { inputSchema } = tools.find((t) => t.name === toolName(op.operationId))!;
      const props = inputSchema.properties as Record<string, Schema>;
      const body = op.requestBody?.schema as Schema | undefined;
      expect(Object.keys(props), op.operationId).toEqual([
        ...op.parameters.map((p) => p.name),
        ...Object.keys(body?.properties ?? {}),
        ...(op.method === 'GET' ? [] : ['dry_run']),
      ]);
      for (const p of op.parameters) {
        for (const keyword of ['type', 'enum', 'minimum', 'maximum', 'format', 'minLength', 'maxLength', 'items']) {
          const value = (p.schema as Schema)[keyword];
          if (value === undefined) continue;
          expect(props[p.name]?.[keyword], `${op.operationId} ${p.name} ${keyword}`).toEqual(value);
          checked.add(keyword);
        }
        expect(props[p.name]?.description).toBe(p.description.replace(/\s*\n\s*/g, ' '));
      }
      expect(inputSchema.required, op.operationId).toEqual([
        ...op.parameters.filter((p) => p.required).map((p) => p.name),
        ...(op.requestBody?.required ? (body?.required ?? []) : []),
      ]);
      expect(inputSchema.additionalProperties).toBe(false);
      for (const part of fileParts(op)) {
        // A file part is a local path (a list of them when repeated), wherever it sits in the body.
        const [top] = part.path as [string];
        const holder = part.path.length === 1 ? props[top] : undefined;
        if (holder) expect(part.repeated ? holder.items?.type : holder.type).toBe('string');
      }
    }
    // The fixture's parameters do carry each of these: the loop above compared them.
    expect([...checked].sort()).toEqual(
      expect.arrayContaining(['enum', 'format', 'items', 'maximum', 'minimum', 'type']),
    );
  });

  it('output schemas: the success body (`{ ok: true }` for a 204), an answer off the spec, and a dry run for tools that change something', async () => {
    const { tools } = await connect();
    for (const op of model.operations) {
      const tool = tools.find((t) => t.name === toolName(op.operationId))!;
      const success = op.responses.find((r) => r.success)!;
      const schema = tool.outputSchema as Schema;
      expect(schema.type).toBe('object');
      const results = schema.anyOf;
      expect(results.slice(1).map((r: Schema) => r.title)).toEqual([
        'AcceptedOffSpec',
        ...(op.method === 'GET' ? [] : ['DryRun']),
      ]);
      if (success.schema === null) expect(results[0].required).toEqual(['ok']);
      else expect(results[0].required, op.operationId).toEqual((success.schema as Schema).required);
    }
  });

  it('lists no error types and no examples: those stay in error results and the docs', async () => {
    const { tools } = await connect();
    const listing = JSON.stringify(tools);
    expect(listing).not.toMatch(/errors\/|"examples"|"x-/);
  });

  it('each call reaches the client in its call shape: path values in path order, then one params object', async () => {
    const calls: ClientCall[] = [];
    const { call } = await connect({ apiKey: KEY, createClient: recordingClient(calls) });
    for (const op of model.operations) {
      const { path, params, all } = argsFor(op);
      const result = await call(toolName(op.operationId), all);
      expect(result.isError, `${op.operationId}: ${result.content[0]?.text}`).toBeFalsy();
      const sent = calls.at(-1)!;
      expect(sent.operationId).toBe(op.operationId);
      expect(sent.apiKey).toBe(KEY);
      expect(sent.args.slice(0, -2), op.operationId).toEqual(Object.values(path));
      expect(sent.args.at(-2), op.operationId).toEqual(params);
      expect(sent.args.at(-1)).toEqual({ signal: expect.any(AbortSignal) });
      const success = op.responses.find((r) => r.success)!;
      if (success.schema === null) {
        expect(result.structuredContent).toEqual({ ok: true });
        expect(result.content).toHaveLength(1);
      } else {
        expect(result.structuredContent).toBeDefined();
        expect(JSON.parse(result.content[1]?.text ?? '')).toEqual(result.structuredContent);
      }
      expect(result.content[0]?.text).toContain(success.description.replace(/\.$/, ''));
    }
    expect(calls).toHaveLength(model.operations.length);
  });

  it('file arguments reach the client as files read from the allowed roots', async () => {
    const op = model.operations.find((o) => fileParts(o).some((p) => p.path.length === 1 && p.repeated))!;
    const part = fileParts(op).find((p) => p.path.length === 1 && p.repeated)!;
    const calls: ClientCall[] = [];
    const { call } = await connect({ apiKey: KEY, fileRoots: [dir], createClient: recordingClient(calls) });
    const { all } = argsFor(op);
    const result = await call(toolName(op.operationId), { ...all, [part.path[0]!]: ['note.txt'] });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    const [file] = (calls[0]!.args.at(-2) as Record<string, File[]>)[part.path[0]!]!;
    expect(file).toBeInstanceOf(File);
    expect([file?.name, file?.type, file?.size]).toEqual(['note.txt', 'text/plain', 5]);
  });

  it('refuses arguments out of the schema (enum, range, format, type, unknown, dry_run on a read) and sends nothing', async () => {
    const calls: ClientCall[] = [];
    const { call } = await connect({ apiKey: KEY, createClient: recordingClient(calls) });
    let refused = 0;
    for (const op of model.operations) {
      const name = toolName(op.operationId);
      const { all } = argsFor(op);
      const wrong: Array<[string, unknown, RegExp]> = [['not_a_field', 1, /must NOT have additional properties/]];
      if (op.method === 'GET') wrong.push(['dry_run', true, /must NOT have additional properties/]);
      for (const p of nonPath(op)) {
        const s = p.schema as Schema;
        if (s.enum) wrong.push([p.name, 'NOT_IN_ENUM', /must be equal to one of the allowed values/]);
        if (s.maximum !== undefined) wrong.push([p.name, s.maximum + 1, /must be <=/]);
        if (s.minimum !== undefined) wrong.push([p.name, s.minimum - 1, /must be >=/]);
        if (s.format === 'date-time') wrong.push([p.name, 'next tuesday', /must match format "date-time"/]);
        if (s.type === 'boolean') wrong.push([p.name, 'yes', /must be boolean/]);
      }
      for (const [arg, value, message] of wrong) {
        const result = await call(name, { ...all, [arg]: value });
        expect(result.isError, `${name} ${arg}=${value}`).toBe(true);
        expect(result.content[0]?.text).toMatch(message);
        expect(result.content[0]?.text).toMatch(/Nothing was sent\.$/);
        refused++;
      }
      const missing = op.parameters.find((p) => p.required);
      if (missing) {
        const { [missing.name]: _, ...rest } = all;
        const result = await call(name, rest);
        expect(result.content[0]?.text).toMatch(new RegExp(`must have required property '${missing.name}'`));
        refused++;
      }
      const body = op.requestBody?.schema as Schema | undefined;
      if (body?.minProperties === 1) {
        // A body that must change something: sending none of its fields is refused.
        const onlyParams = Object.fromEntries(Object.entries(all).filter(([k]) => !(k in (body.properties ?? {}))));
        const result = await call(name, onlyParams);
        expect(result.isError).toBe(true);
        refused++;
      }
    }
    expect(calls).toEqual([]);
    expect(refused).toBeGreaterThan(model.operations.length * 2);
  });

  it('API errors come back as tool errors with the documented meaning, and retry advice that fits the method', async () => {
    for (const op of model.operations) {
      const documented = op.responses.find((r) => r.errors.length > 0 && !r.retryable)!;
      const [first] = documented.errors;
      const { call } = await connect({
        apiKey: KEY,
        createClient: recordingClient([], () => ({
          error: { kind: 'api', status: documented.status, type: first!.type, title: first!.title, retryable: false },
          response: new Response(null, { status: documented.status }),
        })),
      });
      const result = await call(toolName(op.operationId), argsFor(op).all);
      expect(result.isError).toBe(true);
      const text = result.content[0]?.text ?? '';
      expect(text).toContain(`HTTP ${documented.status} ${first!.type} (${first!.title}).`);
      expect(text).toContain(`Meaning: ${first!.meaning}`);
      expect(text).toMatch(/Retrying the same request will not help/);
      const network = await connect({
        apiKey: KEY,
        createClient: recordingClient([], () => ({ error: { kind: 'network', message: 'socket hang up' } })),
      });
      const lost = await network.call(toolName(op.operationId), argsFor(op).all);
      expect(lost.content[0]?.text).toMatch(
        ['GET', 'PUT', 'DELETE'].includes(op.method)
          ? /repeating this request is safe/
          : /may already have processed the request/,
      );
    }
  });

  it('a dry run shows the request the real client builds, without sending; an operation the client lacks is a clear tool error', async () => {
    let sentSomething = false;
    const published = createPostpressClient({ apiKey: KEY, logLevel: 'off' });
    const { call } = await connect({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9' });
    const originalFetch = globalThis.fetch;
    globalThis.fetch = async () => {
      sentSomething = true;
      throw new Error('nothing may be sent');
    };
    try {
      let shown = 0;
      for (const op of model.operations.filter((o) => o.method !== 'GET')) {
        const { path, params, all } = argsFor(op);
        const result = await call(toolName(op.operationId), { ...all, dry_run: true });
        if (typeof (published as unknown as Record<string, unknown>)[op.operationId] !== 'function') {
          // Until @postpress/client has a method per operation of the model.
          expect(result.isError).toBe(true);
          expect(result.content[0]?.text).toMatch(/has no method .*nothing was sent/);
          continue;
        }
        expect(result.isError, `${op.operationId}: ${result.content[0]?.text}`).toBeFalsy();
        const shownRequest = result.structuredContent!;
        expect(shownRequest.dry_run).toBe(true);
        expect(shownRequest.method).toBe(op.method);
        const url = new URL(shownRequest.url);
        expect(decodeURIComponent(url.pathname)).toBe(
          op.path.replace(/\{([^}]+)\}/g, (_, name) => path[name as keyof typeof path] as string),
        );
        for (const p of nonPath(op).filter((p) => p.in === 'header'))
          expect(shownRequest.headers?.[p.name]).toBe(params[p.name]);
        const body = Object.fromEntries(Object.entries(params).filter(([k]) => !nonPath(op).some((p) => p.name === k)));
        if (op.requestBody?.multipart) {
          const names = new Set(op.requestBody.multipart.parts.map((p) => p.name));
          expect(shownRequest.parts.length).toBeGreaterThan(0);
          for (const part of shownRequest.parts) expect(names.has(part.name), part.name).toBe(true);
        } else if (op.requestBody) expect(shownRequest.body).toEqual(body);
        expect(result.content[0]?.text).toMatch(
          new RegExp(`^Dry run of ${toolName(op.operationId)}: nothing was sent`),
        );
        shown++;
      }
      expect(shown).toBeGreaterThan(0);
      expect(sentSomething).toBe(false);
    } finally {
      globalThis.fetch = originalFetch;
    }
  });
});

describe('exposing only some tools', () => {
  it('lists only the named tools, in catalog order, and refuses calls to the others', async () => {
    const names = [model.operations.at(-1)!, model.operations[0]!].map((op) => toolName(op.operationId));
    const { tools, call } = await connect({ tools: names, apiKey: KEY, createClient: recordingClient([]) });
    expect(tools.map((t) => t.name)).toEqual([...names].reverse());
    const hidden = toolName(model.operations[1]!.operationId);
    await expect(call(hidden, {})).rejects.toThrow(`Unknown tool: ${hidden}`);
  });

  it('refuses unknown names at start, saying which, suggesting the snake_case name, and listing the real ones', () => {
    const op = model.operations[0]!;
    let error: unknown;
    try {
      createPostpressMcpServer({ catalog, tools: [op.operationId, 'send_fax'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PostpressMcpConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`"${op.operationId}" (did you mean ${toolName(op.operationId)}?)`);
    expect(message).toContain('"send_fax"');
    expect(message).toContain('POSTPRESS_MCP_TOOLS');
    for (const o of model.operations) expect(message).toContain(toolName(o.operationId));
    expect(() => createPostpressMcpServer({ catalog, tools: [] })).toThrow(/empty/);
  });

  it('says in the instructions only what the listed tools need', async () => {
    const reads = model.operations.filter((op) => op.method === 'GET' && !op.pagination);
    const { client } = await connect({ tools: reads.map((op) => toolName(op.operationId)) });
    const readOnly = client.getInstructions() ?? '';
    expect(readOnly).toContain(model.api.summary);
    expect(readOnly).not.toMatch(/dry_run|File arguments|List tools/);
    const all = (await connect()).client.getInstructions() ?? '';
    expect(all).toMatch(/dry_run: true/);
    expect(all).toMatch(/File arguments are local paths/);
    expect(all).toContain(
      `pass the page's \`${model.operations.find((op) => op.pagination)?.pagination?.nextCursorField}\``,
    );
  });
});
