import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'release-check',
    include: ['test/**/*.test.ts'],
    // Packing, npm installs and four compilers load both cores: run after the other projects so
    // their timing-sensitive tests are not starved.
    sequence: { groupOrder: 1 },
    testTimeout: 120_000,
    hookTimeout: 360_000,
  },
});
