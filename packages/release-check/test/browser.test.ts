// @postpress/client (the workspace build) in Chromium against @postpress/mock on another origin: the
// bundle is web-only, startChat and a forced 422 work across CORS, and the API's request id is readable.
// The same run on the packed tarball is in pack.test.ts.
import { join } from 'node:path';
import { type MockServer, startMockServer } from '@postpress/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRun, bundleForBrowser, nodeOnlyCode, openInChromium } from './browser.js';
import { consumerTemplates } from './helpers.js';

let mock: MockServer;
let bundle: string;
let browser: BrowserRun;

beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  bundle = await bundleForBrowser(join(consumerTemplates, 'browser-entry.mjs'));
  browser = await openInChromium(bundle);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

describe('@postpress/client in Chromium, against @postpress/mock', () => {
  it('bundles for the browser with no Node built-ins', () => {
    expect(bundle.length).toBeGreaterThan(1000);
    expect(nodeOnlyCode(bundle)).toEqual([]);
  });

  it('starts a chat and gets a forced 422 as a typed error, with the request id, across origins', async () => {
    const result = await browser.call<Record<string, unknown>>('postpressFlow', mock.url);
    expect(result).toEqual({
      chat: 'ChatStarted',
      error: 'api 422 errors/limit_exceeded',
      requestId: expect.stringMatching(/^req_[0-9a-f]{24}$/),
      keyLeaked: false,
    });
    expect(new URL(browser.pageUrl).origin).not.toBe(new URL(mock.url).origin);
    expect(browser.requests.filter((url) => url.startsWith(mock.url))).toHaveLength(2);
  }, 60_000);

  // Needs the client branch (issue 14, `dangerouslyAllowBrowser`): before it, a client is created anyway.
  it('refuses to create a client in a browser without dangerouslyAllowBrowser: true', async () => {
    const outcome = await browser.call<string>('postpressWithoutFlag', mock.url);
    expect(outcome).toMatch(/^PostpressConfigError: .*dangerouslyAllowBrowser/);
  }, 60_000);
});
