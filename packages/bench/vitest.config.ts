import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    // Time limits for a loaded 2-core machine (never a benchmark): size-limit bundles each entry
    // point with esbuild. Budgets are sizes, not times.
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
});
