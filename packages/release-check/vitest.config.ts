import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'release-check',
    include: ['test/**/*.test.ts'],
    // enabled when client, types and mock are merged
    exclude: ['test/consumer-flow.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 360_000,
  },
});
