import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { browserLaunchOptions } from '../../../scripts/browser.mjs';

export const docsDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(docsDir, '../..');
export const distDir = resolve(docsDir, 'dist');
export const samplesDir = resolve(repoRoot, 'spec/code-samples');

export const bundle: any = JSON.parse(readFileSync(resolve(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));

export const operationIds = ['startChat', 'sendMessage'] as const;

/**
 * The one place the docs tests start a browser: the one scripts/browser.mjs finds (POSTPRESS_BROWSER,
 * the usual install paths, an installed Chrome), through playwright-core, in a fresh profile. Returns the context and a `close()` that also removes the profile.
 */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}) {
  const launch = browserLaunchOptions(); // throws one line naming what to install when there is none
  const profileDir = mkdtempSync(join(tmpdir(), 'postpress-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    ...launch,
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
