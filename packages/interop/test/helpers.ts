// What the interop tests share: the wire view's path, a child process runner, Prism, and a loopback
// server that records each multipart request with the mock's own parser.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { readMultipart } from '@postpress/mock';

const require = createRequire(import.meta.url);

export const repoRoot = resolve(import.meta.dirname, '../../..');
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
