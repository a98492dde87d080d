// The built site in Chromium, served as GitHub Pages serves it: under a sub-path, compressed. What a
// reader sees at 1440×900 and 390×844, in both themes, with axe-core (WCAG 2.2 AA) on every page,
// screenshots in test-results/screenshots/, keyboard use, links with and without JavaScript, and no
// request that leaves the page's origin.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../scripts/serve-site.mjs';
import { errorCatalog } from '../scripts/spec-to-markdown.mjs';
import { bundle, distDir, docsDir, launchBrowser, samplesDir } from './helpers.js';

const BASE = '/postpress-api/';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(docsDir, 'test-results/screenshots');
const PAGES = [
  'index.html',
  'guides/quick-start.html',
  'guides/authentication.html',
  'guides/wire-format.html',
  'guides/errors-and-retries.html',
  'operations/startChat.html',
  'operations/sendMessage.html',
  'errors.html',
];
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const THEMES = ['light', 'dark'] as const;
// The machine may be busy: give what the page does after an input (load MiniSearch, filter 149 rows) time.
const POLL = { timeout: 20_000, interval: 100 };

let site: { url: string; close(): Promise<void> };
let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(distDir, 'index.html')))
    throw new Error('packages/docs/dist is missing: run `pnpm build` first');
  site = await serveSite({ root: distDir, basePath: BASE });
  browser = await launchBrowser();
  browser.context.on('request', (request) => requested.push(request.url()));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.route('**/__axe.min.js', (route) => route.fulfill({ contentType: 'text/javascript', body: AXE }));
  page.setDefaultTimeout(60_000);
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, { theme = 'light' as 'light' | 'dark', width = 1440, height = 900 } = {}) {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(`${site.url}/${path}`, { waitUntil: 'load' });
  // The theme follows the system unless the reader picked one: forget a pick left by an earlier test.
  if (await page.evaluate(() => localStorage.getItem('postpress-theme'))) {
    await page.evaluate(() => localStorage.removeItem('postpress-theme'));
    await page.reload({ waitUntil: 'load' });
  }
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

/** axe-core's serious and critical violations of WCAG 2.0–2.2 A/AA on the page as it is now. */
async function axeViolations() {
  // Injected from the page's own origin: the page's Content-Security-Policy allows no other script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${site.url}/__axe.min.js` });
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(o: object): Promise<{ violations: any[]; passes: unknown[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  // A page axe did not really check (no rule passed) would pass vacuously.
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n: { target: string[] }) => n.target.join(' ')).join(', ')}`);
}

/** Elements wider than the viewport, or boxes whose content is cut or scrolls sideways. */
function overflowing() {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>('main *, header *, nav *')) {
      const rect = el.getBoundingClientRect();
      if (el.closest('.sr-only') || el.offsetParent === null || rect.width <= 1) continue;
      if (rect.right > width + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(rect.right)}px`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`,
        );
    }
    return out.slice(0, 10);
  });
}

describe('every page, at desktop and phone widths, in both themes', () => {
  for (const viewport of VIEWPORTS) {
    for (const theme of THEMES) {
      it(`${viewport.name} ${viewport.width}×${viewport.height}, ${theme}: axe finds nothing serious, nothing overflows, one h1 and the landmarks`, async () => {
        for (const path of PAGES) {
          await open(path, { theme, width: viewport.width, height: viewport.height });
          expect(await axeViolations(), `${path}`).toEqual([]);
          expect(await overflowing(), `${path}`).toEqual([]);
          expect(await page.locator('h1').count(), path).toBe(1);
          // (the phone menu is collapsed, hence hidden: it is still there)
          for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const)
            expect(await page.getByRole(role, { includeHidden: true }).count(), `${path} ${role}`).toBe(1);
          const name = `${viewport.name}-${theme}-${path.replace(/\//g, '-').replace(/\.html$/, '')}.png`;
          const shot = await page.screenshot({ path: join(SHOTS, name) });
          expect(shot.length, name).toBeGreaterThan(5_000);
        }
      }, 600_000);
    }
  }
});

describe('in between: a small laptop and a tablet', () => {
  it('nothing overflows at 1024 px or at 768 px', async () => {
    for (const width of [1024, 768]) {
      for (const path of PAGES) {
        await open(path, { width, height: 800 });
        expect(await overflowing(), `${path} at ${width} px`).toEqual([]);
      }
    }
  }, 300_000);
});

describe('the error catalog', () => {
  const rows = errorCatalog(bundle);

  it('lists every (operation, status, type), each type name on one line at 1440 and at 1024 px', async () => {
    for (const width of [1440, 1024]) {
      await open('errors.html', { width });
      const types = await page.locator('.catalog code.type').evaluateAll((codes) =>
        codes.map((code) => {
          const lineHeight = Number.parseFloat(getComputedStyle(code).lineHeight);
          const row = code.closest('tr') as HTMLElement;
          return {
            id: row.id,
            type: code.textContent,
            lines: Math.round(code.getBoundingClientRect().height / lineHeight),
          };
        }),
      );
      expect(types.map((t) => `${t.id.split('-')[0]} ${t.type}`).sort()).toEqual(
        rows.map((r: { operationId: string; type: string }) => `${r.operationId} ${r.type}`).sort(),
      );
      expect(
        types.filter((t) => t.lines !== 1),
        `${width} px`,
      ).toEqual([]);
      expect(await overflowing(), `${width} px`).toEqual([]);
    }
  }, 120_000);

  it('filters by text, status and operation, and takes the filter from the URL', async () => {
    await open('errors.html');
    const count = page.locator('#filter-count');
    await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${rows.length} of ${rows.length} errors.`);
    await page.getByLabel('Filter by type or meaning').fill('limit_exceeded');
    await expect.poll(() => count.textContent(), POLL).toBe(`Showing 2 of ${rows.length} errors.`);
    await page.getByLabel('Operation').selectOption('sendMessage');
    await expect.poll(() => count.textContent(), POLL).toBe(`Showing 1 of ${rows.length} errors.`);
    expect(await page.locator('section[data-operation="startChat"]').isHidden()).toBe(true);
    await page.goto(`${site.url}/errors.html?operation=startChat&status=503`, { waitUntil: 'load' });
    const expected = rows.filter(
      (r: { operationId: string; status: number }) => r.operationId === 'startChat' && r.status === 503,
    );
    await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${expected.length} of ${rows.length} errors.`);
    expect(await page.locator('.catalog tbody tr:visible').count()).toBe(expected.length);
  }, 120_000);
});

describe('links', () => {
  it('every link on every page is relative and resolves under the sub-path (page and anchor)', async () => {
    const checked = new Set<string>();
    for (const path of PAGES) {
      await open(path);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) =>
          as.map((a) => ({ raw: a.getAttribute('href') ?? '', resolved: (a as HTMLAnchorElement).href })),
        );
      for (const { raw, resolved } of hrefs) {
        if (/^https?:/.test(raw)) continue;
        expect(raw, `${path}: ${raw}`).not.toMatch(/^\//);
        expect(resolved.startsWith(`${site.url}/`), `${path}: ${raw} → ${resolved}`).toBe(true);
        const url = new URL(resolved);
        const target = `${url.origin}${url.pathname}`;
        if (!checked.has(target)) {
          const response = await browser.context.request.get(target);
          expect(response.status(), `${path}: ${raw}`).toBe(200);
          checked.add(target);
        }
        if (url.hash && target.endsWith('.html')) {
          const html = await (await browser.context.request.get(target)).text();
          expect(html, `${path}: ${raw}`).toContain(`id="${decodeURIComponent(url.hash.slice(1))}"`);
        }
      }
    }
    expect(checked.size).toBeGreaterThanOrEqual(PAGES.length + 3);
  }, 300_000);

  it('the sidebar works without JavaScript, and the old #/ deep links still land', async () => {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${site.url}/index.html`, { waitUntil: 'load' });
      expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(false);
      const nav = page.getByRole('navigation', { name: 'Site' });
      expect(await nav.isVisible()).toBe(true);
      await nav.getByRole('link', { name: 'Error catalog' }).click();
      await page.waitForURL(`${site.url}/errors.html`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Error catalog');
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Quick start' }).click();
      await page.waitForURL(`${site.url}/guides/quick-start.html`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Quick start');
    } finally {
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
      await cdp.detach();
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}/#/messaging/startchat`, { waitUntil: 'load' });
    await page.waitForURL(`${site.url}/operations/startChat.html`);
  }, 120_000);
});

describe('keyboard and controls', () => {
  it('Tab reaches the search box; typing, Enter and arrows work; catalog hits are titled by their type', async () => {
    await open('guides/quick-start.html');
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'search-input');
    }
    expect(reached).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Search the docs' }).count()).toBe(1);
    await page.keyboard.type('limit_exceeded');
    // Results of the whole query (a prefix typed a moment ago may have answered first).
    const titles = page.locator('#search-results .hit-title');
    await expect
      .poll(async () => (await titles.allTextContents()).slice(0, 2).sort(), POLL)
      .toEqual(['errors/limit_exceeded', 'errors/limit_exceeded']);
    await page.screenshot({ path: join(SHOTS, 'desktop-light-search-results.png') });
    expect(await page.locator('#search-results .hit-where').first().textContent()).toMatch(
      /^Error 422 of (startChat|sendMessage)$/,
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/errors\.html#(startChat|sendMessage)-422-limit_exceeded$/);
    expect(await page.locator('tr:target code.type').textContent()).toBe('errors/limit_exceeded');

    await page.getByRole('searchbox', { name: 'Search the docs' }).fill('voice_message');
    await expect
      .poll(() => page.locator('#search-results .hit-title').allTextContents(), POLL)
      .toContain('voice_message');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/operations\/(startChat|sendMessage)\.html#request-body-multipartform-data$/);
  }, 120_000);

  it('copy buttons copy the sample exactly as the file is; the theme toggle is named for its action; the logo shows in dark', async () => {
    await open('operations/startChat.html');
    const curl = page.locator('.code', { hasText: "--form 'linkedin[api]=recruiter'" }).first();
    await curl.getByRole('button', { name: /^Copy/ }).click();
    const expected = readFileSync(join(samplesDir, 'curl/startChat.sh'), 'utf8').trimEnd();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    expect(await curl.getByRole('button').textContent()).toBe('Copied');

    const toggle = page.getByRole('button', { name: 'Switch to dark theme' });
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByRole('button', { name: 'Switch to light theme' }).count()).toBe(1);
    const logoText = await page.locator('.brand svg text').evaluate((t) => getComputedStyle(t).fill);
    const [r, g, b] = (logoText.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 0) + (g ?? 0) + (b ?? 0), logoText).toBeGreaterThan(600);
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.evaluate(() => localStorage.removeItem('postpress-theme'));
  }, 120_000);

  it('code blocks wrap instead of being cut, and each one can be reached with Tab', async () => {
    for (const path of ['guides/quick-start.html', 'operations/startChat.html']) {
      for (const width of [1440, 390]) {
        await open(path, { width, height: 900 });
        const pres = await page
          .locator('.code pre')
          .evaluateAll((els) =>
            els.map((el) => ({ cut: el.scrollWidth > el.clientWidth + 1, tabindex: el.getAttribute('tabindex') })),
          );
        expect(pres.length).toBeGreaterThan(0);
        expect(pres.filter((p) => p.cut)).toEqual([]);
        expect(pres.filter((p) => p.tabindex !== '0')).toEqual([]);
        expect(await page.locator('.code pre .line span[style]').count(), path).toBeGreaterThan(5);
      }
    }
  }, 120_000);

  it('on a phone the menu opens below the header and pushes the page down instead of covering it', async () => {
    await open('operations/startChat.html', { width: 390, height: 844 });
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Site' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const nav = await page.getByRole('navigation', { name: 'Site' }).boundingBox();
    const main = await page.getByRole('main').boundingBox();
    expect(nav && main && nav.y + nav.height <= main.y + 1).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'phone-light-menu-open.png') });
    expect(await overflowing()).toEqual([]);
  }, 120_000);
});

describe('content', () => {
  it('startChat: fields, statuses, and request examples whose title matches their parts', async () => {
    await open('operations/startChat.html');
    const main = page.getByRole('main');
    for (const text of ['account_id', 'attendees_ids[]', 'attachments', 'linkedin[api]', '201', '422', '429'])
      expect(await main.getByText(text, { exact: true }).count(), text).toBeGreaterThan(0);
    expect(
      await main
        .locator('td[data-label="part name"]', { hasText: /^attachments$/ })
        .locator('xpath=..')
        .textContent(),
    ).toContain('file, one part per file');
    const examples = await page.locator('h3').evaluateAll((hs) =>
      hs
        .filter((h) => h.nextElementSibling?.classList.contains('code'))
        .map((h) => ({
          title: h.textContent ?? '',
          code: h.nextElementSibling?.querySelector('pre')?.textContent ?? '',
        })),
    );
    expect(examples.length).toBe(2);
    for (const { title, code } of examples) {
      const api = /recruiter/i.test(title)
        ? 'recruiter'
        : /sales navigator/i.test(title)
          ? 'sales_navigator'
          : 'classic';
      expect(code, title).toContain(`linkedin[api]=${api}`);
    }
  }, 120_000);

  it('never made a request outside its own origin', () => {
    expect(requested.length).toBeGreaterThan(0);
    const outside = requested.filter((url) => !url.startsWith(`${site.url}/`) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
  });
});
