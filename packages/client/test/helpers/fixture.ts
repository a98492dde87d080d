// The fixture spec with every operation shape (packages/openapi/test/fixtures/every-shape), through
// the whole pipeline (scripts/pipeline.mjs, cached by content): its model, its generated files, and
// its client operations file imported from a folder of its own (the file has type-only imports).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OperationsModel } from '@postpress/openapi/operations.json';
// @ts-expect-error the pipeline is a plain ESM script without type declarations
import { runPipeline } from '../../../../scripts/pipeline.mjs';
import type { OperationDescriptor } from '../../src/types.js';

export const FIXTURE = join(import.meta.dirname, '../../../openapi/test/fixtures/every-shape/openapi.yaml');

export interface Fixture {
  paths: { model: string; types: string; client: string };
  model: OperationsModel;
  /** The generated file's exports: one descriptor per operation, and `operations`. */
  generated: { operations: Record<string, OperationDescriptor> } & Record<string, unknown>;
}

export async function buildFixture(): Promise<Fixture> {
  const paths = await runPipeline({ spec: FIXTURE, docs: false });
  const dir = mkdtempSync(join(tmpdir(), 'postpress-fixture-client-'));
  copyFileSync(paths.client, join(dir, 'operations.ts'));
  try {
    return {
      paths,
      model: JSON.parse(readFileSync(paths.model, 'utf8')),
      generated: await import(pathToFileURL(join(dir, 'operations.ts')).href),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
