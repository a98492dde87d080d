import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    // The client logs failed calls at 'warn' by default; this suite makes hundreds on purpose.
    env: { POSTPRESS_LOG: 'off' },
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      // Time limits for a loaded 2-core machine (never a benchmark): the type check spawns tsc.
      spawnTimeout: 120_000,
    },
    // Tests start loopback servers and the mock in hooks; requests wait on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
