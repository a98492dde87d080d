// The every-shape fixture spec (packages/openapi/test/fixtures/every-shape), bundled and turned into
// its operations model by the real pipeline step (scripts/bundle-spec.mjs), into a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationsModel } from '@postpress/openapi/operations.json';
// @ts-expect-error a plain ESM script without type declarations
import { buildOpenapi } from '../../../scripts/bundle-spec.mjs';
import { repoRoot } from './helpers.js';

export const fixtureSpec = join(repoRoot, 'packages/openapi/test/fixtures/every-shape/openapi.yaml');

/** The fixture's operations model, and the path of a copy on disk (for the scripts' `--model`). */
export async function buildFixture(): Promise<{ model: OperationsModel; modelPath: string }> {
  const { model } = (await buildOpenapi({ spec: fixtureSpec, configPath: join(repoRoot, 'redocly.yaml') })) as {
    model: OperationsModel;
  };
  const modelPath = join(mkdtempSync(join(tmpdir(), 'postpress-fixture-model-')), 'operations.json');
  writeFileSync(modelPath, JSON.stringify(model));
  return { model, modelPath };
}
