import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Time limits for a loaded 2-core machine (never a benchmark): size-limit bundles each entry
    // point with esbuild. Budgets are sizes, not times.
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
});
