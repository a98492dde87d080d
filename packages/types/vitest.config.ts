import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // *.test-d.ts are checked by tsc (type-level assertions); *.test.ts run as usual.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
