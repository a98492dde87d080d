// Packs every public package and installs the tarballs in a fresh project outside the workspace, once,
// for every test file of this package that needs a user's project (pack.test.ts,
// consumer-flow.test.ts): packing and the npm install are the slow part, and what they prove does
// not change between those files. The project is kept (under node_modules/.cache) for as long as
// what the tarballs hold is unchanged, so the Node 22 and 24 runs of consumer-flow.test.ts
// (scripts/test-node.mjs) install what the main run installed instead of installing it again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packAndInstall, publicPackages, repoRoot } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: { dir: string; done: string; failed: string };
  }
}

const EXTRA = { '@types/node': '20.19.43' }; // the mock's declarations use node:stream, and a Node user has them

/** Every file a package's tarball is made of (its manifest's `files`, the manifest, README, LICENSE). */
function packedFiles(dir: string, into: string[] = []): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files?: string[] };
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    else into.push(path);
  };
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...(manifest.files ?? [])])
    walk(join(dir, entry.replace(/^!.*/, '').replace(/\/\*\*?$/, '')));
  return into;
}

export default function setup(project: TestProject) {
  const packages = publicPackages();
  const hash = createHash('sha256').update(JSON.stringify(EXTRA));
  for (const pkg of packages) for (const file of packedFiles(pkg.dir)) hash.update(file).update(readFileSync(file));
  const cache = join(repoRoot, 'node_modules/.cache/postpress-consumer', hash.digest('hex').slice(0, 16));
  const done = join(cache, 'consumer.json');
  const failed = `${cache}.failed`;
  let pending: Promise<void> | undefined;
  if (!existsSync(done)) {
    rmSync(cache, { recursive: true, force: true });
    rmSync(failed, { force: true });
    // In the background: packing and the npm install wait on npm more than they use the cores, and
    // this package's tests run after the other projects' (groupOrder), by when the project is ready.
    pending = packAndInstall(packages, EXTRA, cache).then(
      // Written last: a run that failed half-way leaves no project that looks ready.
      (consumer) => writeFileSync(done, JSON.stringify([...consumer.tarballs])),
      (error: Error) => writeFileSync(failed, String(error?.stack ?? error)),
    );
  }
  project.provide('consumer', { dir: join(cache, 'consumer'), done, failed });
  return async () => {
    await pending;
  };
}
