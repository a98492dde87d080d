import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    name: 'docs',
    include: ['test/**/*.test.ts'],
    // One Chromium launch for the whole site file; builds and browsers need more than 5 s. Sized for a
    // loaded 2-core machine: the samples' tsc/tsx runs allow 120 s each (their own spawn limit).
    testTimeout: 150_000,
    hookTimeout: 120_000,
  },
});
