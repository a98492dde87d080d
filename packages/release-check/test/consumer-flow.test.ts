// A user's project outside the monorepo, from the packed tarballs, on the Node running the tests (one of
// the runtime suites: scripts/test-node.mjs runs it under Node 22 and 24 too): require() and import both
// start the mock, start a chat and handle a 422. The oldest Node the packages declare, and their types,
// are checked once, by pack.test.ts.
import { beforeAll, describe, inject, it } from 'vitest';
import { addConsumerFiles, type Consumer, DUAL, publicPackages, runFlows, sharedConsumer } from './helpers.js';

const packages = publicPackages();
let consumer: Consumer;

beforeAll(async () => {
  const names = packages.map((p) => p.name);
  const missing = DUAL.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`public packages missing from packages/*: ${missing.join(', ')}`);
  consumer = await sharedConsumer(inject('consumer'));
  addConsumerFiles(consumer, ['require.cjs', 'import.mjs']);
});

describe('CommonJS and ESM users, from the packed tarballs', () => {
  it('require() and import both start the mock, start a chat and handle a 422 on this Node', () => {
    runFlows(consumer, process.execPath);
  });
});
