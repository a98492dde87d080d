import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    // Time limits for a loaded 2-core machine (never a benchmark): tests start the mock server
    // (in hooks), spawn its CLI and replay every recording through it.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
