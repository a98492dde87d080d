import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    // One Chromium launch for the whole site file; builds and browsers need more than 5 s (the browser
    // tests set their own, longer limits).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
