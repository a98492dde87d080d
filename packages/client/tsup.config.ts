import { defineConfig } from 'tsup';

// Dual build: ESM (dist/index.js) for `import`, CommonJS (dist/index.cjs) for `require` on any Node 20,
// each with its own declarations (index.d.ts, index.d.cts) so TypeScript reads the right module kind.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // Web APIs only: the same build runs in Node, browsers, Deno, Bun and edge runtimes.
  platform: 'neutral',
  target: 'es2022',
  dts: true,
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: false,
  treeshake: true,
});
