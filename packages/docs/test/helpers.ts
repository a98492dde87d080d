import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const docsDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(docsDir, '../..');
export const distDir = resolve(docsDir, 'dist');
export const samplesDir = resolve(repoRoot, 'spec/code-samples');

export const bundle: any = JSON.parse(readFileSync(resolve(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));

export const operationIds = ['startChat', 'sendMessage'] as const;
