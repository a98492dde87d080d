// The size budgets of @postpress/client's entry points, checked by size-limit's own CLI (esbuild, minified, gzip),
// and every operation shape alone (the fixture spec's, through the pipeline), measured as the growth bench does.
// A size check, not a timing: it is deterministic for a given build of the client.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { runPipeline } from '../../../scripts/pipeline.mjs';
import { clientBundle, clientBytes } from '../src/client-bytes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ONE_OPERATION_BUDGET = 6000;
const FIXTURE = join(root, '../openapi/test/fixtures/every-shape/openapi.yaml');

interface ModelOperation {
  operationId: string;
  parameters: { in: string }[];
  requestBody: { multipart?: object } | null;
  pagination: object | null;
}

/** A text of each piece of src/shapes.ts that a minifier keeps, checked there (so a rename fails here). */
async function shapeMarkers() {
  const shapes = await readFile(join(root, '../client/src/shapes.ts'), 'utf8');
  const markers = {
    query: 'a query parameter',
    json: 'a JSON body',
    form: 'a multipart field',
    pages: "that repeats this page's",
  };
  for (const marker of Object.values(markers)) expect(shapes).toContain(marker);
  return Object.entries(markers);
}

/** The pieces of src/shapes.ts an operation's data needs: its query, its JSON or multipart body, paging. */
const needsOf = (op: ModelOperation): Record<string, boolean> => ({
  query: op.parameters.some((p) => p.in === 'query'),
  json: Boolean(op.requestBody && !op.requestBody.multipart),
  form: Boolean(op.requestBody?.multipart),
  pages: Boolean(op.pagination),
});

interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}
interface Config {
  name: string;
  import: string;
  limit: string;
}

/** size-limit's JSON report of the checks configured in `cwd` (it exits 1 when one is over budget). */
async function sizeLimit(cwd: string): Promise<SizeCheck[]> {
  const stdout = await promisify(execFile)(process.execPath, [join(root, 'node_modules/size-limit/bin.js'), '--json'], {
    cwd,
    timeout: 120_000, // generous: a loaded 2-core machine
  }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  return JSON.parse(stdout) as SizeCheck[];
}

it('each @postpress/client entry point bundles within its gzip budget', async () => {
  const config = createRequire(import.meta.url)(`${root}.size-limit.cjs`) as Config[];
  const checks = await sizeLimit(root);
  expect(checks.map((c) => c.name)).toEqual(config.map((c) => c.name));
  for (const [i, check] of checks.entries()) {
    const limit = Number.parseInt(config[i]!.limit, 10);
    expect(check.sizeLimit).toBe(limit);
    expect(check.size, `${check.name}: gzip size ${check.size} B > budget ${limit} B`).toBeLessThanOrEqual(limit);
    expect(check.size).toBeGreaterThan(1000); // a broken entry (nothing bundled) must not pass as "small"
    expect(check.passed).toBe(true);
  }
}, 90_000);

it('an app that imports one operation pays for that one only, whichever it is, within 6,000 B', async () => {
  const { operations } = JSON.parse(await readFile(join(root, '../openapi/dist/operations.json'), 'utf8')) as {
    operations: { operationId: string }[];
  };
  const ids = operations.map((op) => op.operationId);
  const config = createRequire(import.meta.url)(`${root}.size-limit.cjs`) as Config[];
  const configured = config.find((c) => /createPostpressClientWith, \w+ \}/.test(c.import));
  expect(configured, '.size-limit.cjs checks createPostpressClientWith with one operation').toBeDefined();
  expect(ids).toContain(/createPostpressClientWith, (\w+) \}/.exec(configured!.import)![1]);
  expect(Number.parseInt(configured!.limit, 10)).toBe(ONE_OPERATION_BUDGET);
  // Every operation alone, and all of them, measured the same way (inside this package, so that
  // @postpress/client resolves as it does for the configured checks).
  const cache = join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'size-'));
  try {
    writeFileSync(join(dir, 'entry.js'), "export * from '@postpress/client';\n");
    const checks = [...ids, 'operations'].map((id) => ({
      name: id,
      path: 'entry.js',
      import: id === 'operations' ? '{ createPostpressClient }' : `{ createPostpressClientWith, ${id} }`,
      limit: `${ONE_OPERATION_BUDGET} B`,
      gzip: true,
    }));
    writeFileSync(join(dir, '.size-limit.json'), JSON.stringify(checks));
    const sizes = Object.fromEntries((await sizeLimit(dir)).map((c) => [c.name, c.size]));
    expect(Object.keys(sizes)).toEqual(checks.map((c) => c.name));
    for (const id of ids) {
      expect(sizes[id], `${id} alone: ${sizes[id]} B`).toBeLessThanOrEqual(ONE_OPERATION_BUDGET);
      expect(sizes[id]).toBeGreaterThan(1000);
      // The others' descriptors are left out (tree-shaken): one operation costs less than all of them.
      if (ids.length > 1) expect(sizes[id], id).toBeLessThan(sizes.operations!);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

it('an app that imports one operation bundles none of the code only other operations need (src/shapes.ts)', async () => {
  const { operations } = JSON.parse(await readFile(join(root, '../openapi/dist/operations.json'), 'utf8')) as {
    operations: ModelOperation[];
  };
  const markers = await shapeMarkers();
  for (const op of operations) {
    const result = await build({
      stdin: {
        contents: `export { createPostpressClientWith, ${op.operationId} } from '@postpress/client';`,
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code.length, op.operationId).toBeGreaterThan(1000);
    const needs = needsOf(op);
    for (const [use, marker] of markers) expect(code.includes(marker), `${op.operationId}: ${use}`).toBe(needs[use]);
  }
}, 60_000);

// Issue 22 holds for any operation shape: GET with a query and paging, JSON, PATCH, PUT, DELETE 204, header
// parameters (the fixture spec, through the pipeline as `pnpm build` runs it on spec/), and the real spec's.
it('every operation shape alone is within 6,000 B (as the growth bench measures it), with exactly the code its data needs', async () => {
  const fixture = await runPipeline({ spec: FIXTURE, docs: false });
  const sets = [
    { file: join(root, '../client/src/generated/operations.ts'), model: join(root, '../openapi/dist/operations.json') },
    { file: fixture.client, model: fixture.model },
  ];
  const markers = await shapeMarkers();
  const needed = new Set<string>();
  const unneeded = new Set<string>();
  for (const set of sets) {
    const { operations } = JSON.parse(await readFile(set.model, 'utf8')) as { operations: ModelOperation[] };
    const all = await clientBytes(set.file, '*');
    for (const op of operations) {
      const { code, bytes } = await clientBundle(set.file, [op.operationId]);
      expect(bytes, `${op.operationId} alone: ${bytes} B`).toBeLessThanOrEqual(ONE_OPERATION_BUDGET);
      expect(bytes).toBeGreaterThan(1000);
      if (operations.length > 1) expect(bytes, op.operationId).toBeLessThan(all);
      const needs = needsOf(op);
      for (const [use, marker] of markers) {
        expect(code.includes(marker), `${op.operationId}: ${use}`).toBe(needs[use]);
        (needs[use] ? needed : unneeded).add(use);
      }
    }
  }
  // The fixture has every shape: each piece is needed by some operation and left out by another.
  expect([...needed].sort()).toEqual(markers.map(([use]) => use).sort());
  expect([...unneeded].sort()).toEqual(markers.map(([use]) => use).sort());
}, 300_000);
