import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addConsumerFiles, type Consumer, mustRun, publicPackages, sharedConsumer } from './helpers.js';

// The whole user story, in a project outside the monorepo, on the Node running the tests (it is one of
// the runtime suites: scripts/test-node.mjs runs it under Node 22 and 24 too). Its types are checked
// once, by pack.test.ts.
const NEEDED = ['@postpress/client', '@postpress/mock', '@postpress/openapi', '@postpress/types'];
const packages = publicPackages();
let consumer: Consumer;

beforeAll(() => {
  const names = packages.map((p) => p.name);
  const missing = NEEDED.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`public packages missing from packages/*: ${missing.join(', ')}`);
  consumer = sharedConsumer(inject('consumer'));
  addConsumerFiles(consumer, ['flow.mjs']);
});

describe('a user project: mock + client + types, installed from the packed tarballs', () => {
  it('starts the mock, starts a chat, sends a message and handles a forced 422 on Node', () => {
    const { stdout } = mustRun(process.execPath, ['flow.mjs'], { cwd: consumer.dir, timeoutMs: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({
      chat: 'ChatStarted',
      message: 'MessageSent',
      error: '422 errors/limit_exceeded',
    });
  });
});
