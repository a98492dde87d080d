import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The test files that take longest, longest first (seconds alone on 2 cores, 2026-12). They start
// before the rest so that no worker is left running one of them alone at the end: vitest orders by
// the durations of earlier runs, which a fresh clone does not have. A file missing here only runs
// later; one that no longer exists is ignored.
const LONGEST = [
  'packages/docs/test/site.test.ts', // 55 s: Chromium and axe on every page
  'packages/samples/test/samples.test.ts', // 30 s: every sample in 8 languages
  'packages/release-check/test/pack.test.ts', // 28 s: packing and the compiler
  'packages/samples/test/fixture.test.ts', // 15 s
  'packages/client/test/hostile.test.ts', // 11 s
  'packages/samples/test/python-integrator.test.ts', // 11 s
  'packages/docs/test/facts.test.ts', // 11 s
  'packages/mock/test/limits.test.ts', // 11 s
  'packages/openapi/test/broken-spec.test.ts', // 10 s
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => {
      const at = LONGEST.findIndex((path) => file.moduleId.endsWith(path));
      return at < 0 ? LONGEST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

// One run over every package's tests (each package may add its own vitest.config.ts).
export default defineConfig({
  test: {
    projects: ['packages/*'],
    // 2 cores: keep the pool small so spawned servers and builds do not starve each other.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
