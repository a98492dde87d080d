// Issue 19: on Node 24, fetch given an already-aborted signal and a FormData body throws from a
// stream callback, outside the promise, and the user's process dies. The client must never do
// that on any Node we support; `pnpm test:node 22 24` runs this file under each of them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe(`the caller's process survives (Node ${process.version})`, () => {
  it('a pre-aborted signal, an abort mid-upload and a timeout mid-upload, five times each', { timeout: 60_000 }, () => {
    // A child process, so that an uncaught throw ends it (with a non-zero code) rather than the test runner.
    const child = spawnSync(process.execPath, [join(import.meta.dirname, 'fixtures/survive-aborts.mjs')], {
      encoding: 'utf8',
      timeout: 55_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const { node, outcomes } = JSON.parse(child.stdout);
    expect(node).toBe(process.version);
    expect(outcomes).toEqual({
      pre: Array(5).fill('abort'),
      mid: Array(5).fill('abort'),
      timeout: Array(5).fill('timeout'),
    });
  });
});
