// `pnpm record` end to end, against the mock on an ephemeral loopback port.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { repoRoot } from './helpers.js';

const KEY = 'pp_test_R3cordKeyNeverOnDisk';
let server: MockServer;
const out = mkdtempSync(join(tmpdir(), 'postpress-record-'));
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server.close();
  rmSync(out, { recursive: true, force: true });
});

const record = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/record.mjs'), '--out', out], {
    env: { PATH: process.env.PATH, ...env },
    timeout: 90_000, // generous: a loaded 2-core machine
  });

it('refuses to run without a key and a base URL', async () => {
  await expect(record({})).rejects.toMatchObject({ code: 2 });
});

it('captures every request example as HAR 1.2, key redacted, bytes elided, marked as captured', async () => {
  const { stdout } = await record({ POSTPRESS_API_KEY: KEY, POSTPRESS_BASE_URL: server.url });
  expect(stdout).not.toContain(KEY);
  const written = ['startChat', 'sendMessage'].flatMap((op) => readdirSync(join(out, op)).map((f) => join(out, op, f)));
  expect(written.map((f) => f.slice(out.length + 1)).sort()).toEqual([
    'sendMessage/201-reply.har',
    'sendMessage/201-text.har',
    'startChat/201-classic-inmail.har',
    'startChat/201-recruiter-with-follow-up.har',
  ]);
  for (const file of written) {
    const bytes = readFileSync(file, 'utf8');
    expect(bytes, file).not.toContain(KEY);
    expect(bytes, file).not.toContain('hello from scripts/record.mjs'); // the attachment's bytes
    const har = JSON.parse(bytes);
    expect(har.log.version).toBe('1.2');
    expect(har.log.comment).toMatch(new RegExp(`^captured from ${server.url} on \\d{4}-\\d\\d-\\d\\dT`));
    const [entry] = har.log.entries;
    expect(entry.request.headers).toContainEqual({ name: 'X-API-KEY', value: '[REDACTED]' });
    expect(entry.request.postData.params).toContainEqual({
      name: 'attachments',
      fileName: 'hello.txt',
      contentType: 'text/plain',
      value: '',
    });
    expect(entry.response.status).toBe(201);
    expect(entry.response.content.mimeType).toBe('application/json; charset=utf-8');
  }
  const recruiter = JSON.parse(readFileSync(join(out, 'startChat/201-recruiter-with-follow-up.har'), 'utf8'));
  const names = recruiter.log.entries[0].request.postData.params.map((p: { name: string }) => p.name);
  expect(names).toContain('attendees_ids[]');
  expect(names).toContain('linkedin[follow_up][scheduled_time][days]');
});
