import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './reference-pages.js';

const require = createRequire(import.meta.url);

export const bundleScript = join(repoRoot, 'scripts/bundle-spec.mjs');

/** Runs the real bundle script on a spec root, into `out`. */
export function runBundle(root: string, out: string) {
  const run = spawnSync(process.execPath, [bundleScript, '--root', root, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/** A private copy of everything the bundle reads, to break on purpose. */
export function copySpecRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postpress-spec-'));
  for (const entry of ['spec', 'redocly.yaml', '.redocly.lint-ignore.yaml', 'scripts/redocly']) {
    cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** What the bundle writes: each file a broken spec must leave as it was. */
export const DIST_FILES = ['openapi.json', 'openapi.yaml', 'operations.json', 'operations.d.ts', 'openapi.wire.json'];

/**
 * Breaks one file of a private spec copy, bundles it over a previous good output, and reports the
 * run and what each output file holds afterwards (`previous good <name>` when it was left alone).
 */
export function bundleBroken(file: string, edit: (text: string) => string) {
  const root = copySpecRoot();
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changes nothing`);
  writeFileSync(path, after);
  const out = join(root, 'dist');
  mkdirSync(out);
  for (const name of DIST_FILES) writeFileSync(join(out, name), `previous good ${name}`);
  const run = runBundle(root, out);
  return { ...run, files: Object.fromEntries(DIST_FILES.map((name) => [name, readFileSync(join(out, name), 'utf8')])) };
}

/** The outputs as bundleBroken wrote them before the run: nothing touched. */
export const UNTOUCHED = Object.fromEntries(DIST_FILES.map((name) => [name, `previous good ${name}`]));

export const distDir = join(repoRoot, 'packages/openapi/dist');

/** A dev dependency's command-line entry point, to run with this Node. */
export function binOf(pkg: string, name = pkg.split('/').pop() as string): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : (bin[name] as string));
}
