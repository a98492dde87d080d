import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'interop',
    // Time limits for a loaded 2-core machine (never a benchmark): generators, tsc and Prism start here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
