import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    // Time limits for a loaded 2-core machine (never a benchmark): each broken-spec case and the
    // drift check spawn the bundler (Redocly lint + bundle, a few seconds alone).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
