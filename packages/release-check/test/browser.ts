// The client in a real browser: bundle consumer/browser-entry.mjs with esbuild for the browser, serve it
// on one loopback origin, start @postpress/mock on another (so CORS is exercised), run it in Chromium.
// Used on the workspace build (test/browser.test.ts) and on the packed tarball (test/pack.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { browserLaunchOptions } from '../../../scripts/browser.mjs';

/** Bundles `entry` for the browser (ESM, minified): resolves `@postpress/client` from the entry's folder. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote nothing');
  return file.text;
}

export interface BrowserRun {
  /** The page's origin (the mock is on another one). */
  pageUrl: string;
  /** Calls a function the bundle put on globalThis with JSON arguments, in the page. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  /** Every request the page made (URLs). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves a page that loads `bundle`, opens it in headless Chromium. */
export async function openInChromium(bundle: string): Promise<BrowserRun> {
  const html =
    '<!doctype html><meta charset="utf-8"><title>postpress</title><script type="module" src="/app.js"></script>';
  const server: Server = createServer((req, res) => {
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = mkdtempSync(join(tmpdir(), 'postpress-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      ...browserLaunchOptions(),
    });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${pageUrl}/`, { waitUntil: 'load' });
    await page
      .waitForFunction(() => 'postpressFlow' in globalThis, undefined, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`the bundle did not load: ${errors.join('; ') || 'no page error'}`);
      });
    return {
      pageUrl,
      requests,
      close,
      call: <T>(name: string, ...args: unknown[]) =>
        page.evaluate(
          ([fn, fnArgs]) =>
            (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[fn as string]?.(
              ...(fnArgs as unknown[]),
            ),
          [name, args] as const,
        ) as Promise<T>,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The bundle must be web-only: no Node built-ins, no require. */
export function nodeOnlyCode(bundle: string): string[] {
  return [...bundle.matchAll(/\brequire\(|\bnode:[a-z]+|\bprocess\.(?:versions|binding)|\b__dirname\b/g)].map(
    (m) => m[0],
  );
}
