import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@postpress/mcp',
    include: ['test/**/*.test.ts'],
    // These tests pack the package and spawn the server: generous limits on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
