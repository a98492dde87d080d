// The published bin, spawned as a user would run it (needs `pnpm build`).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { paths, post, sendMessageBody } from './helpers.js';

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

it('postpress-mock --port 0 starts on loopback and answers', async () => {
  const { url, stderr } = await start(['--port', '0']);
  expect(url, stderr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const res = await post(`${url}${paths.sendMessage}`, sendMessageBody());
  expect(res.status).toBe(201);
});

it('exits 2 with usage on a bad port', async () => {
  const { code, stderr } = await start(['--port', 'abc']);
  expect(code).toBe(2);
  expect(stderr).toContain('--port must be a whole number');
});
