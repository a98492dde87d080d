// Boundaries between the pieces: no source takes part in an import cycle (madge, type-only imports
// left out: they do not run), and a package's tests import other packages only the way its
// dependencies allow (by package name, or a package it depends on).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const packages = readdirSync(join(repoRoot, 'packages'));
const manifest = (p: string) => JSON.parse(readFileSync(join(repoRoot, 'packages', p, 'package.json'), 'utf8'));
const folderOf = Object.fromEntries(packages.map((p) => [manifest(p).name, p]));

describe('no import cycles', () => {
  const roots = [
    'scripts',
    ...packages
      .flatMap((p) => ['src', 'scripts'].map((d) => `packages/${p}/${d}`))
      .filter((d) => {
        try {
          return readdirSync(join(repoRoot, d)).length > 0;
        } catch {
          return false;
        }
      }),
  ];

  it.each(roots)('%s', async (root) => {
    const graph = await madge(join(repoRoot, root), {
      fileExtensions: ['ts', 'mts', 'mjs', 'js', 'cjs'],
      excludeRegExp: [/node_modules/, /\/dist\//],
      detectiveOptions: { ts: { skipTypeImports: true }, es6: { skipTypeImports: true } },
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(0);
    expect(graph.circular()).toEqual([]);
  });

  it('can fail: a cycle made on purpose is found', async () => {
    const graph = await madge({ 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }, { fileExtensions: ['ts'] });
    expect(graph.circular()).toEqual([['a.ts', 'b.ts']]);
  });
});

describe("tests import other packages the way the package's dependencies allow", () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => /^packages\/[^/]+\/test\/.*\.(ts|mts|mjs)$/.test(f));

  it('a relative import into another package reaches only a package this one depends on', () => {
    const wrong: string[] = [];
    for (const file of tracked) {
      const own = file.split('/')[1] as string;
      const deps = new Set(
        Object.keys({ ...manifest(own).dependencies, ...manifest(own).devDependencies }).map((n) => folderOf[n]),
      );
      for (const [, target] of readFileSync(join(repoRoot, file), 'utf8').matchAll(
        /from '(?:\.\.\/)+(?:packages\/)?([a-z-]+)\/(?:src|dist|scripts)\//g,
      )) {
        if (target !== own && !deps.has(target)) wrong.push(`${file} → packages/${target}`);
      }
    }
    expect(tracked.length).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });
});
