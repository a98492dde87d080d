#!/usr/bin/env node
// The whole pipeline on any spec, into one folder, the way `pnpm build` runs it on spec/: bundle and
// operations model and wire view (bundle-spec.mjs), types (generate-types.mjs), the client's
// operations table (generate-client.mjs), the MCP tools (generate-mcp-tools.mjs) and the docs site
// (packages/docs/scripts/build-site.mjs). The tests run it on fixture specs (never published) to prove
// every generator handles every operation shape; the bench runs it on generated 20- and 100-operation
// specs. Output is cached by the inputs' content, so the test files that share a fixture build it once.
//   node scripts/pipeline.mjs --spec packages/openapi/test/fixtures/every-shape/openapi.yaml [--out dir] [--no-docs]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildOpenapi, writeAll } from './bundle-spec.mjs';
import { generateClientOperations } from './generate-client.mjs';
import { generateMcpTools } from './generate-mcp-tools.mjs';
import { generateTypes } from './generate-types.mjs';
import { isMain } from './write-generated.mjs';

const repoRoot = resolve(import.meta.dirname, '..');
const cacheRoot = join(repoRoot, 'node_modules/.cache/postpress-pipeline');

/** Every file under `dir` (the spec's own folder), for the cache key. */
function filesUnder(dir, into = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) filesUnder(path, into);
    else into.push(path);
  }
  return into;
}

/** What the output depends on: the spec folder, the published spec it may refer to, and the pipeline's scripts. */
function cacheKey(spec, docs) {
  const hash = createHash('sha256').update(String(docs));
  const inputs = [
    ...filesUnder(dirname(spec)),
    ...filesUnder(join(repoRoot, 'spec')),
    ...filesUnder(join(repoRoot, 'scripts')),
    join(repoRoot, 'packages/client/src/shapes.ts'), // copied into the client's operations file
    ...filesUnder(join(repoRoot, 'packages/openapi/schema')),
    ...(docs ? filesUnder(join(repoRoot, 'packages/docs/scripts')) : []),
    ...(docs ? filesUnder(join(repoRoot, 'packages/docs/assets')) : []),
    ...(docs ? filesUnder(join(repoRoot, 'packages/docs/content')) : []),
    ...(docs ? filesUnder(join(repoRoot, 'packages/samples/src')) : []),
    join(repoRoot, 'redocly.yaml'),
  ].filter((f) => !f.includes('/recordings/'));
  for (const file of inputs.sort()) hash.update(relative(repoRoot, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Runs the pipeline on `spec` into `out` (default: a cache folder keyed by the inputs). Returns the
 * paths of what it wrote. Throws with the failing step's output when a step fails.
 */
export async function runPipeline({ spec, out, docs = true, config = join(repoRoot, 'redocly.yaml') }) {
  const specPath = resolve(spec);
  const target = out ? resolve(out) : join(cacheRoot, cacheKey(specPath, docs));
  const paths = {
    root: target,
    openapi: join(target, 'openapi'),
    bundle: join(target, 'openapi/openapi.json'),
    wire: join(target, 'openapi/openapi.wire.json'),
    model: join(target, 'openapi/operations.json'),
    types: join(target, 'types/openapi.ts'),
    client: join(target, 'client/operations.ts'),
    mcp: join(target, 'mcp/tools.ts'),
    docs: docs ? join(target, 'docs') : undefined,
  };
  if (!out && existsSync(join(target, '.complete'))) return paths;
  const staged = `${target}.${process.pid}.tmp`;
  rmSync(staged, { recursive: true, force: true });
  try {
    const { files, model } = await buildOpenapi({ spec: specPath, configPath: resolve(config) });
    writeAll(join(staged, 'openapi'), files);
    const bundle = JSON.parse(files['openapi.json']);
    const write = (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    };
    write(join(staged, 'types/openapi.ts'), await generateTypes(bundle));
    write(join(staged, 'client/operations.ts'), generateClientOperations(model));
    write(join(staged, 'mcp/tools.ts'), generateMcpTools(model));
    if (docs) {
      const { buildSite } = await import('../packages/docs/scripts/build-site.mjs');
      await buildSite({ modelPath: join(staged, 'openapi/operations.json'), out: join(staged, 'docs'), quiet: true });
    }
    writeFileSync(join(staged, '.complete'), '');
    mkdirSync(dirname(target), { recursive: true });
    if (out) rmSync(target, { recursive: true, force: true });
    // A cache folder is never replaced: test files in other workers may be reading it. When another
    // process built the same inputs meanwhile, its copy is the same and this one is dropped; a folder
    // without .complete is a leftover of an interrupted run, which no reader uses.
    for (let attempt = 0; ; attempt++) {
      if (!out && existsSync(join(target, '.complete'))) return paths;
      try {
        renameSync(staged, target);
        return paths;
      } catch (error) {
        if (out || attempt > 0) throw error;
        if (!existsSync(join(target, '.complete'))) rmSync(target, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { spec: { type: 'string' }, out: { type: 'string' }, 'no-docs': { type: 'boolean', default: false } },
  });
  if (!values.spec) {
    console.error('usage: node scripts/pipeline.mjs --spec <openapi.yaml> [--out dir] [--no-docs]');
    process.exit(2);
  }
  try {
    const paths = await runPipeline({ spec: values.spec, out: values.out, docs: !values['no-docs'] });
    console.log(`pipeline → ${relative(process.cwd(), paths.root)}`);
  } catch (error) {
    console.error(`✖ pipeline failed: ${error.message}`);
    process.exitCode = 1;
  }
}
