import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'release-check',
    include: ['test/**/*.test.ts'],
    // Packing, npm installs and four compilers load both cores: run after the other projects so
    // their timing-sensitive tests are not starved.
    sequence: { groupOrder: 1 },
    // A consumer type-check took 125 s at load 20 on 2 cores (a few seconds alone).
    testTimeout: 300_000,
    hookTimeout: 360_000,
  },
});
