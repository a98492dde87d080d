import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    // *.test-d.ts are checked by tsc (type-level assertions); *.test.ts run as usual.
    // Time limits for a loaded 2-core machine (never a benchmark): each consumer test spawns tsc
    // (1.7 s alone, over 5 s under load), and the type check spawns tsc once for the project.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
      spawnTimeout: 120_000,
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
