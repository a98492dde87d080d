// The published bin, spawned as a user would run it (needs `pnpm build`).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildFixture } from './fixture.js';
import { KEY, paths, post, sendMessageBody, validRequest } from './helpers.js';

const cli = join(import.meta.dirname, '../dist/cli.js');
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

function start(args: string[]): Promise<{ url?: string; code?: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => resolve({ stderr: `${stderr}(timed out)` }), 60_000); // generous: a loaded 2-core machine
    child.stdout?.on('data', (chunk: Buffer) => {
      const url = /listening on (http:\/\/\S+)/.exec(String(chunk))?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stderr });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

it('has been built', () => {
  expect(existsSync(cli), 'run pnpm build first').toBe(true);
});

it('postpress-mock --port 0 starts on loopback and answers', { timeout: 60_000 }, async () => {
  const { url, stderr } = await start(['--port', '0']);
  expect(url, stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await post(`${url}${paths.sendMessage}`, sendMessageBody());
  expect(res.status).toBe(201);
});

it('exits 2 with usage on a bad port', { timeout: 60_000 }, async () => {
  const { code, stderr } = await start(['--port', 'abc']);
  expect(code).toBe(2);
  expect(stderr).toContain('--port must be a whole number');
});

it('passes limit flags through and serves GET /__mock/requests', { timeout: 60_000 }, async () => {
  const { url, stderr } = await start(['--port', '0', '--max-fields', '1', '--record-requests', '5']);
  expect(url, stderr).toBeDefined();
  const body = sendMessageBody();
  body.append('text', 'again');
  const res = await post(`${url}${paths.sendMessage}`, body);
  expect(res.json).toMatchObject({ status: 422, type: 'errors/invalid_message' });
  expect(res.json.detail).toContain('maxFields: 1');
  expect((await fetch(`${url}/__mock/requests`)).status).toBe(401); // the key's own records only
  const listed = await (await fetch(`${url}/__mock/requests`, { headers: { 'X-API-KEY': KEY } })).json();
  expect(listed.requests).toHaveLength(1);
  // The second text field was refused as it began: only the first was read.
  expect(listed.requests[0].parts.map((p: { value: string }) => p.value)).toEqual(['Got it']);
  expect(listed.requests[0].response).toEqual({ status: 422, type: 'errors/invalid_message' });
  expect(listed.requests[0].headers['x-api-key']).toBe('[redacted]');
});

it('exits 2 on a limit flag that is not a whole number, or out of range', { timeout: 60_000 }, async () => {
  const bad = await start(['--port', '0', '--idle-timeout-ms', 'soon']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--idle-timeout-ms must be a whole number');
  const zero = await start(['--port', '0', '--max-connections', '0']);
  expect(zero.code).toBe(2);
  expect(zero.stderr).toContain('maxConnections');
});

it('--model serves another operations model; a file that is not one exits 2 naming it', {
  timeout: 90_000,
}, async () => {
  const { model, modelPath } = await buildFixture();
  const { url, stderr } = await start(['--port', '0', '--model', modelPath]);
  expect(url, stderr).toBeDefined();
  for (const operation of model.operations.filter((op) => op.method === 'GET' || op.method === 'DELETE')) {
    const { url: target, init } = validRequest(operation, url ?? '');
    const res = await fetch(target, init);
    expect(res.status, operation.operationId).toBe(operation.responses.find((r) => r.success)?.status);
  }
  child?.kill();
  const missing = await start(['--port', '0', '--model', '/nonexistent/operations.json']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('/nonexistent/operations.json');
});

it('--inspect open lists every request without a key; --inspect with another value exits 2', {
  timeout: 60_000,
}, async () => {
  const { url, stderr } = await start(['--port', '0', '--inspect', 'open', '--max-array-items', '1']);
  expect(url, stderr).toBeDefined();
  const body = new FormData();
  body.append('account_id', 'acc_1');
  body.append('attendees_ids[]', 'a');
  body.append('attendees_ids[]', 'b');
  const res = await post(`${url}${paths.startChat}`, body);
  expect(res.json.detail).toContain('maxArrayItems');
  const listed = await (await fetch(`${url}/__mock/requests`)).json();
  expect(listed.requests.map((r: { response: { status: number } }) => r.response.status)).toEqual([res.status]);
  child?.kill();
  const bad = await start(['--port', '0', '--inspect', 'public']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--inspect must be key or open');
});

it('--help lists every limit flag and --inspect', { timeout: 60_000 }, async () => {
  const help = await new Promise<string>((resolve) => {
    let out = '';
    const proc = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'inherit'] });
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    proc.on('exit', () => resolve(out));
  });
  for (const flag of ['--inspect', '--max-array-items', '--max-text-bytes', '--max-held-bytes'])
    expect(help).toContain(flag);
});
