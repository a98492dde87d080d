import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Test files share a worker's modules (each still gets fresh servers and state in its hooks):
    // importing the sources once per worker instead of once per file halves the suite's import time.
    isolate: false,
    name: 'release-check',
    include: ['test/**/*.test.ts'],
    // One packed-and-installed consumer project per run, shared by the files that need it.
    globalSetup: ['./test/global-setup.ts'],
    // Packing, npm installs and four compilers load both cores: run after the other projects so
    // their timing-sensitive tests are not starved.
    sequence: { groupOrder: 1 },
    // A consumer type-check took 125 s at load 20 on 2 cores (a few seconds alone).
    testTimeout: 300_000,
    hookTimeout: 360_000,
  },
});
