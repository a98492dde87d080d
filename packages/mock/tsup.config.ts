import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library, dual: ESM (index.js) and CommonJS (index.cjs), each with its declarations.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'node',
    // spec.ts reads the operations model with createRequire(import.meta.url): the CommonJS build needs the shim.
    shims: true,
    dts: true,
    // The two builds run in parallel: each cleans only its own files.
    clean: ['index.*', 'chunk-*'],
    sourcemap: false,
  },
  {
    // The command-line entry stays ESM only (a bin is run, never imported); so does internal.js, which
    // only the repository's scripts import by path (src/internal.ts says why).
    entry: { cli: 'src/cli.ts', internal: 'src/internal.ts' },
    format: 'esm',
    target: 'node20',
    platform: 'node',
    // One file per entry (no shared chunks): the library build cleans `chunk-*` in parallel.
    splitting: false,
    clean: ['cli.*', 'internal.*'],
    sourcemap: false,
  },
]);
