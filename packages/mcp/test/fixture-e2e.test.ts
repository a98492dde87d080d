// The whole chain on the fixture spec (every operation shape), as an agent's host runs it: the pipeline
// generates the fixture's client operations and tools (scripts/pipeline.mjs), the MCP server serves the
// tools and calls the real @postpress/client built from those operations, which talks to
// @postpress/mock serving the fixture's model. Each tool is called with the spec's own examples and
// must come back with the mock's documented answer. Nothing here names an operation.
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createPostpressClientWith, type OperationDescriptor } from '@postpress/client';
import { type MockServer, startMockServer } from '@postpress/mock';
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { runPipeline } from '../../../scripts/pipeline.mjs';
import { createPostpressMcpServer, type GeneratedCatalog } from '../src/index.js';
import { fixtureSpec } from './helpers.js';

type Result = { isError?: boolean; content: { type: string; text: string }[]; structuredContent?: unknown };

let model: OperationsModel;
let mock: MockServer;
let client: Client;

beforeAll(async () => {
  const paths = await runPipeline({ spec: fixtureSpec, docs: false });
  model = (await import(pathToFileURL(paths.model).href, { with: { type: 'json' } })).default;
  const catalog = (await import(pathToFileURL(paths.mcp).href)) as GeneratedCatalog;
  const { operations } = (await import(pathToFileURL(paths.client).href)) as {
    operations: Record<string, OperationDescriptor>;
  };
  mock = await startMockServer({ model });
  const server = createPostpressMcpServer({
    apiKey: 'pp_test_fixtureEndToEnd01',
    baseUrl: mock.url,
    catalog,
    createClient: (options) => createPostpressClientWith(operations, options),
    log: () => {},
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'fixture-e2e', version: '1' });
  await client.connect(clientSide);
}, 180_000);
afterAll(async () => {
  await client?.close();
  await mock?.close();
});

const toolOf = (op: Operation) => op.operationId.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const exampleOf = (p: Operation['parameters'][number]) =>
  p.examples[0]?.value ?? (p.schema as { examples?: unknown[] }).examples?.[0];

/** A call's arguments from the spec's own examples: each parameter's example, then the first body example. */
function argumentsOf(op: Operation): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const p of op.parameters) {
    const value = exampleOf(p) ?? (p.in === 'path' ? 'id_1' : undefined);
    if (value !== undefined) args[p.name] = value;
  }
  const body = op.requestBody?.examples[0]?.value;
  if (body && typeof body === 'object' && !Array.isArray(body)) Object.assign(args, body);
  return args;
}

describe('every fixture tool, called through the MCP SDK, sent by the real client to the mock', () => {
  it('lists one tool per operation of the fixture', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(model.operations.map(toolOf).sort());
  });

  it('answers each call with the operation’s documented success', async () => {
    const seen: string[] = [];
    for (const op of model.operations) {
      const result = (await client.callTool({ name: toolOf(op), arguments: argumentsOf(op) })) as Result;
      const text = result.content.map((c) => c.text).join('\n');
      expect(result.isError, `${op.operationId}: ${text}`).toBeFalsy();
      const success = op.responses.find((r) => r.success);
      if (success?.schema) expect(result.structuredContent, op.operationId).toEqual(success.examples[0]?.value);
      else expect(result.structuredContent, op.operationId).toEqual({ ok: true });
      seen.push(`${op.method} ${success?.status}`);
    }
    // Every method and both kinds of success (a body, none) went through.
    expect(new Set(seen.map((s) => s.split(' ')[0]))).toEqual(new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']));
    expect(seen).toContain('DELETE 204');
  });

  it('what the mock received is what the spec says each operation takes', async () => {
    const received = mock.requests();
    for (const op of model.operations) {
      const route = new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?|$)`);
      const status = op.responses.find((x) => x.success)?.status;
      const request = received.find(
        (r) => r.method === op.method && r.response?.status === status && route.test(r.path),
      );
      expect(request, `${op.method} ${op.path}`).toBeDefined();
    }
  });
});
