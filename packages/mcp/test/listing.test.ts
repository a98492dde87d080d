// The tool listing is read by the model on every turn: it stays small per tool. Measured as MCP clients
// receive it (tools/list through the SDK client), in tokens ≈ JSON characters / 4.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressMcpServer, type GeneratedCatalog } from '../src/index.js';
import { fixtureCatalog } from './helpers.js';

/** Budgets, in tokens: the published spec's two tools took 3,746 before issue 22 (1,873 per tool). */
const MAX_PER_TOOL = 2_000;
const MAX_AVERAGE = 1_200;

let fixture: GeneratedCatalog;
let cleanup = () => {};
beforeAll(async () => {
  ({ catalog: fixture, cleanup } = await fixtureCatalog());
}, 120_000);
afterAll(() => cleanup());

async function listing(catalog?: GeneratedCatalog) {
  const server = createPostpressMcpServer({ ...(catalog ? { catalog } : {}), log: () => {} });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'listing-test', version: '0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  return (await client.listTools()).tools;
}

const tokens = (value: unknown) => Math.ceil(JSON.stringify(value).length / 4);

describe.each([
  ['the published spec', undefined],
  ['the fixture spec', 'fixture'],
])('the tool listing of %s', (_, which) => {
  it(`stays under ${MAX_PER_TOOL} tokens per tool and ${MAX_AVERAGE} on average`, async () => {
    const tools = await listing(which ? fixture : undefined);
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) expect(tokens(tool), tool.name).toBeLessThanOrEqual(MAX_PER_TOOL);
    expect(tokens({ tools }) / tools.length).toBeLessThanOrEqual(MAX_AVERAGE);
  });

  it('has short descriptions with no guidance repeated from tool to tool (that is in the instructions, once)', async () => {
    const tools = await listing(which ? fixture : undefined);
    const seen = new Map<string, string>();
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeLessThanOrEqual(300);
      for (const sentence of (tool.description ?? '').split(/(?<=\.)\s+/).filter((s) => s.length >= 40)) {
        expect(seen.get(sentence), `"${sentence}" in ${tool.name}`).toBeUndefined();
        seen.set(sentence, tool.name);
      }
    }
    const listed = JSON.stringify(tools);
    expect(listed).not.toMatch(/errors\/|"examples"|confirm|retrying/i);
  });
});
