import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Time limits for a loaded 2-core machine (never a benchmark): tests start the mock server
    // (in hooks), spawn its CLI and replay every recording through it.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
