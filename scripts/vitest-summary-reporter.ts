// Ends a test run with one plain line, "N passed, N failed, N skipped", that CI logs and
// humans can read without vitest's colours, after one line of where the time went: each project's
// test files, their import and run time summed (files run 2 at a time, so the sum exceeds the wall time).
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    // An unhandled error fails the run even when every test passed.
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    const seconds = new Map<string, number>();
    for (const module of testModules) {
      const { collectDuration, duration } = module.diagnostic();
      const name = module.project.name || 'root';
      seconds.set(name, (seconds.get(name) ?? 0) + (collectDuration + duration) / 1000);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed to load has no tests but is a failure all the same.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) counts.failed++;
    }
    const time = [...seconds].sort((a, b) => b[1] - a[1]).map(([name, s]) => `${name} ${s.toFixed(0)} s`);
    process.stdout.write(`\ntime per project (sum of its files): ${time.join(', ')}`);
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
