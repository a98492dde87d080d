// Compiles a consumer file against the built package with TypeScript 5.9 and TypeScript 7, strict,
// with and without exactOptionalPropertyTypes. Needs `pnpm build` first (dist/ is what users get).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const here = import.meta.dirname;
const compilers = {
  'TypeScript 5.9': resolve(dirname(require.resolve('typescript/package.json')), 'bin/tsc'),
  'TypeScript 7': resolve(dirname(require.resolve('typescript7/package.json')), 'bin/tsc'),
};

function compile(tsc: string, file: string, exactOptionalPropertyTypes: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'postpress-types-consumer-'));
  const tsconfig = {
    compilerOptions: {
      strict: true,
      exactOptionalPropertyTypes,
      noEmit: true,
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: [],
      skipLibCheck: false,
    },
    files: [resolve(here, 'consumer', file)],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// Each test spawns a compiler: generous limits, the machine is shared and slow.
const COMPILE_TIMEOUT = 120_000;

describe.each(Object.entries(compilers))('%s', (_name, tsc) => {
  it.each([false, true])(
    'compiles a consumer strictly (exactOptionalPropertyTypes: %s)',
    (exact) => {
      const run = compile(tsc, 'consumer.ts', exact);
      expect(run.output).toBe('');
      expect(run.status).toBe(0);
    },
    COMPILE_TIMEOUT,
  );

  it(
    'rejects a recruiter-only field on a Classic body',
    () => {
      const run = compile(tsc, 'misuse.ts', false);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain('signature');
    },
    COMPILE_TIMEOUT,
  );

  it(
    'accepts an explicit undefined for every optional request-body field under exactOptionalPropertyTypes',
    () => {
      // exact-optional.ts also holds the counter-checks (@ts-expect-error): a required field and a
      // response body's optional field still reject undefined, so an unused expectation fails here too.
      const run = compile(tsc, 'exact-optional.ts', true);
      expect(run.output).toBe('');
      expect(run.status).toBe(0);
    },
    COMPILE_TIMEOUT,
  );
});
