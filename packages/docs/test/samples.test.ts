// The guides' own code (content/samples: the quick start), checked against the real thing: it
// type-checks against @postpress/client and runs against @postpress/mock. The operation pages'
// samples come from packages/samples, whose tests run each one in its language.
// Needs "@postpress/client" and "@postpress/mock" (workspace:*) as devDependencies of this package.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockServer } from '@postpress/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsDir, samplesDir } from './helpers.js';

const API_KEY = 'pp_test_docs_samples_0001';
let mock: { url: string; close(): Promise<void> };
let workDir: string;

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  // Inside this package, so `@postpress/client` resolves from its node_modules like in a reader's project.
  mkdirSync(join(docsDir, 'test-results'), { recursive: true });
  workDir = mkdtempSync(join(docsDir, 'test-results', 'samples-'));
  cpSync(samplesDir, workDir, { recursive: true });
  writeFileSync(join(workDir, 'cv.pdf'), '%PDF-1.4 sample cv\n');
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(
    join(workDir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, types: ['node'], declaration: false },
      include: ['*.ts'],
    }),
  );
});

afterAll(async () => {
  await mock?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', POSTPRESS_API_KEY: API_KEY, POSTPRESS_BASE_URL: mock.url },
    timeout: 120_000, // tsc and tsx compile: generous for a loaded 2-core machine
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

describe("the guides' code against @postpress/client and @postpress/mock", () => {
  it('the TypeScript samples type-check against the client', async () => {
    const tsc = join(docsDir, '../../node_modules/typescript/bin/tsc');
    const { code, stdout, stderr } = await run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    expect(code, stdout + stderr).toBe(0);
  });

  it.each([['quickStart', /^\S+\n$/]])('the TypeScript %s sample runs against the mock', async (name, output) => {
    const tsx = join(docsDir, 'node_modules/tsx/dist/cli.mjs');
    const { code, stdout, stderr } = await run(process.execPath, [tsx, `${name}.ts`]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(output);
    expect(stdout + stderr).not.toContain(API_KEY);
  });
});
