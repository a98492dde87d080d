// `pnpm record` end to end, against the mock on an ephemeral loopback port: on the published model
// and on the every-shape fixture's (GET with a query, JSON bodies, a header parameter, DELETE 204).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { buildFixture } from './fixture.js';
import { type Param, replay } from './har.js';
import { publishedModel, repoRoot } from './helpers.js';

const KEY = 'pp_test_R3cordKeyNeverOnDisk';
const outs: string[] = [];
afterAll(() => {
  for (const out of outs) rmSync(out, { recursive: true, force: true });
});

const record = (env: Record<string, string>, args: string[] = []) => {
  const out = mkdtempSync(join(tmpdir(), 'postpress-record-'));
  outs.push(out);
  const run = promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/record.mjs'), '--out', out, ...args], {
    env: { PATH: process.env.PATH, ...env },
    timeout: 90_000, // generous: a loaded 2-core machine
  });
  return { out, run };
};

/** `recruiterWithFollowUp` → `recruiter-with-follow-up`. */
const slug = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

it('refuses to run without a key and a base URL', async () => {
  await expect(record({}).run).rejects.toMatchObject({ code: 2 });
});

const fixture = await buildFixture();
const cases: { label: string; model: OperationsModel; args: string[] }[] = [
  { label: 'the published model', model: publishedModel(), args: [] },
  { label: 'the every-shape fixture', model: fixture.model, args: ['--model', fixture.modelPath] },
];

describe.each(cases)('$label', ({ model, args }) => {
  it('captures every operation, one exchange per request example, key redacted, bytes elided, marked as captured', async () => {
    const server = await startMockServer({ model });
    try {
      const { out, run } = record({ POSTPRESS_API_KEY: KEY, POSTPRESS_BASE_URL: server.url }, args);
      const { stdout } = await run;
      expect(stdout).not.toContain(KEY);
      for (const operation of model.operations) {
        const success = operation.responses.find((r) => r.success)?.status;
        const names = operation.requestBody?.examples.map((e) => e.name) ?? [];
        const expected = (names.length ? names : ['default']).map((n) => `${success}-${slug(n)}.har`);
        const dir = join(out, operation.operationId);
        expect(existsSync(dir), operation.operationId).toBe(true);
        expect(readdirSync(dir).sort(), operation.operationId).toEqual(expected.sort());
        for (const name of expected) {
          const bytes = readFileSync(join(dir, name), 'utf8');
          expect(bytes, name).not.toContain(KEY);
          expect(bytes, name).not.toContain('hello from scripts/record.mjs'); // the attachment's bytes
          const har = JSON.parse(bytes);
          expect(har.log.version).toBe('1.2');
          expect(har.log.comment).toMatch(new RegExp(`^captured from ${server.url} on \\d{4}-\\d\\d-\\d\\dT`));
          const [entry] = har.log.entries;
          expect(entry._operationId).toBe(operation.operationId);
          expect(entry.request.method).toBe(operation.method);
          for (const s of operation.security) {
            expect(entry.request.headers).toContainEqual({ name: s.name, value: '[REDACTED]' });
          }
          if (operation.requestBody?.multipart?.parts.some((p) => p.kind === 'file' && p.repeated)) {
            expect(entry.request.postData.params).toContainEqual(
              expect.objectContaining({ fileName: 'hello.txt', contentType: 'text/plain', value: '' }),
            );
          }
          const parts = operation.requestBody?.multipart?.parts.map((p) => p.name);
          // Multipart parts travel under their wire names (`attendees_ids[]`, `linkedin[follow_up][subject]`).
          if (parts) for (const p of entry.request.postData.params as Param[]) expect(parts).toContain(p.name);
          if (!operation.requestBody) expect(entry.request.postData).toBeUndefined();
          expect(entry.response.status).toBe(success);
          // What was captured replays: the mock answers it the same way.
          const again = await replay(entry, server.url);
          expect(again.status, `${name}: ${again.text}`).toBe(success);
          const query = entry.request.queryString as Param[];
          expect(new URL(entry.request.url).searchParams.size).toBe(query.length);
        }
      }
    } finally {
      await server.close();
    }
  });
});
