// Specs of N operations for the growth benchmarks (bench only, never published): the fixture spec's
// operations (every shape, the two real ones among them) copied under new paths and operationIds
// until there are N, written as one bundled openapi.json that the pipeline lints, models and builds
// like any spec.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenapi } from '../../../scripts/bundle-spec.mjs';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
export const FIXTURE = join(repo, 'packages/openapi/test/fixtures/every-shape/openapi.yaml');
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

let fixtureBundle;
async function fixture() {
  fixtureBundle ??= JSON.parse(
    (await buildOpenapi({ spec: FIXTURE, configPath: join(repo, 'redocly.yaml') })).files['openapi.json'],
  );
  return fixtureBundle;
}

/**
 * Writes a spec of exactly `n` operations into `dir`/openapi.json, with the repository's lint config
 * beside it (its known false positive ignored at the bundled location, for the same reason as in
 * spec/). Returns both paths.
 */
export async function growthSpec(n, dir) {
  const base = await fixture();
  const operations = Object.entries(base.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })),
  );
  const doc = { ...structuredClone(base), paths: {} };
  for (let i = 0; i < n; i++) {
    const { path, method, op } = operations[i % operations.length];
    const copy = Math.floor(i / operations.length);
    const at = copy === 0 ? path : `/api/v1/copy${copy}${path.slice('/api/v1'.length)}`;
    doc.paths[at] ??= {};
    doc.paths[at][method] = {
      ...structuredClone(op),
      operationId: copy === 0 ? op.operationId : `${op.operationId}${copy}`,
    };
  }
  doc.info = { ...doc.info, title: `postpress API (${n} operations, bench)` };
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'openapi.json');
  writeFileSync(spec, `${JSON.stringify(doc, null, 2)}\n`);
  const config = join(dir, 'redocly.yaml');
  writeFileSync(
    config,
    readFileSync(join(repo, 'redocly.yaml'), 'utf8')
      .replace('root: spec/openapi.yaml', 'root: openapi.json')
      .replace('- scripts/redocly/house-rules.cjs', `- ${join(repo, 'scripts/redocly/house-rules.cjs')}`),
  );
  writeFileSync(
    join(dir, '.redocly.lint-ignore.yaml'),
    'openapi.json:\n  no-illogical-composition-keywords:\n    - "#/components/schemas/StartChatRequest/properties/linkedin/oneOf"\n',
  );
  return { spec, config };
}
