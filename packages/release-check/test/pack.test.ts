import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nodeBinary } from '../../../scripts/test-node.mjs';
import { bundleForBrowser, nodeOnlyCode, openInChromium } from './browser.js';
import {
  addConsumerFiles,
  type Consumer,
  DUAL,
  expectCompiles,
  mustRun,
  oldestNode,
  publicPackages,
  run,
  runFlows,
  sharedConsumer,
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

// One check per module system a user has: nodenext (ESM and CommonJS files of a Node project; node16
// resolves the same exports), bundler and commonjs. nodenext is the one run with skipLibCheck: false
// (our declarations checked in full, with @types/node); the others check our types as a user's code
// sees them (skipLibCheck: true), which is what they are about.
const RESOLUTIONS = ['nodenext', 'bundler', 'commonjs'];

beforeAll(async () => {
  consumer = await sharedConsumer(inject('consumer'));
  addConsumerFiles(consumer, [
    'exports.mjs',
    'require.cjs',
    'import.mjs',
    'openapi.ts',
    'tsconfig.json',
    'browser-entry.mjs',
    ...RESOLUTIONS.map((r) => `tsconfig.${r}.json`),
    'flow.ts',
    'tsconfig.flow.json',
    // One source, three module kinds: .cts is CommonJS and .mts ESM under node16/nodenext, whatever the project.
    ...['ts', 'cts', 'mts'].map((ext) => ({ from: 'typed-usage.ts', as: `typed-usage.${ext}` })),
  ]);
  // And as a plain .ts file in a package whose package.json says "type": "commonjs".
  mkdirSync(join(consumer.dir, 'commonjs-package'), { recursive: true }); // kept from an earlier run of the same tarballs
  writeFileSync(join(consumer.dir, 'commonjs-package', 'package.json'), '{ "type": "commonjs" }\n');
  addConsumerFiles(consumer, [{ from: 'typed-usage.ts', as: 'commonjs-package/typed-usage.ts' }]);
});

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

      it('ships the MIT LICENSE in its tarball', () => {
        // npm extracted exactly the tarball's files into node_modules.
        const text = readFileSync(join(consumer.dir, 'node_modules', pkg.name, 'LICENSE'), 'utf8');
        expect(pkg.manifest.license).toBe('MIT');
        expect(text).toMatch(/^MIT License\n\nCopyright \(c\) 2026 postpress\n/);
        expect(text).toContain('Permission is hereby granted, free of charge');
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
        // Files for tools, not modules (YAML): no import resolves them, by design.
        const dataOnly = Object.entries((pkg.manifest.exports ?? {}) as Record<string, unknown>)
          .filter(([, target]) => typeof target === 'string' && /\.ya?ml$/.test(target))
          .map(([entry]) => entry);
        const exclude = dataOnly.length ? ['--exclude-entrypoints', ...dataOnly] : [];
        const result = run(process.execPath, [attw, tarball, '--format', 'json', '--profile', profile, ...exclude], {
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

  it('builds @postpress/client, @postpress/types and @postpress/mock for both ESM and CommonJS', () => {
    for (const name of DUAL) {
      const manifest = packages.find((p) => p.name === name)?.manifest;
      expect(manifest, name).toBeDefined();
      expect(manifest?.exports, name).toMatchObject({
        '.': {
          import: { types: expect.stringMatching(/\.d\.ts$/), default: expect.stringMatching(/\.js$/) },
          require: { types: expect.stringMatching(/\.d\.cts$/), default: expect.stringMatching(/\.cjs$/) },
        },
      });
      // Top-level fields for resolvers that ignore `exports` (TypeScript's node10, old bundlers).
      expect(manifest?.types, name).toMatch(/\.d\.cts$/);
      expect(manifest?.main, name).toMatch(/\.cjs$/);
      expect((manifest?.engines as { node?: string } | undefined)?.node, name).toMatch(/^>=\d+(\.\d+){0,2}$/);
    }
  });

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

describe('CommonJS and ESM users on the oldest Node the packages declare, from the packed tarballs', () => {
  // This Node's run is consumer-flow.test.ts, one of the runtime suites (Node 20, 22 and 24).
  it('require() and import both start the mock, start a chat and handle a 422 (an npm-packaged Node binary)', () => {
    const version = oldestNode(packages);
    const binary = nodeBinary(version); // the Node matrix's installer: npm-packaged, cached in node_modules/.cache
    expect(mustRun(binary, ['--version'], { cwd: consumer.dir }).stdout.trim()).toBe(`v${version}`);
    runFlows(consumer, binary);
  }, 360_000);
});

describe('TypeScript users, from the packed tarballs', () => {
  it.each(RESOLUTIONS)(
    'a TypeScript consumer with module resolution %s type-checks with TypeScript 5.9 and 7',
    (resolution) => expectCompiles(consumer, `tsconfig.${resolution}.json`),
    300_000,
  );

  it('the whole user story (mock + client + types, flow.ts) type-checks with TypeScript 5.9 and 7', () => {
    expectCompiles(consumer, 'tsconfig.flow.json');
  }, 300_000);
});

describe('a browser app, from the packed tarball', () => {
  it('bundles @postpress/client for the browser and runs startChat and a forced 422 in Chromium', async () => {
    const bundle = await bundleForBrowser(join(consumer.dir, 'browser-entry.mjs'));
    expect(nodeOnlyCode(bundle)).toEqual([]);
    const mockModule = pathToFileURL(join(consumer.dir, 'node_modules/@postpress/mock/dist/index.js')).href;
    const { startMockServer } = (await import(mockModule)) as typeof import('@postpress/mock');
    const mock = await startMockServer({ port: 0 });
    const browser = await openInChromium(bundle);
    try {
      expect(await browser.call('postpressFlow', mock.url)).toEqual({
        chat: 'ChatStarted',
        error: 'api 422 errors/limit_exceeded',
        requestId: expect.stringMatching(/^req_/),
        keyLeaked: false,
      });
    } finally {
      await browser.close();
      await mock.close();
    }
  }, 120_000);
});
