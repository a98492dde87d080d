// The same build runs in Node, browsers, Deno, Bun and edge runtimes: no Node built-ins, no
// Node globals, in what we ship (needs `pnpm build`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '../dist');
const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));

describe('dist/', () => {
  it('exists (run `pnpm build`)', () => {
    expect(files).toContain('index.js');
  });

  it.each(files)('%s uses only web platform APIs', (file) => {
    const code = readFileSync(join(dist, file), 'utf8');
    const imports = [...code.matchAll(/\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const specifier of imports) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\.?\/|openapi-fetch$)/);
    }
    // One guarded read is allowed, in the bundle (index.js): the POSTPRESS_LOG level, where a `process` exists.
    const guarded = code.replaceAll('globalThis.process?.env?.POSTPRESS_LOG', '');
    expect(code.length - guarded.length).toBeLessThanOrEqual(file === 'index.js' ? 40 : 0);
    expect(guarded).not.toMatch(/\b(require\(|process\.|Buffer\b|__dirname|globalThis\.process)/);
  });
});
