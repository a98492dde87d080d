import { defineConfig } from 'tsup';

// Types only, but as a dual package: `import` gets index.d.ts, `require` index.d.cts, so TypeScript's
// node16/nodenext resolution finds declarations of the right module kind for either consumer.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: false,
});
