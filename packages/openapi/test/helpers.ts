import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The mock's multipart reader (busboy), from source: @postpress/mock depends on this package.
import { readMultipart } from '../../mock/src/multipart.js';
import { repoRoot } from './reference-pages.js';

const require = createRequire(import.meta.url);

export const bundleScript = join(repoRoot, 'scripts/bundle-spec.mjs');

/** Runs the real bundle script on a spec root, into `out`. */
export function runBundle(root: string, out: string) {
  const run = spawnSync(process.execPath, [bundleScript, '--root', root, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/** A private copy of everything the bundle reads, to break on purpose. */
export function copySpecRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postpress-spec-'));
  for (const entry of ['spec', 'redocly.yaml', '.redocly.lint-ignore.yaml', 'scripts/redocly']) {
    cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** What the bundle writes: each file a broken spec must leave as it was. */
export const DIST_FILES = ['openapi.json', 'openapi.yaml', 'operations.json', 'operations.d.ts', 'openapi.wire.json'];

/**
 * Breaks one file of a private spec copy, bundles it over a previous good output, and reports the
 * run and what each output file holds afterwards (`previous good <name>` when it was left alone).
 */
export function bundleBroken(file: string, edit: (text: string) => string) {
  const root = copySpecRoot();
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changes nothing`);
  writeFileSync(path, after);
  const out = join(root, 'dist');
  mkdirSync(out);
  for (const name of DIST_FILES) writeFileSync(join(out, name), `previous good ${name}`);
  const run = runBundle(root, out);
  return { ...run, files: Object.fromEntries(DIST_FILES.map((name) => [name, readFileSync(join(out, name), 'utf8')])) };
}

/** The outputs as bundleBroken wrote them before the run: nothing touched. */
export const UNTOUCHED = Object.fromEntries(DIST_FILES.map((name) => [name, `previous good ${name}`]));

// ---- wire view: the generator, real tools and a loopback server that records the parts ----------

export const distDir = join(repoRoot, 'packages/openapi/dist');
export const wireJsonPath = join(distDir, 'openapi.wire.json');
/** The mock accepts keys shaped `pp_test_…`; this one must never show up in output. */
export const TEST_KEY = 'pp_test_wireViewKeyNeverLogged42';

/** A dev dependency's command-line entry point, to run with this Node. */
export function binOf(pkg: string, name = pkg.split('/').pop() as string): string {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : (bin[name] as string));
}

/** Runs `node <bin> …args` and resolves with its exit code and output (never rejects). */
export function runNode(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
) {
  return new Promise<{ status: number | null; output: string }>((resolvePromise) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DO_NOT_TRACK: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, output });
    });
  });
}

/** A port nobody listens on right now (for tools that need one on their command line). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** `prism mock` (the real CLI) serving `document` on 127.0.0.1, ready when it says it listens. */
export async function startPrism(document: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [binOf('@stoplight/prism-cli', 'prism'), 'mock', '-h', '127.0.0.1', '-p', String(port), document],
    {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism did not start within 90 s:\n${log}`)), 90_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => fail(new Error(`prism exited (${code}):\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** One part as it arrived: a text value, or a file's name, type and size (bytes are not kept). */
export type CapturedPart = [name: string, value: string | { filename: string; contentType: string; size: number }];

export interface Captured {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  parts: CapturedPart[];
}

/**
 * A loopback server that reads each multipart request with the mock's own parser (busboy) and
 * answers 201 with the operation's success shape.
 */
export async function startCaptureServer() {
  const requests: Captured[] = [];
  const server = createServer(async (req, res) => {
    try {
      const parts = await readMultipart(req, req.headers['content-type']);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        parts: parts.map(
          (p): CapturedPart =>
            'file' in p
              ? [p.name, { filename: p.file.filename, contentType: p.file.contentType, size: p.file.size }]
              : [p.name, p.value],
        ),
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'ChatStarted', chat_id: 'chat_1', message_id: 'msg_1' }));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 400, type: 'errors/invalid_parameters', title: String(error) }));
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
