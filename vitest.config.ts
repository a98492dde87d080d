import { defineConfig } from 'vitest/config';

// One run over every package's tests (each package may add its own vitest.config.ts).
export default defineConfig({
  test: {
    projects: ['packages/*'],
    // 2 cores: keep the pool small so spawned servers and builds do not starve each other.
    maxWorkers: 2,
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
