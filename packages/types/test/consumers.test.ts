// Compiles a consumer file against the built package with TypeScript 5.9 and TypeScript 7, strict,
// with and without exactOptionalPropertyTypes. Needs `pnpm build` first (dist/ is what users get).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const here = import.meta.dirname;
const compilers = {
  'TypeScript 5.9': resolve(dirname(require.resolve('typescript/package.json')), 'bin/tsc'),
  'TypeScript 7': resolve(dirname(require.resolve('typescript7/package.json')), 'bin/tsc'),
};

interface Run {
  status: number | null;
  output: string;
}

function compile(tsc: string, file: string, exactOptionalPropertyTypes: boolean): Promise<Run> {
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
      // About how our types serve a user's code; the declarations themselves are checked in full once,
      // packed, by packages/release-check (nodenext, skipLibCheck: false).
      skipLibCheck: true,
    },
    files: [resolve(here, 'consumer', file)],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  const child = spawn(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((done) => child.on('close', (status) => done({ status, output })));
}

describe.each(Object.entries(compilers))('%s', (_name, tsc) => {
  // The compiler's runs start together, once, in this hook; the tests read their results. A
  // compile takes ~2 s alone and over 30 s on a loaded 2-core machine: the hook's limit is sized for that.
  const runs: Partial<Record<'loose' | 'exact' | 'misuse' | 'exactOptional', Run>> = {};
  beforeAll(async () => {
    [runs.loose, runs.exact, runs.misuse, runs.exactOptional] = await Promise.all([
      compile(tsc, 'consumer.ts', false),
      compile(tsc, 'consumer.ts', true),
      compile(tsc, 'misuse.ts', false),
      compile(tsc, 'exact-optional.ts', true),
    ]);
  }, 300_000);

  it.each([false, true])('compiles a consumer strictly (exactOptionalPropertyTypes: %s)', (exact) => {
    const run = (exact ? runs.exact : runs.loose)!;
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });

  it('rejects a recruiter-only field on a Classic body', () => {
    const run = runs.misuse!;
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('signature');
  });

  it('accepts an explicit undefined for every optional request-body field under exactOptionalPropertyTypes', () => {
    // exact-optional.ts also holds the counter-checks (@ts-expect-error): a required field and a
    // response body's optional field still reject undefined, so an unused expectation fails here too.
    const run = runs.exactOptional!;
    expect(run.output).toBe('');
    expect(run.status).toBe(0);
  });
});
