// Reads the API reference pages in ../shared/api-reference (the spec's source of truth) into
// the error catalog they list, so tests can hold the spec to them type by type.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const referenceDir = resolve(repoRoot, '../shared/api-reference');

export interface PageStatus {
  status: number;
  summary: string;
  types: { type: string; description: string }[];
}

export const pages = {
  startChat: '001_0370628d9524e922.txt',
  sendMessage: '000_81dc3402c9056b28.txt',
} as const;

/** The errors section of a page: "422 Unprocessable Entity35 types", its summary, then `errors/x- text` runs. */
export function readPageErrors(operationId: keyof typeof pages): PageStatus[] {
  const text = readFileSync(resolve(referenceDir, pages[operationId]), 'utf8');
  const lines = text.slice(text.indexOf('Every error response follows the same envelope')).split('\n').slice(1);
  const statuses: PageStatus[] = [];
  for (let i = 0; i + 2 < lines.length; i += 3) {
    const head = /^(\d{3}) .+?(\d+) types$/.exec(lines[i] ?? '');
    if (!head) throw new Error(`unexpected line in ${pages[operationId]}: ${lines[i]}`);
    const types = [...(lines[i + 2] ?? '').matchAll(/(errors\/[a-z0-9_]+)- (.*?)(?=errors\/[a-z0-9_]+- |$)/g)].map(
      (m) => ({ type: m[1] as string, description: (m[2] as string).trim() }),
    );
    if (types.length !== Number(head[2]))
      throw new Error(`${pages[operationId]}: ${head[1]} announces ${head[2]} types, lists ${types.length}`);
    statuses.push({ status: Number(head[1]), summary: lines[i + 1] ?? '', types });
  }
  return statuses;
}

/** Field names as they run together in the flattened request-body section of a page. */
export function readPageText(operationId: keyof typeof pages): string {
  return readFileSync(resolve(referenceDir, pages[operationId]), 'utf8');
}
