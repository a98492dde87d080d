// The fixture spec's generated types and client operations compile with the client's own source,
// and type its calls as the spec says: a copy of packages/types/src and packages/client/src with the
// fixture's generated files in place of the published spec's, and fixture/usage.ts (typed calls,
// and misuses marked as expected errors, each of which must be one), compiled by tsc, strict, with
// exactOptionalPropertyTypes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from './helpers/fixture.js';

const here = import.meta.dirname;
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
let dir: string;

beforeAll(async () => {
  const { paths } = await buildFixture();
  // Inside the client package, so that openapi-fetch resolves as it does for src/.
  const cache = join(here, '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'fixture-types-'));
  cpSync(join(here, '../../types/src'), join(dir, 'types'), { recursive: true });
  cpSync(join(here, '../src'), join(dir, 'client'), { recursive: true });
  cpSync(paths.types, join(dir, 'types/generated/openapi.ts'));
  cpSync(paths.client, join(dir, 'client/generated/operations.ts'));
  cpSync(join(here, 'fixture/usage.ts'), join(dir, 'client/usage.ts'));
  const tsconfig = {
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      skipLibCheck: true,
      verbatimModuleSyntax: true,
      paths: { '@postpress/types': ['./types/index.ts'] },
    },
    files: ['client/index.ts', 'client/usage.ts'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
}, 300_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('the fixture spec, typed', () => {
  it('its types and client operations compile, and type every shape’s call (usage.ts)', () => {
    const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], {
      encoding: 'utf8',
      timeout: 240_000, // a loaded 2-core machine: tsc alone takes a few seconds
    });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 250_000);
});
