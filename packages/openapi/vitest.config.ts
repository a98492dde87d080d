import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // Time limits for a loaded 2-core machine (never a benchmark): each broken-spec case and the
    // drift check spawn the bundler (Redocly lint + bundle, a few seconds alone).
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
