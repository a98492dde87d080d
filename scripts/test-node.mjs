#!/usr/bin/env node
// `pnpm test:node 22 24`: runs the tests that depend on the runtime under other Node majors.
// Each Node comes from the npm registry (`node-<platform>-<arch>@<major>`, the official binaries),
// unpacked once into node_modules/.cache/node-versions/ and reused; nothing else is downloaded.
// Vitest runs under that Node (its workers and any process a test spawns with process.execPath
// or `node` on PATH use it too). Exit code: non-zero if any version failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMain } from './write-generated.mjs';

const root = resolve(import.meta.dirname, '..');

/** What depends on the runtime: a package folder runs all its tests, a file runs that file. Add new ones here. */
export const RUNTIME_SUITES = [
  'packages/client',
  'packages/mock',
  'packages/release-check/test/consumer-flow.test.ts',
  'packages/mcp',
];

const cacheDir = join(root, 'node_modules/.cache/node-versions');

/** The path of the `node` binary of that major (or exact version), installed from the npm registry if absent. */
export function nodeBinary(major) {
  const name = `node-${process.platform}-${process.arch}`;
  const dir = join(cacheDir, `${name}@${major}`);
  const bin = join(dir, 'bin/node');
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: tmp, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    return r.stdout;
  };
  process.stderr.write(`installing ${name}@${major} from the npm registry…\n`);
  run('npm', ['pack', `${name}@${major}`, '--silent']);
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${name}@${major} gave no tarball`);
  run('tar', ['-xzf', tarball, '--strip-components=1']);
  rmSync(join(tmp, tarball));
  renameSync(tmp, dir); // atomically: a half-unpacked folder is never taken for an installed one
  return bin;
}

export function runSuites(major, suites = RUNTIME_SUITES) {
  const node = major === 'current' ? process.execPath : nodeBinary(major);
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(`\n── Node ${version}: ${suites.join(', ')}\n`);
  const started = performance.now();
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const r = spawnSync(node, [vitest, 'run', ...suites], {
    cwd: root,
    stdio: 'inherit',
    // POSTPRESS_TEST_NODE: tests that search wide (property tests) search less under another Node.
    env: { ...process.env, PATH: `${join(node, '..')}:${process.env.PATH}`, POSTPRESS_TEST_NODE: version },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const ok = r.status === 0;
  process.stdout.write(`── Node ${version}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s\n`);
  return ok;
}

if (isMain(import.meta.url)) {
  const majors = process.argv.slice(2);
  if (majors.length === 0 || majors.some((m) => !/^(\d+|current)$/.test(m))) {
    process.stderr.write('usage: node scripts/test-node.mjs <major|current>... (e.g. 22 24)\n');
    process.exit(2);
  }
  // The CI workflow runs these suites on each Node in jobs of their own (.github/workflows/ci.yml):
  // its .ci/run job says so here instead of running them a second time under a Node it downloads.
  if (process.env.POSTPRESS_NODE_MATRIX === 'jobs' && !majors.includes('current')) {
    process.stdout.write(
      `\n── Node ${majors.join(', ')}: not run here (POSTPRESS_NODE_MATRIX=jobs: the CI workflow's runtime jobs run them on each Node)\n`,
    );
    process.exit(0);
  }
  const failed = majors.filter((major) => !runSuites(major));
  if (failed.length) process.stdout.write(`\nNode matrix failed on: ${failed.join(', ')}\n`);
  process.exit(failed.length ? 1 : 0);
}
