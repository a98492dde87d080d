// The size budgets of @postpress/client's entry points, checked by size-limit's own CLI (esbuild, minified, gzip).
// A size check, not a timing: it is deterministic for a given build of the client.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface SizeCheck {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

it('each @postpress/client entry point bundles within its gzip budget', async () => {
  const config = JSON.parse(await readFile(`${root}.size-limit.json`, 'utf8')) as { name: string; limit: string }[];
  // size-limit exits 1 when over budget; its JSON report is on stdout either way.
  const stdout = await promisify(execFile)(process.execPath, ['node_modules/size-limit/bin.js', '--json'], {
    cwd: root,
    timeout: 120_000, // generous: a loaded 2-core machine
  }).then(
    (r) => r.stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const checks = JSON.parse(stdout) as SizeCheck[];
  expect(checks.map((c) => c.name)).toEqual(config.map((c) => c.name));
  for (const [i, check] of checks.entries()) {
    const limit = Number.parseInt(config[i]!.limit, 10);
    expect(check.sizeLimit).toBe(limit);
    expect(check.size, `${check.name}: gzip size ${check.size} B > budget ${limit} B`).toBeLessThanOrEqual(limit);
    expect(check.size).toBeGreaterThan(1000); // a broken entry (nothing bundled) must not pass as "small"
    expect(check.passed).toBe(true);
  }
}, 90_000);
