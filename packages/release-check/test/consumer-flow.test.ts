import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addConsumerFiles, type Consumer, expectCompiles, mustRun, packAndInstall, publicPackages } from './helpers.js';

// The whole user story, in a project outside the monorepo. Excluded in vitest.config.ts until
// @postpress/client, @postpress/types and @postpress/mock are merged; from then on a missing one fails here.
const NEEDED = ['@postpress/client', '@postpress/mock', '@postpress/openapi', '@postpress/types'];
const packages = publicPackages();
let consumer: Consumer;

beforeAll(() => {
  const names = packages.map((p) => p.name);
  const missing = NEEDED.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`public packages missing from packages/*: ${missing.join(', ')}`);
  consumer = packAndInstall(packages);
  mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '@types/node@20'], {
    cwd: consumer.dir,
    timeoutMs: 120_000,
  });
  addConsumerFiles(consumer, ['flow.mjs', 'flow.ts', 'tsconfig.json', 'tsconfig.flow.json']);
}, 420_000);
afterAll(() => consumer?.cleanup());

describe('a user project: mock + client + types, installed from the packed tarballs', () => {
  it('starts the mock, starts a chat, sends a message and handles a forced 422 on Node', () => {
    const { stdout } = mustRun(process.execPath, ['flow.mjs'], { cwd: consumer.dir, timeoutMs: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1) as string)).toEqual({
      chat: 'ChatStarted',
      message: 'MessageSent',
      error: '422 errors/limit_exceeded',
    });
  });

  it('type-checks the consumer file with TypeScript 5.9 and TypeScript 7', () => {
    expectCompiles(consumer, 'tsconfig.flow.json');
  });
});
