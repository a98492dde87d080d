// Issue 25, item 4: another process swaps an attachment between a regular file inside the root and a
// symlink to a file outside it (and, separately, swaps a directory on the way for a symlink to an outside
// directory) while an agent sends it again and again. What the API receives is the judge: no byte of an
// outside file, ever.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressMcpServer, tools } from '../src/index.js';
import { documentedAnswer, type FakeApi, json, requiredArgs, startFakeApi } from './helpers.js';

const OUTSIDE = 'OUTSIDE-FILE-THAT-MUST-NEVER-BE-SENT';
const INSIDE = 'a file inside the root';
const SENDS = 200;

const sender = tools.find((t) => t.method === 'POST' && t.files.some((f) => f.multiple && f.path.length === 2))!;
const fileArg = sender.files.find((f) => f.multiple && f.path.length === 2)!.path[0]!;

// The attacker: swaps as fast as it can until it is killed. `file`: the attachment itself alternates
// between a regular file and a symlink out; `dir`: the directory holding it alternates with a symlink out.
const SWAPPER = `
const fs = require('node:fs');
const [mode, target, outside, inside] = process.argv.slice(1);
const tmp = target + '.swap';
// Each state holds for a random 0 to 1 ms (the inside one up to 5): long enough for some sends to go
// through whole, short enough to race the rest.
const hold = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.floor(Math.random() * (ms + 1)));
process.stdout.write('swapping\\n');
for (;;) {
  try {
    if (mode === 'file') {
      fs.symlinkSync(outside, tmp); fs.renameSync(tmp, target); hold(1);
      fs.writeFileSync(tmp, inside); fs.renameSync(tmp, target); hold(5);
    } else {
      fs.renameSync(target, tmp); fs.symlinkSync(outside, target); hold(1);
      fs.unlinkSync(target); fs.renameSync(tmp, target); hold(5);
    }
  } catch {}
}`;

let base: string;
let api: FakeApi;
const swappers: ChildProcess[] = [];

beforeAll(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'postpress-mcp-race-')));
  mkdirSync(join(base, 'root/real'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside/secret.txt'), OUTSIDE);
  writeFileSync(join(base, 'outside/doc.txt'), OUTSIDE);
  writeFileSync(join(base, 'root/cv.txt'), INSIDE);
  writeFileSync(join(base, 'root/real/doc.txt'), INSIDE);
  api = await startFakeApi();
  api.answer = (res) => json(res, 201, documentedAnswer(sender));
});

afterAll(async () => {
  for (const swapper of swappers) swapper.kill('SIGKILL');
  await api?.close();
  if (base) rmSync(base, { recursive: true, force: true });
});

async function race(mode: 'file' | 'dir', target: string, outside: string, path: string, sends: number) {
  const swapper = spawn(process.execPath, ['-e', SWAPPER, mode, target, outside, INSIDE], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  swappers.push(swapper);
  // Sends start once the swaps have.
  await new Promise((started, failed) => {
    swapper.stdout?.once('data', started);
    swapper.once('exit', (code) => failed(new Error(`the swapper exited (${code})`)));
  });
  const server = createPostpressMcpServer({
    apiKey: 'pp_test_raceKey_0001',
    baseUrl: api.url,
    fileRoots: [join(base, 'root')],
    log: () => {},
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'race-test', version: '0' });
  await Promise.all([server.connect(a), client.connect(b)]);
  const first = api.bodies.length;
  const results: Array<{ isError?: boolean; text: string }> = [];
  try {
    // A few at a time, so that sends overlap each other as well as the swaps.
    for (let done = 0; done < sends; done += 4)
      results.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(4, sends - done) }, async () => {
            const result = (await client.callTool({
              name: sender.name,
              arguments: { ...requiredArgs(sender), [fileArg]: [path] },
            })) as { isError?: boolean; content: Array<{ text: string }> };
            return { isError: result.isError, text: result.content[0]?.text ?? '' };
          }),
        )),
      );
  } finally {
    swapper.kill('SIGKILL');
    await client.close();
  }
  const bodies = api.bodies.slice(first).map((body) => body.toString('latin1'));
  return {
    results,
    outsideSent: bodies.filter((body) => body.includes(OUTSIDE)).length,
    insideSent: bodies.filter((body) => body.includes(INSIDE)).length,
  };
}

describe('an attachment swapped for a symlink to an outside file while it is sent', () => {
  it(`${SENDS} sends racing a swap of the file itself: no outside file sent; each send either went with the inside file or said it was not sent`, async () => {
    const { results, outsideSent, insideSent } = await race(
      'file',
      join(base, 'root/cv.txt'),
      join(base, 'outside/secret.txt'),
      'cv.txt',
      SENDS,
    );
    console.info(
      `file swap: ${SENDS} sends, ${insideSent} sent the inside file, ${results.filter((r) => r.isError).length} refused, ${outsideSent} sent an outside file`,
    );
    expect(results).toHaveLength(SENDS);
    expect(outsideSent).toBe(0);
    expect(insideSent).toBeGreaterThan(0); // the race did run sends through
    for (const result of results.filter((r) => r.isError))
      expect(result.text).toMatch(
        /(is outside the directories|changed while it was being opened or read|is not a regular file).* Nothing was sent\.$/,
      );
  });

  it('100 sends racing a swap of a directory on the way: no outside file sent', async () => {
    const { results, outsideSent, insideSent } = await race(
      'dir',
      join(base, 'root/real'),
      join(base, 'outside'),
      'real/doc.txt',
      100,
    );
    console.info(
      `directory swap: 100 sends, ${insideSent} sent the inside file, ${results.filter((r) => r.isError).length} refused, ${outsideSent} sent an outside file`,
    );
    expect(outsideSent).toBe(0);
    expect(insideSent).toBeGreaterThan(0);
  });
});
