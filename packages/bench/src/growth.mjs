// Growth budgets (issue 22): the pipeline on specs of 2 (the published one), 20 and 100 operations,
// and what each output costs as the spec grows. An app that imports one operation must pay the same
// whatever the spec's size; every docs page stays fast on a slow phone; docs build time and the MCP
// tool list grow linearly. Bench only: the generated specs are never published.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createPostpressMcpServer } from '@postpress/mcp';
import { transform } from 'esbuild';
import { runPipeline } from '../../../scripts/pipeline.mjs';
import { buildSite } from '../../docs/scripts/build-site.mjs';
import { clientBytes } from './client-bytes.mjs';
import { docsTimeToInteractive } from './docs.mjs';
import { growthSpec } from './growth-spec.mjs';
import { median } from './stats.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const ONE_OPERATION_BUDGET = 6000;

/** The `tools/list` answer an MCP client receives for the generated tools, in JSON characters. */
async function toolListChars(toolsFile, dir) {
  const { code } = await transform(readFileSync(toolsFile, 'utf8'), { loader: 'ts' });
  const module = join(dir, `tools-${toolsFile.length}-${Date.now()}.mjs`); // a new URL: ESM caches by URL
  writeFileSync(module, code);
  const catalog = await import(pathToFileURL(module).href);
  const server = createPostpressMcpServer({ catalog, log: () => {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(clientSide);
  const { tools } = await client.listTools();
  await client.close();
  return { tools: tools.length, chars: JSON.stringify(tools).length };
}

export async function growth({ log = () => {}, rounds = 3 } = {}) {
  const rows = [];
  const curve = [];
  const work = mkdtempSync(join(tmpdir(), 'postpress-growth-'));
  try {
    for (const n of [2, 20, 100]) {
      const { spec, config } =
        n === 2
          ? { spec: join(repo, 'spec/openapi.yaml'), config: join(repo, 'redocly.yaml') }
          : await growthSpec(n, join(work, `spec-${n}`));
      log(`growth: the pipeline on ${n} operations…`);
      const paths = await runPipeline({ spec, config, out: join(work, `out-${n}`), docs: true });
      const model = JSON.parse(readFileSync(paths.model, 'utf8'));
      const ids = model.operations.map((o) => o.operationId);
      // The heaviest single operation (by its own bytes in the bundle) is the one an app pays most for.
      const one = Math.max(...(await Promise.all(ids.slice(0, 8).map((id) => clientBytes(paths.client, [id])))));
      const all = await clientBytes(paths.client, '*');
      const builds = [];
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        await buildSite({ modelPath: paths.model, out: join(work, `docs-${n}-${i}`), quiet: true });
        builds.push(performance.now() - started);
      }
      const list = await toolListChars(paths.mcp, work);
      curve.push({ n, one, all, docsMs: median(builds), tokens: list.chars / 4, perTool: list.chars / 4 / list.tools });
      for (const r of await docsTimeToInteractive({ log, dist: paths.docs, rounds, label: ` at ${n} operations` }))
        if (!/bare static page|landing|changelog/.test(r[1])) rows.push(r);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const what = 'growth: 2, 20 and 100 operations (generated from the fixture spec; bench only)';
  const [small, mid, big] = curve;
  for (const c of curve) {
    rows.push([
      what,
      `${c.n} operations: app importing one operation / every operation (gzip)`,
      `${c.one} B / ${c.all} B`,
      `${(c.one / small.one).toFixed(2)}× / ${(c.all / small.all).toFixed(2)}×`,
      `one operation ≤ ${ONE_OPERATION_BUDGET} B`,
      c.one <= ONE_OPERATION_BUDGET,
    ]);
  }
  for (const c of curve) {
    rows.push([
      what,
      `${c.n} operations: docs build / MCP tool list`,
      `${(c.docsMs / 1000).toFixed(2)} s / ${Math.round(c.tokens)} tokens (${Math.round(c.perTool)} per tool)`,
      `${(c.docsMs / small.docsMs).toFixed(2)}× / ${(c.tokens / small.tokens).toFixed(2)}×`,
      c === big ? 'linear: per operation at 100 ≤ 1.5× per operation at 20' : '',
      c === big ? big.docsMs / big.n <= (1.5 * mid.docsMs) / mid.n && big.perTool <= 1.5 * mid.perTool : undefined,
    ]);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await growth({ log: (line) => process.stderr.write(`${line}\n`) }))
    console.log(`| ${r.slice(0, 5).join(' | ')} | ${r[5] === undefined ? '' : r[5] ? 'yes' : '**no**'} |`);
}
