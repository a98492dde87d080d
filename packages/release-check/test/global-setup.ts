// Packs every public package and installs the tarballs in a fresh project outside the workspace, once
// per run, for every test file of this package that needs a user's project (pack.test.ts,
// consumer-flow.test.ts): the packing and the npm install are the slow part, and what they prove
// does not change between those files.
import type { TestProject } from 'vitest/node';
import { packAndInstall, publicPackages } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: { dir: string; tarballs: [string, string][] };
  }
}

export default function setup(project: TestProject) {
  // @types/node: the mock's declarations use node:stream, and a Node user has them.
  const consumer = packAndInstall(publicPackages(), { '@types/node': '20.19.43' });
  project.provide('consumer', { dir: consumer.dir, tarballs: [...consumer.tarballs] });
  return () => consumer.cleanup();
}
