import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    // The client logs failed calls at 'warn' by default; this suite makes hundreds on purpose.
    env: { POSTPRESS_LOG: 'off' },
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
