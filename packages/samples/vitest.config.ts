import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'samples',
    include: ['test/**/*.test.ts'],
    // Time limits for a loaded 2-core machine (never a benchmark): one Go build and one javac run
    // compile every sample of a language; the rest spawn one interpreter per sample.
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
