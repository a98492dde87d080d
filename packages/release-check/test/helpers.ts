import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const consumerTemplates = resolve(import.meta.dirname, '../consumer');

export interface PublicPackage {
  name: string;
  dir: string;
  manifest: Record<string, unknown> & { name: string; version: string };
}

/** Every package under packages/* that is published (not `"private": true`). */
export function publicPackages(): PublicPackage[] {
  const root = join(repoRoot, 'packages');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, entry.name))
    .flatMap((dir) => {
      let manifest: PublicPackage['manifest'];
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        return [];
      }
      return manifest.private === true ? [] : [{ name: manifest.name, dir, manifest }];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const RUN_ENV = {
  ...process.env,
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  NPM_CONFIG_FUND: 'false',
  NPM_CONFIG_AUDIT: 'false',
};

/** Runs a command to completion within `timeoutMs`; throws with its output when it fails. */
export function run(command: string, args: string[], options: { cwd: string; timeoutMs?: number }) {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    env: RUN_ENV,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}\n${output}`);
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '', output };
}

export function mustRun(command: string, args: string[], options: { cwd: string; timeoutMs?: number }) {
  const result = run(command, args, options);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.output}`);
  return result;
}

/** mustRun without blocking the process (the global setup prepares the consumer while tests run). */
async function mustRunAsync(command: string, args: string[], options: { cwd: string; timeoutMs?: number }) {
  const child = spawn(command, args, { cwd: options.cwd, env: RUN_ENV, timeout: options.timeoutMs ?? 120_000 });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [code, signal] = await once(child, 'close');
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${output}`);
  return { stdout, output };
}

export interface Consumer {
  /** The fresh project, outside the workspace, with every tarball and both TypeScripts installed. */
  dir: string;
  tarballs: Map<string, string>;
  cleanup(): void;
}

/** TypeScript 5.9 as `typescript`, TypeScript 7 (the native port) under the alias `typescript7`. */
export const TYPESCRIPTS = { typescript: '5.9.3', typescript7: 'npm:typescript@7.0.2' };

/**
 * Packs each package with `pnpm pack` (which rewrites `workspace:*` to real versions), then installs all
 * tarballs with npm into a new project under the OS temp dir. `overrides` pin every package to its
 * tarball, so a dependency between them never falls through to the registry.
 */
export async function packAndInstall(
  packages: PublicPackage[],
  extraDependencies: Record<string, string> = {},
  base = mkdtempSync(join(tmpdir(), 'postpress-release-check-')),
): Promise<Consumer> {
  mkdirSync(base, { recursive: true });
  const cleanup = () => rmSync(base, { recursive: true, force: true });
  try {
    const packs = join(base, 'tarballs');
    const dir = join(base, 'consumer');
    mkdirSync(packs);
    mkdirSync(dir);
    const tarballs = new Map<string, string>();
    for (const pkg of packages) {
      const { stdout } = await mustRunAsync('pnpm', ['pack', '--json', '--pack-destination', packs], { cwd: pkg.dir });
      tarballs.set(pkg.name, JSON.parse(stdout.slice(stdout.indexOf('{'))).filename);
    }
    const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
    const manifest = {
      name: 'postpress-consumer',
      private: true,
      type: 'module',
      dependencies: { ...local, ...TYPESCRIPTS, ...extraDependencies },
      overrides: local,
    };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mustRunAsync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      timeoutMs: 240_000,
    });
    return { dir, tarballs, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * The consumer project test/global-setup.ts packs and installs for this run, once it is ready: the
 * setup starts it in the background, while the other projects' tests run (this package's run last).
 */
export async function sharedConsumer(provided: { dir: string; done: string; failed: string }): Promise<Consumer> {
  for (const deadline = Date.now() + 600_000; !existsSync(provided.done); ) {
    if (existsSync(provided.failed)) throw new Error(readFileSync(provided.failed, 'utf8'));
    if (Date.now() > deadline) throw new Error('the consumer project was not ready within 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tarballs = JSON.parse(readFileSync(provided.done, 'utf8')) as [string, string][];
  return { dir: provided.dir, tarballs: new Map(tarballs), cleanup: () => {} };
}

/** Copies consumer/<name> templates into the consumer project (`{ from: as }` renames one). */
export function addConsumerFiles(consumer: Consumer, names: Array<string | { from: string; as: string }>) {
  for (const name of names) {
    const { from, as } = typeof name === 'string' ? { from: name, as: name } : name;
    writeFileSync(join(consumer.dir, as), readFileSync(join(consumerTemplates, from)));
  }
}

/** `tsc -p <project>` in the consumer with TypeScript 5.9 and 7: each run's version line and output. */
export function typecheck(consumer: Consumer, project: string) {
  return (['typescript', 'typescript7'] as const).map((pkg) => {
    const tsc = join(consumer.dir, 'node_modules', pkg, 'bin', 'tsc');
    const version = mustRun(process.execPath, [tsc, '--version'], { cwd: consumer.dir }).stdout.trim();
    const result = run(process.execPath, [tsc, '-p', project], { cwd: consumer.dir, timeoutMs: 120_000 });
    return { version, status: result.status, output: result.output };
  });
}

/** Asserts that `tsc -p <project>` passes in the consumer with TypeScript 5.9 and with TypeScript 7. */
export function expectCompiles(consumer: Consumer, project: string) {
  const runs = typecheck(consumer, project);
  expect(runs.map((r) => r.version)).toEqual([
    expect.stringMatching(/^Version 5\.9\./),
    expect.stringMatching(/^Version 7\./),
  ]);
  for (const r of runs) expect(r.status, `${r.version}:\n${r.output}`).toBe(0);
}

/** The packages that ship JavaScript, each both ESM and CommonJS. */
export const DUAL = ['@postpress/client', '@postpress/mock', '@postpress/types'];

/** `>=20` → `20.0.0`: the oldest Node every dual package declares in `engines`. */
export function oldestNode(packages: PublicPackage[]): string {
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

/** consumer/require.cjs and consumer/import.mjs on `nodeBinary`: each starts the mock, a chat, and handles a 422. */
export function runFlows(consumer: Consumer, nodeBinary: string) {
  const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) as string);
  const version = mustRun(nodeBinary, ['--version'], { cwd: consumer.dir }).stdout.trim();
  const required = lastLine(mustRun(nodeBinary, ['require.cjs'], { cwd: consumer.dir, timeoutMs: 60_000 }).stdout);
  const imported = lastLine(mustRun(nodeBinary, ['import.mjs'], { cwd: consumer.dir, timeoutMs: 60_000 }).stdout);
  expect(required).toEqual({ ...flowResult(version), system: 'commonjs', clientFile: 'index.cjs' });
  // Two module systems in one process load two copies: classes differ between them (the client README
  // says so); instanceof holds within each system, as configErrorIsInstance shows.
  expect(imported).toEqual({ ...flowResult(version), system: 'esm', sameClassFromRequire: false });
}
