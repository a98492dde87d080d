import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    name: 'samples',
    include: ['test/**/*.test.ts'],
    // Time limits for a loaded 2-core machine (never a benchmark): one Go build and one javac run
    // compile every sample of a language; the rest spawn one interpreter per sample.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
