import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';
import { chromium } from 'playwright-core';
import { browserLaunchOptions } from '../../../scripts/browser.mjs';

export const docsDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(docsDir, '../..');
export const distDir = resolve(docsDir, 'dist');
/** The guides' own samples (the quick start), type-checked and run by test/samples.test.ts. */
export const samplesDir = resolve(docsDir, 'content/samples');
export const fixtureSpec = resolve(repoRoot, 'packages/openapi/test/fixtures/every-shape/openapi.yaml');

/** The published operations model: the facts every page is built from. */
export const model: OperationsModel = JSON.parse(
  readFileSync(resolve(repoRoot, 'packages/openapi/dist/operations.json'), 'utf8'),
);
export type { Operation, OperationsModel };

/** Every file under `dir`, relative to it, with forward slashes. */
export function filesUnder(dir: string, at = dir): string[] {
  return readdirSync(at, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? filesUnder(dir, join(at, e.name))
      : [posix.relative(dir.split('\\').join('/'), join(at, e.name).split('\\').join('/'))],
  );
}

/** The fixture spec's site and model, built by the pipeline (cached by its inputs). */
export async function fixtureSite(): Promise<{ dist: string; model: OperationsModel }> {
  const { runPipeline } = await import('../../../scripts/pipeline.mjs');
  const paths = await runPipeline({ spec: fixtureSpec });
  return { dist: paths.docs as string, model: JSON.parse(readFileSync(paths.model, 'utf8')) };
}

/** Markdown → the words a reader sees (inline code, emphasis and link syntax dropped, whitespace collapsed). */
export const asText = (markdown: string) =>
  markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The one place the docs tests start a browser: the one scripts/browser.mjs finds (POSTPRESS_BROWSER,
 * the usual install paths, an installed Chrome), through playwright-core, in a fresh profile. Returns the context and a `close()` that also removes the profile.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
) {
  const launch = browserLaunchOptions(); // throws one line naming what to install when there is none
  const profileDir = mkdtempSync(join(tmpdir(), 'postpress-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    ...launch,
    viewport: options.viewport ?? { width: 1440, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
