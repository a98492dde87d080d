import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    name: 'interop',
    // Time limits for a loaded 2-core machine (never a benchmark): generators, tsc and Prism start here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
