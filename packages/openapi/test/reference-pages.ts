// The facts of the API reference pages (the spec's source of truth) as the repository keeps them:
// reference-facts.json, with its provenance in its `$comment`. Prose is kept only as SHA-256 digests.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface StatusFacts {
  status: number;
  /** The HTTP reason phrase in the page's heading ("422 Unprocessable Entity"). */
  reason: string;
  /** SHA-256 (hex) of the status's summary line on the page. */
  summarySha256: string;
  /** Each error type the page lists for this status, in page order, with the SHA-256 of its description. */
  types: Record<string, string>;
}

interface VariantFacts {
  api: string;
  fields: string[];
  required: string[];
  enums: Record<string, string[]>;
  follow_up?: { fields: string[]; required: string[]; scheduled_time: Record<string, string[]> };
}

export interface OperationFacts {
  page: { file: string; title: string };
  method: string;
  path: string;
  /** The query and header parameters the page lists, by name (path parameters are in `path`). */
  parameters?: { name: string; in: 'query' | 'header'; required: boolean }[];
  /** The request body's fields and the required ones; null for an operation without a body. */
  request: { fields: string[]; required: string[] } | null;
  linkedin?: Record<string, VariantFacts>;
  /** The success status; for a body, its `object` and fields (all required). */
  success: { status: number; object?: string; fields?: string[] };
  errors: StatusFacts[];
}

export const facts: { operations: Record<string, OperationFacts> } = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'reference-facts.json'), 'utf8'),
);

/** The digest the facts file keeps for a piece of the page's prose (UTF-8, trimmed). */
export const sha256 = (text: string) => createHash('sha256').update(text.trim(), 'utf8').digest('hex');
