// A user's project outside the monorepo, from the packed tarballs, on the Node running the tests (one of
// the runtime suites: scripts/test-node.mjs runs it under Node 22 and 24 too) and on the oldest Node
// the packages declare: require() and import both start the mock, start a chat and handle a 422.
// Their types are checked once, by pack.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { nodeBinary } from '../../../scripts/test-node.mjs';
import { addConsumerFiles, type Consumer, mustRun, publicPackages, sharedConsumer } from './helpers.js';

/** The packages that ship JavaScript, each both ESM and CommonJS. */
const DUAL = ['@postpress/client', '@postpress/mock', '@postpress/types'];
const packages = publicPackages();
let consumer: Consumer;

beforeAll(() => {
  const names = packages.map((p) => p.name);
  const missing = DUAL.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`public packages missing from packages/*: ${missing.join(', ')}`);
  consumer = sharedConsumer(inject('consumer'));
  addConsumerFiles(consumer, ['require.cjs', 'import.mjs']);
});

/** `>=20` → `20.0.0`: the oldest Node every dual package declares in `engines`. */
function oldestNode(): string {
  const ranges = new Set(
    DUAL.map((name) => packages.find((p) => p.name === name)?.manifest.engines as { node: string }),
  );
  const minimums = [...ranges].map((engines) => {
    const [major = '0', minor = '0', patch = '0'] = (engines?.node ?? '').replace('>=', '').split('.');
    return `${major}.${minor}.${patch}`;
  });
  expect(new Set(minimums).size, 'the dual packages should declare one engines range').toBe(1);
  return minimums[0] as string;
}

const flowResult = (node: string) => ({
  node,
  chat: 'ChatStarted',
  error: '422 errors/limit_exceeded',
  configErrorIsInstance: true,
  typesExports: 0,
});

function runFlows(nodeBinary: string) {
  const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string);
  const version = mustRun(nodeBinary, ['--version'], { cwd: consumer.dir }).stdout.trim();
  const required = lastLine(mustRun(nodeBinary, ['require.cjs'], { cwd: consumer.dir, timeoutMs: 60_000 }).stdout);
  const imported = lastLine(mustRun(nodeBinary, ['import.mjs'], { cwd: consumer.dir, timeoutMs: 60_000 }).stdout);
  expect(required).toEqual({ ...flowResult(version), system: 'commonjs', clientFile: 'index.cjs' });
  // Two module systems in one process load two copies: classes differ between them (the client README
  // says so); instanceof holds within each system, as configErrorIsInstance shows.
  expect(imported).toEqual({ ...flowResult(version), system: 'esm', sameClassFromRequire: false });
}

describe('CommonJS and ESM users, from the packed tarballs', () => {
  it('require() and import both start the mock, start a chat and handle a 422 on this Node', () => {
    runFlows(process.execPath);
  });

  it('and on the oldest Node the packages declare in engines (an npm-packaged Node binary)', () => {
    const version = oldestNode();
    const binary = nodeBinary(version); // the Node matrix's installer: npm-packaged, cached in node_modules/.cache
    expect(mustRun(binary, ['--version'], { cwd: consumer.dir }).stdout.trim()).toBe(`v${version}`);
    runFlows(binary);
  }, 360_000);
});
