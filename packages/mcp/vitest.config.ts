import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    name: '@postpress/mcp',
    include: ['test/**/*.test.ts'],
    // These tests pack the package and spawn the server: generous limits on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
