// The pipeline is generic: no generator and no package source knows the published spec's operations
// by name, so an operation added to spec/ flows through every package with no hand edit. Names may
// appear only where they belong: generated files, tests of the real spec, samples, benchmarks of the
// real operations, the spec itself and prose (Markdown).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

// The published operations, and the fixture spec's (an operation named in a source today is one a
// maintainer may add to the spec tomorrow).
const model = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/operations.json'), 'utf8'));
const fixture = readFileSync(join(repoRoot, 'packages/openapi/test/fixtures/every-shape/openapi.yaml'), 'utf8');
const fixtureOperations = [...fixture.matchAll(/\$ref: operations\/(\w+)\.yaml/g)].map((m) => m[1] as string);
const ids: string[] = [
  ...new Set([...model.operations.map((o: { operationId: string }) => o.operationId), ...fixtureOperations]),
];
// The MCP tools' names are the operationIds in snake_case.
const names = ids.flatMap((id) => [id, id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]);

/** Sources: the pipeline's scripts, and each package's code, build scripts and browser assets. */
const SOURCES = /^(scripts\/.*\.(mjs|cjs|js|ts)|packages\/[^/]+\/(src|scripts|assets)\/.*\.(ts|mjs|cjs|js|css|html))$/;
/** Where operation names belong. */
const EXEMPT = [
  /\/generated\//, // generated from the spec on every build
  /^packages\/bench\//, // benchmarks measure the real operations
  /^packages\/samples\//, // samples are of the real operations
];

describe('generators and package sources name no operation of the published spec', () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => SOURCES.test(f) && !EXEMPT.some((e) => e.test(f)));

  it('finds the sources to read', () => {
    expect(ids.length).toBeGreaterThan(model.operations.length);
    expect(tracked).toEqual(expect.arrayContaining(['scripts/generate-client.mjs', 'packages/mock/src/server.ts']));
  });

  it('none of them names an operationId or its tool name', () => {
    const naming = tracked.flatMap((file) => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      return names.filter((name) => new RegExp(`\\b${name}\\b`).test(text)).map((name) => `${file}: ${name}`);
    });
    expect(naming).toEqual([]);
  });
});
