// A sample test whose runtime is missing fails with one line naming the Debian package to install.
import { afterEach, expect, test } from 'vitest';
import { RUNTIMES } from '../src/runtimes.mjs';
import { need } from './helpers/runner.js';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

test.each(Object.keys(RUNTIMES).filter((runtime) => runtime !== 'python'))(
  'a missing %s runtime is one line naming its package',
  (runtime) => {
    process.env.PATH = '/nonexistent';
    const packages = RUNTIMES[runtime as keyof typeof RUNTIMES].packages;
    expect(() => need(runtime as keyof typeof RUNTIMES)).toThrow(
      new RegExp(`^[^\\n]*apt-get install -y ${packages.join(' ')}[^\\n]*$`),
    );
  },
);

test('every runtime this machine runs the samples with is found', () => {
  for (const runtime of Object.keys(RUNTIMES)) expect(need(runtime as keyof typeof RUNTIMES)).toBeTruthy();
});
