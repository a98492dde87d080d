// The built site in Debian's Chromium, served on loopback: what a reader sees, and that the page
// never talks to anything but its own origin.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLaunchOptions } from '../../../scripts/browser.mjs';
import { serveSite } from '../scripts/serve-site.mjs';
import { errorCatalog } from '../scripts/spec-to-markdown.mjs';
import { bundle, distDir, docsDir } from './helpers.js';

let site: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
let profileDir: string;
const requested: string[] = [];

/** The browser, found as the README says (POSTPRESS_BROWSER, the usual install paths, Chrome): scripts/browser.mjs. */
function launchBrowser(profileDir: string) {
  return chromium.launchPersistentContext(profileDir, {
    ...browserLaunchOptions(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

beforeAll(async () => {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error('packages/docs/dist is missing: run `pnpm build` first');
  site = await serveSite({ root: distDir });
  profileDir = mkdtempSync(join(tmpdir(), 'postpress-chromium-'));
  context = await launchBrowser(profileDir);
  context.on('request', (request) => requested.push(request.url()));
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

async function open(hash: string) {
  await page.goto(`${site.url}/${hash}`, { waitUntil: 'load' });
}

describe('the docs site in Chromium', () => {
  it('renders startChat with its fields, responses and both samples', async () => {
    await open('#/messaging/startchat');
    await expect.poll(() => page.getByRole('heading', { name: 'Start a new chat' }).count()).toBeGreaterThan(0);
    const main = page.locator('main').or(page.locator('body')).first();
    for (const field of ['account_id', 'attendees_ids', 'attachments', 'linkedin']) {
      await expect.poll(() => main.getByText(field, { exact: true }).count(), field).toBeGreaterThan(0);
    }
    for (const status of ['201', '422', '429']) {
      await expect.poll(() => main.getByText(status, { exact: true }).count(), status).toBeGreaterThan(0);
    }
    // curl is the default tab; the TypeScript sample is one click away.
    await page.getByText("--form 'linkedin[api]=recruiter'").first().waitFor();
    await page
      .locator('button', { hasText: /^curl$/ })
      .first()
      .click();
    await page
      .getByRole('menuitem', { name: 'TypeScript' })
      .or(page.getByRole('option', { name: 'TypeScript' }))
      .first()
      .click();
    await page.getByText('createPostpressClient').first().waitFor();
    expect(await page.getByText('createPostpressClient').first().isVisible()).toBe(true);
  });

  it('renders sendMessage with its path parameter, body fields and responses', async () => {
    await open('#/messaging/sendmessage');
    await expect.poll(() => page.getByRole('heading', { name: 'Send a message in a chat' }).count()).toBeGreaterThan(0);
    for (const text of ['chat_id', 'text', 'thread_id', 'voice_message', '201', '404']) {
      await expect.poll(() => page.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
    }
  });

  it('search finds limit_exceeded', async () => {
    await open('#/quick-start');
    await page.getByText('Search', { exact: false }).first().click();
    await page.keyboard.type('limit_exceeded');
    const results = page.locator('[data-component-name="Search/SearchItem"]');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect((await results.allInnerTexts()).join('\n')).toContain('limit_exceeded');
    await page.keyboard.press('Escape');
  });

  it('shows every error type of the catalog, with the guides beside it', async () => {
    // The catalog renders as it scrolls: read it screen by screen, from its top to the last type.
    await open('#/error-catalog');
    await page.getByText('errors/invalid_parameters').first().waitFor();
    let missing: string[] = errorCatalog(bundle).map((r: { type: string }) => r.type);
    await page.mouse.move(640, 450);
    for (let screen = 0; screen < 80 && missing.length > 0; screen++) {
      // biome-ignore lint/performance/useDomNodeTextContent: textContent would include the inlined spec and pass vacuously
      const text = await page.locator('body').innerText();
      missing = missing.filter((type) => !text.includes(type));
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(50);
    }
    expect(missing).toEqual([]);
    for (const guide of ['Quick start', 'Authentication', 'Multipart wire format', 'Errors and retries']) {
      expect(await page.getByText(guide, { exact: true }).count(), guide).toBeGreaterThan(0);
    }
  });

  it('writes a screenshot of the reference page', async () => {
    await open('#/messaging/startchat');
    // The language picked earlier sticks: the TypeScript sample is the one on screen now.
    await page.getByText('createPostpressClient').first().waitFor();
    mkdirSync(join(docsDir, 'test-results'), { recursive: true });
    const shot = await page.screenshot({ path: join(docsDir, 'test-results/site.png') });
    expect(shot.length).toBeGreaterThan(10_000);
  });

  it('never made a request outside its own origin', () => {
    expect(requested.length).toBeGreaterThan(0);
    const outside = requested.filter((url) => !url.startsWith(`${site.url}/`) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
  });
});
