import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addConsumerFiles,
  type Consumer,
  expectCompiles,
  mustRun,
  packAndInstall,
  publicPackages,
  run,
  typecheck,
} from './helpers.js';

const packages = publicPackages();
const attw = join(
  import.meta.dirname,
  '..',
  'node_modules',
  '@arethetypeswrong',
  'cli',
  createRequire(import.meta.url)('@arethetypeswrong/cli/package.json').bin.attw,
);
let consumer: Consumer;

beforeAll(() => {
  consumer = packAndInstall(packages);
  addConsumerFiles(consumer, ['exports.mjs', 'openapi.ts', 'tsconfig.json']);
}, 360_000);
afterAll(() => consumer?.cleanup());

/** The export targets a package ships; a package with only data files (JSON, YAML) has no types to check. */
function exportTargets(manifest: Record<string, unknown>): string[] {
  const walk = (node: unknown): string[] =>
    typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(walk) : [];
  return walk(manifest.exports ?? manifest.main ?? []).filter((t) => !t.endsWith('package.json'));
}

describe('public packages, packed and installed outside the workspace', () => {
  it('discovers the public packages, each packed to a tarball', () => {
    expect(packages.map((p) => p.name)).toContain('@postpress/openapi');
    for (const pkg of packages) {
      expect(pkg.name, `${pkg.dir}: a public package must be named @postpress/*`).toMatch(/^@postpress\//);
      expect(consumer.tarballs.get(pkg.name), pkg.name).toMatch(/\.tgz$/);
    }
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      it('publint reports nothing, suggestions included', async () => {
        const tarball = readFileSync(consumer.tarballs.get(pkg.name) as string);
        // A small file's Buffer is a view into a shared pool: hand publint a copy of exactly its bytes.
        const bytes = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer;
        const { messages, pkg: manifest } = await publint({ pack: { tarball: bytes } });
        expect(messages.map((m) => `${m.type}: ${formatMessage(m, manifest)}`)).toEqual([]);
      });

      it('are-the-types-wrong reports nothing', () => {
        const targets = exportTargets(pkg.manifest);
        // An ESM-only package (no `require` condition) is checked with attw's esm-only profile: CommonJS
        // and node10 resolution are out of scope by design; anything offering `require` gets the strict one.
        const esmOnly =
          pkg.manifest.type === 'module' && !JSON.stringify(pkg.manifest.exports ?? {}).includes('"require"');
        const profile = esmOnly ? 'esm-only' : 'strict';
        const ignored = esmOnly ? ['node10', 'node16-cjs'] : [];
        const tarball = consumer.tarballs.get(pkg.name) as string;
        const result = run(process.execPath, [attw, tarball, '--format', 'json', '--profile', profile], {
          cwd: consumer.dir,
        });
        const report = JSON.parse(result.stdout);
        if (!targets.some((t) => /\.[cm]?[jt]sx?$/.test(t))) {
          // Data-only package (JSON/YAML exports): attw checks .d.ts resolution and has nothing to check;
          // TypeScript types the JSON itself, which the consumer type-check below covers.
          expect(report.analysis.types).toBe(false);
          expect(result.status).toBe(0);
          return;
        }
        expect(report.analysis.types, `${pkg.name} ships JavaScript but no types`).not.toBe(false);
        const problems = (Object.values(report.problems ?? {}).flat() as Array<{ resolutionKind?: string }>).filter(
          (p) => !ignored.includes(p.resolutionKind ?? ''),
        );
        expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
        expect(result.status, result.output).toBe(0);
      });
    });
  }

  it('loads every export of every package in Node, from the consumer project', () => {
    const names = packages.map((p) => p.name);
    const { stdout } = mustRun(process.execPath, ['exports.mjs', ...names], { cwd: consumer.dir });
    const loaded: string[] = JSON.parse(stdout);
    for (const name of names) expect(loaded).toContain(name);
    expect(loaded).toContain('@postpress/openapi/openapi.yaml');
  });

  it('type-checks a consumer of @postpress/openapi with TypeScript 5.9 and TypeScript 7', () => {
    expectCompiles(consumer, 'tsconfig.json');
  });

  it('the type-check can fail: a wrong use of the package is reported by both compilers', () => {
    writeFileSync(
      join(consumer.dir, 'broken.ts'),
      "import spec from '@postpress/openapi' with { type: 'json' };\nexport const n: number = spec.openapi;\n",
    );
    writeFileSync(
      join(consumer.dir, 'tsconfig.broken.json'),
      JSON.stringify({ extends: './tsconfig.json', files: ['broken.ts'] }),
    );
    for (const r of typecheck(consumer, 'tsconfig.broken.json')) {
      expect(r.status, r.version).not.toBe(0);
      expect(r.output).toMatch(/TS2322/);
    }
  });
});
