// The repository stands alone: nothing outside it is read, the README's two commands are what CI
// runs, the docs browser test finds its browser through one documented mechanism, and every
// package whose tests compile or spawn sets explicit time limits. (That the workflows' steps pass
// in a fresh clone as a non-root user is shown by scripts/run-workflow-steps.mjs, too long for a test.)
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_ENV,
  browserLaunchOptions,
  CHROMIUM_ARGS,
  findBrowser,
  installPaths,
  missingBrowserMessage,
} from '../../../scripts/browser.mjs';
import { readmeCommands } from '../../../scripts/run-workflow-steps.mjs';
import { repoRoot } from './helpers.js';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const readme = read('README.md');

describe('nothing outside the repository', () => {
  // The folder beside the repository that only this machine has, spelled so this file does not name it.
  const outside = ['..', 'shared'].join('/');

  it('no tracked file but Markdown names the folder beside the repository', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.endsWith('.md') && existsSync(join(repoRoot, f)));
    expect(tracked.length).toBeGreaterThan(100);
    const naming = tracked.filter((f) => read(f).includes(outside));
    expect(naming).toEqual([]);
  });

  it('the reference facts say where they come from', () => {
    const facts = JSON.parse(read('packages/openapi/test/reference-facts.json'));
    expect(facts.$comment.join(' ')).toMatch(/Source: .*2026-11-23.*SHA-256/);
  });
});

describe("the README's two commands", () => {
  const commands = readmeCommands(readme);

  it('are the quick start: set-up, then test', () => {
    expect(commands).toEqual(['npm install -g pnpm@10 && pnpm install && pnpm build', 'pnpm test']);
  });

  it('are exactly what .ci/run runs, with the drift check between them and nothing else', () => {
    const lines = read('.ci/run')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const drift = lines.slice(
      lines.findIndex((l) => l.startsWith('if ')),
      lines.indexOf('fi') + 1,
    );
    expect(drift.join('\n')).toContain('git status --porcelain');
    expect(lines.filter((l) => !drift.includes(l) && !/^(set -euo pipefail|cd |export )/.test(l))).toEqual(commands);
    expect(lines.indexOf(commands[0] ?? '')).toBeLessThan(lines.indexOf(drift[0] ?? ''));
    expect(lines.indexOf(commands[1] ?? '')).toBeGreaterThan(lines.indexOf('fi'));
  });

  it('`pnpm install` runs the browser and sample-runtime set-ups (root postinstall)', () => {
    expect(JSON.parse(read('package.json')).scripts.postinstall).toBe(
      'node scripts/setup-browser.mjs && node scripts/setup-runtimes.mjs',
    );
  });
});

describe('browser discovery (scripts/browser.mjs)', () => {
  const none = () => false;
  const only =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);

  it(`${BROWSER_ENV} wins, and must name an executable`, () => {
    const env = { [BROWSER_ENV]: '/somewhere/chrome' };
    expect(findBrowser({ env, platform: 'linux', exists: only('/somewhere/chrome', '/usr/bin/chromium') })).toEqual({
      executablePath: '/somewhere/chrome',
      source: BROWSER_ENV,
    });
    expect(() => findBrowser({ env, platform: 'linux', exists: none })).toThrow(
      `${BROWSER_ENV}=/somewhere/chrome is not an executable file`,
    );
  });

  it('then the usual install paths, Chromium first, Chrome where GitHub runners have it', () => {
    const find = (...paths: string[]) => findBrowser({ env: {}, platform: 'linux', exists: only(...paths) });
    expect(find('/usr/bin/google-chrome', '/usr/bin/chromium')?.executablePath).toBe('/usr/bin/chromium');
    expect(find('/usr/bin/google-chrome')?.executablePath).toBe('/usr/bin/google-chrome');
    expect(find('/opt/google/chrome/chrome')?.executablePath).toBe('/opt/google/chrome/chrome');
    expect(installPaths.darwin[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  });

  it("then playwright-core's Chrome channel, except on Linux where its path was already tried", () => {
    expect(findBrowser({ env: {}, platform: 'win32', exists: none })).toMatchObject({ channel: 'chrome' });
    expect(findBrowser({ env: {}, platform: 'win32', exists: none, channel: false })).toBeNull();
    expect(findBrowser({ env: {}, platform: 'linux', exists: none })).toBeNull();
  });

  it('none found: one line naming what to install or set', () => {
    expect(() => browserLaunchOptions({ env: {}, platform: 'linux', exists: none })).toThrow(missingBrowserMessage);
    expect(missingBrowserMessage).not.toContain('\n');
    expect(missingBrowserMessage).toMatch(/apt-get install chromium.*Google Chrome.*POSTPRESS_BROWSER=/);
    expect(browserLaunchOptions({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium') })).toEqual({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  it('the set-up installs nothing when a browser is found, and says which', async () => {
    const setup = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/setup-browser.mjs')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        timeout: 60_000,
      });
    // Any executable file will do to show which path the set-up takes; nothing launches it here.
    expect((await setup({ [BROWSER_ENV]: process.execPath })).stdout).toBe(
      `postpress set-up: browser for the tests: ${process.execPath}\n`,
    );
    expect((await setup({ [BROWSER_ENV]: '/nonexistent/chrome' })).stdout).toBe(
      `postpress set-up: ${BROWSER_ENV}=/nonexistent/chrome is not an executable file\n`,
    );
  });

  it('the README documents the mechanism', () => {
    expect(readme).toContain(`${BROWSER_ENV}=`);
    for (const path of ['/usr/bin/chromium', '/usr/bin/google-chrome']) expect(readme).toContain(path);
  });
});

describe('the README and docs/MAINTAINERS.md tell a maintainer', () => {
  it('where the docs are hosted, how to preview them, and what to switch on in the repository settings', () => {
    const maintainers = read('docs/MAINTAINERS.md');
    for (const fact of ['https://<owner>.github.io/<repo>/', 'pnpm docs:preview', 'NPM_TOKEN'])
      expect(maintainers).toContain(fact);
    expect(maintainers).toMatch(/Pages.*Source.*GitHub Actions/);
    expect(readme).toContain('https://<owner>.github.io/<repo>/');
    expect(readme).toContain('pnpm docs:preview');
    expect(readme).toMatch(/Pages.*Source.*GitHub Actions/);
    expect(readme).toContain('NPM_TOKEN');
    expect(readme).toMatch(/Allow GitHub Actions to create and approve pull requests/);
  });
});

describe('time limits for a loaded 2-core machine', () => {
  it('every package whose tests compile, spawn or serve declares testTimeout and hookTimeout of 30 s or more', () => {
    const packages = readdirSync(join(repoRoot, 'packages')).filter((p) =>
      existsSync(join(repoRoot, 'packages', p, 'test')),
    );
    const spawning = packages.filter((p) => {
      const dir = join(repoRoot, 'packages', p, 'test');
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[cm]?[jt]s$/.test(f));
      return files.some((f) =>
        /node:child_process|\.listen\(|launchPersistentContext|startMock|serveSite/.test(
          readFileSync(join(dir, f), 'utf8'),
        ),
      );
    });
    expect(spawning).toEqual(expect.arrayContaining(['client', 'docs', 'mock', 'openapi', 'release-check', 'types']));
    for (const p of spawning) {
      const config = read(`packages/${p}/vitest.config.ts`);
      for (const key of ['testTimeout', 'hookTimeout']) {
        const value = new RegExp(`${key}: ([\\d_]+)`).exec(config)?.[1];
        expect(Number(value?.replaceAll('_', '')), `${p} ${key}`).toBeGreaterThanOrEqual(30_000);
      }
    }
  });
});
