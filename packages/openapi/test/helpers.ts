import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './reference-pages.js';

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
