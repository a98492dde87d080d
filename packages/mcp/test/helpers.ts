import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { type MultipartPart, readMultipart } from '@postpress/mock';
import type { OperationsModel } from '@postpress/openapi/operations.json';
// @ts-expect-error plain ESM script without type declarations
import { runPipeline } from '../../../scripts/pipeline.mjs';
import type { GeneratedCatalog, GeneratedTool } from '../src/index.js';

export const packageDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(packageDir, '../..');
export const KEY = 'pp_test_mcpK3yThatMustNeverLeak42';

/** What the capture proxy saw of one request, and what the mock answered. */
export interface Captured {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  parts: MultipartPart[];
  answer: { status: number; body: string };
}

export interface CaptureProxy {
  url: string;
  requests: Captured[];
  /** Sent to the mock as `X-Postpress-Mock-Error` while set: the way a test forces a documented error. */
  forceError: string | undefined;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of @postpress/mock: records each request's parts (parsed with the mock's
 * own multipart reader) and headers, adds the mock's error-forcing header when asked, and relays the answer.
 */
export async function startCaptureProxy(target: string): Promise<CaptureProxy> {
  const proxy: CaptureProxy = { url: '', requests: [], forceError: undefined, close: async () => {} };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const parts = await readMultipart(Readable.from([body]), req.headers['content-type']).catch(() => []);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
        headers.set(name, value);
    if (proxy.forceError) headers.set('x-postpress-mock-error', proxy.forceError);
    const answer = await fetch(target + (req.url ?? '/'), { method: req.method, headers, body });
    const text = await answer.text();
    proxy.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      parts,
      answer: { status: answer.status, body: text },
    });
    const relayed: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'text/plain' };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) relayed['retry-after'] = retryAfter;
    res.writeHead(answer.status, relayed).end(text);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return proxy;
}

/** Parts as `name=value` / `name=<filename;type;size>` lines, for readable comparisons. */
export const partLines = (parts: ReadonlyArray<Record<string, unknown>>) =>
  parts.map((p) =>
    'file' in p
      ? `${p.name}=<${(p.file as { filename: string }).filename};${(p.file as { contentType: string }).contentType};${(p.file as { size: number }).size}>`
      : 'filename' in p
        ? `${p.name}=<${p.filename};${p.contentType};${p.size}>`
        : `${p.name}=${p.value}`,
  );

/**
 * `pnpm pack`s packages/mcp (after `pnpm build`) and unpacks the tarball in a temp dir, with the workspace's
 * installed dependencies linked beside it: the bin that runs is the file the tarball ships.
 */
export function packAndUnpack(): { bin: string; tarball: string; files: string[]; cleanup(): void } {
  if (!existsSync(join(packageDir, 'dist/cli.js'))) throw new Error('packages/mcp/dist is missing: run `pnpm build`');
  const dir = mkdtempSync(join(tmpdir(), 'postpress-mcp-pack-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}${result.error ?? ''}`);
    return result.stdout;
  };
  try {
    const out = run('pnpm', ['pack', '--json', '--pack-destination', dir], packageDir);
    const { filename, files } = JSON.parse(out.slice(out.indexOf('{')));
    run('tar', ['-xzf', filename, '-C', dir], dir);
    const unpacked = join(dir, 'package');
    symlinkSync(join(packageDir, 'node_modules'), join(unpacked, 'node_modules'), 'dir');
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
    return {
      bin: join(unpacked, manifest.bin['postpress-mcp']),
      tarball: filename,
      files: files.map((f: { path: string }) => f.path),
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** A private copy of everything scripts/bundle-spec.mjs reads, to edit on purpose. */
export function copySpecRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postpress-mcp-spec-'));
  for (const entry of ['spec', 'redocly.yaml', '.redocly.lint-ignore.yaml', 'scripts/redocly'])
    cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true });
  return dir;
}

/** Runs the repo's bundle script on a spec root, into `out` (what `pnpm build` does first). */
export function runBundle(root: string, out: string) {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/bundle-spec.mjs'), '--root', root, '--out', out], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

/** The published spec's operations model (what src/generated/tools.ts is generated from). */
export const publishedModel = (): OperationsModel =>
  JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/operations.json'), 'utf8'));

export const fixtureSpec = join(repoRoot, 'packages/openapi/test/fixtures/every-shape/openapi.yaml');

/**
 * The fixture spec (every operation shape) through the pipeline (scripts/pipeline.mjs, the same cached
 * run as every other package's fixture tests): its model, and its generated tools imported as the server
 * would load them.
 */
export async function fixtureCatalog(): Promise<{
  model: OperationsModel;
  catalog: GeneratedCatalog;
  cleanup(): void;
}> {
  // The pipeline's own run (cached by its inputs): the fixture's model and generated tools.
  const paths = await runPipeline({ spec: fixtureSpec, docs: false });
  const model: OperationsModel = JSON.parse(readFileSync(paths.model, 'utf8'));
  const catalog = (await import(pathToFileURL(paths.mcp).href)) as GeneratedCatalog;
  return { model, catalog, cleanup: () => {} };
}

/** A loopback stand-in for the API: records each request's raw body and answers as the test says. */
export interface FakeApi {
  url: string;
  bodies: Buffer[];
  /** How the next requests are answered (default: 201 with `{}`). */
  answer: (res: ServerResponse, body: Buffer) => void;
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  const api: FakeApi = {
    url: '',
    bodies: [],
    answer: (res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'),
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    api.bodies.push(body);
    api.answer(res, body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return api;
}

/** A JSON answer. */
export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

type Schema = { [keyword: string]: any };

/** The smallest valid arguments of a tool: its required arguments, each a valid value of its schema. */
export function requiredArgs(tool: GeneratedTool): Record<string, unknown> {
  const value = (schema: Schema): unknown => {
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    if (schema.oneOf) return value(schema.oneOf[0]);
    if (schema.type === 'array')
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => value(schema.items ?? {}));
    if (schema.type === 'object')
      return Object.fromEntries((schema.required ?? []).map((name: string) => [name, value(schema.properties[name])]));
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return true;
    return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  };
  const props = tool.inputSchema.properties as Record<string, Schema>;
  return Object.fromEntries(((tool.inputSchema.required as string[]) ?? []).map((name) => [name, value(props[name]!)]));
}

/** A valid answer of a tool's documented success schema (the first of its output schema's `anyOf`). */
export function documentedAnswer(tool: GeneratedTool): Record<string, unknown> {
  const schema = tool.outputSchema?.anyOf[0] as Schema;
  return Object.fromEntries(
    Object.entries<Schema>(schema.properties ?? {}).map(([name, s]) => [
      name,
      s.const ?? (s.type === 'integer' ? 1 : `${name}_0001`),
    ]),
  );
}
