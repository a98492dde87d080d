// Issue 25 item 8, in a real browser: a page served from another origin cannot read or clear the
// mock's received requests (it did read message texts and headers in Chromium), with the key or,
// with inspect 'open', without one; the same page still calls the API operations (CORS works there).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error a plain ESM script without type declarations
import { browserLaunchOptions } from '../../../scripts/browser.mjs';
import { type MockServer, startMockServer } from '../src/index.js';
import { INSPECT_PATH } from '../src/server.js';
import { KEY, paths, post } from './helpers.js';

const SECRET_TEXT = 'a message only its sender may read back';
let keyed: MockServer;
let open: MockServer;
let pageServer: Server;
let context: BrowserContext;
let page: Page;
const profile = mkdtempSync(join(tmpdir(), 'postpress-mock-chromium-'));

beforeAll(async () => {
  keyed = await startMockServer();
  open = await startMockServer({ inspect: 'open' });
  for (const mock of [keyed, open]) {
    const body = new FormData();
    body.append('text', SECRET_TEXT);
    expect((await post(`${mock.url}${paths.sendMessage}`, body)).status).toBe(201);
  }
  pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another origin</title>');
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  context = await chromium.launchPersistentContext(profile, browserLaunchOptions());
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
}, 120_000);

afterAll(async () => {
  await context?.close();
  pageServer?.closeAllConnections();
  await new Promise((resolve) => pageServer?.close(resolve));
  await keyed?.close();
  await open?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** Whether the mock still holds the message sent before the page ran. */
const stillKept = (mock: MockServer) =>
  mock.requests().some((r) => r.parts.some((p) => p.kind === 'field' && p.value === SECRET_TEXT));

/** Runs fetch in the page; returns the body it could read, or `blocked: <error>`. */
const fetchInPage = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  page.evaluate(
    async ([target, options]) => {
      try {
        const res = await fetch(target, options);
        return `${res.status} ${await res.text()}`;
      } catch (error) {
        return `blocked: ${(error as Error).name}`;
      }
    },
    [url, init] as const,
  );

it('the page can call the API on the mock (CORS answers for operations)', { timeout: 60_000 }, async () => {
  const answer = await fetchInPage(`${keyed.url}/api/v1/nope`);
  expect(answer).toMatch(/^404 .*resource_not_found/);
});

it('with the key, the page cannot read or clear the requests: the preflight is refused', {
  timeout: 60_000,
}, async () => {
  const headers = { 'X-API-KEY': KEY };
  expect(await fetchInPage(`${keyed.url}${INSPECT_PATH}`, { headers })).toBe('blocked: TypeError');
  expect(await fetchInPage(`${keyed.url}${INSPECT_PATH}`, { method: 'DELETE', headers })).toBe('blocked: TypeError');
  expect(stillKept(keyed)).toBe(true);
});

it("with inspect 'open', the page cannot read the requests either, nor clear them", { timeout: 60_000 }, async () => {
  const read = await fetchInPage(`${open.url}${INSPECT_PATH}`);
  expect(read).toBe('blocked: TypeError');
  expect(read).not.toContain(SECRET_TEXT);
  expect(await fetchInPage(`${open.url}${INSPECT_PATH}`, { method: 'DELETE' })).toBe('blocked: TypeError');
  expect(stillKept(open)).toBe(true);
  // While the test, on this machine, can.
  expect(await (await fetch(`${open.url}${INSPECT_PATH}`)).text()).toContain(SECRET_TEXT);
});
