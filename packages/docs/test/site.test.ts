// The built site in Chromium, served as GitHub Pages serves it: under a sub-path, compressed. What a
// reader sees at 1440×900 and 390×844, in both themes, with axe-core (WCAG 2.2 AA) on every page,
// screenshots in test-results/screenshots/, the two-column reference layout, tabs, deep links into
// variants, words that never break inside, keyboard use, links with and without JavaScript, and no
// request that leaves the page's origin. Pages are read from dist/, so the test grows with the site linearly.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateSamples } from '@postpress/samples';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorRows } from '../scripts/operation-page.mjs';
import { serveSite } from '../scripts/serve-site.mjs';
import { distDir, docsDir, filesUnder, launchBrowser, model } from './helpers.js';

const BASE = '/postpress-api/';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(docsDir, 'test-results/screenshots');
const PAGES = existsSync(distDir)
  ? filesUnder(distDir)
      .filter((f) => f.endsWith('.html'))
      .sort()
  : [];
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
// The machine may be busy: give what the page does after an input (load MiniSearch, filter rows) time.
const POLL = { timeout: 20_000, interval: 100 };
// The operation with the most sample languages and a body variant: where tabs and deep links are exercised.
const samples = generateSamples(model);
/** Languages each operation's page has a tab for: one per generated language, plus the spec's own samples. */
const tabsOf = (op: (typeof model.operations)[number]) =>
  (samples.samples.some((g) => g.operationId === op.operationId) ? samples.languages.length : 0) +
  op.codeSamples.length;
const multiLang = model.operations.filter((op) => tabsOf(op) > 1).map((op) => op.operationId);

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

/**
 * What the theme changes: colours only (site.css swaps colour variables under [data-theme="dark"]),
 * so in the dark theme axe runs its colour rules, and layout, structure and the rest are the light run's.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe-core's serious and critical violations of WCAG 2.0–2.2 A/AA on the page as it is now (`rules`: only those). */
async function axeViolations(rules?: string[]) {
  // Injected from the page's own origin: the page's Content-Security-Policy allows no other script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: `${site.url}/__axe.min.js` });
  const result = await page.evaluate(
    (rules) =>
      (window as unknown as { axe: { run(o: object): Promise<{ violations: any[]; passes: unknown[] }> } }).axe.run({
        runOnly: rules
          ? { type: 'rule', values: rules }
          : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }),
    rules,
  );
  // A page axe did not really check (no rule passed) would pass vacuously.
  expect(result.passes.length).toBeGreaterThan(rules ? 0 : 10);
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

/**
 * Words broken across lines inside themselves. A word (text between spaces, outside code blocks) may only
 * break after `/ _ ] . - , ; : = & ?` (between the parts of a name or path), and an error type only on a
 * phone. Each broken word is reported with the characters around the break.
 */
function brokenWords({ typesWhole }: { typesWhole: boolean }) {
  return page.evaluate(
    ({ typesWhole }) => {
      const out: string[] = [];
      const lineOf = (range: Range) => {
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
        return new Set(tops).size;
      };
      const walker = document.createTreeWalker(document.querySelector('main') as Node, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement as HTMLElement;
        if (parent.closest('pre, .sr-only') || parent.offsetParent === null) continue;
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S{2,}/g)) {
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (lineOf(range) < 2) continue;
          // Find where it breaks: the first character on a new line.
          let top = -1;
          for (let i = 0; i < m[0].length; i++) {
            range.setStart(node, m.index + i);
            range.setEnd(node, m.index + i + 1);
            const rect = [...range.getClientRects()].find((r) => r.width > 0);
            if (!rect) continue;
            if (top >= 0 && Math.round(rect.top) > top + 2) {
              const before = m[0][i - 1] ?? '';
              const isType = parent.closest('code.type') !== null;
              if ((isType && typesWhole) || !/[/_\].\-,;:=&?)…]/.test(before))
                out.push(`${m[0].slice(0, i)}|${m[0].slice(i)} (${parent.tagName.toLowerCase()}.${parent.className})`);
              break;
            }
            top = Math.round(rect.top);
          }
        }
      }
      return out.slice(0, 20);
    },
    { typesWhole },
  );
}

describe('every page, at desktop and phone widths, in both themes', () => {
  it('finds the pages in dist/', () => {
    expect(PAGES).toContain('index.html');
    expect(PAGES.filter((p) => p.startsWith('operations/'))).toHaveLength(model.operations.length);
  });
  for (const viewport of VIEWPORTS) {
    const { name, width, height } = viewport;
    it(`${name} ${width}×${height}, light: axe finds nothing serious, nothing overflows, one h1 and the landmarks; dark: axe's colour rules find nothing serious`, async () => {
      for (const path of PAGES) {
        await open(path, { theme: 'light', width, height });
        expect(await axeViolations(), `${path}`).toEqual([]);
        expect(await overflowing(), `${path}`).toEqual([]);
        expect(await page.locator('h1').count(), path).toBe(1);
        // (the phone menu is collapsed, hence hidden: it is still there)
        for (const role of ['banner', 'main', 'contentinfo'] as const)
          expect(await page.getByRole(role, { includeHidden: true }).count(), `${path} ${role}`).toBe(1);
        expect(await page.getByRole('navigation', { name: 'Site', includeHidden: true }).count(), path).toBe(1);
        // The spec version, on every page.
        expect(await page.locator('header .version').textContent(), path).toBe(`API version v${model.api.version}`);
        const shot = `${name}-light-${path.replace(/\//g, '-').replace(/\.html$/, '')}.png`;
        expect((await page.screenshot({ path: join(SHOTS, shot) })).length, shot).toBeGreaterThan(5_000);
        // The same page in the dark theme, switched as the boot script and the toggle switch it (the
        // data-theme attribute; the system's preference too), without loading it again.
        const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const light = await background();
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.evaluate(() => {
          document.documentElement.dataset.theme = 'dark';
        });
        expect(await background(), `${path}: the dark theme applies`).not.toBe(light);
        expect(await axeViolations(COLOUR_RULES), `${path}, dark`).toEqual([]);
      }
    }, 900_000);
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
  }, 600_000);
});

describe('words and names', () => {
  it('no word breaks inside itself, at 1440 and 390 px; error types stay whole at 1440 px', async () => {
    for (const [width, typesWhole] of [
      [1440, true],
      [390, false],
    ] as const) {
      for (const path of PAGES) {
        await open(path, { width, height: 900 });
        expect(await brokenWords({ typesWhole }), `${path} at ${width} px`).toEqual([]);
      }
    }
  }, 600_000);

  it('every error type on a page at 1440 and 1024 px is on one line', async () => {
    for (const width of [1440, 1024]) {
      for (const path of PAGES) {
        await open(path, { width });
        const split = await page.locator('main code.type').evaluateAll((codes) =>
          codes
            .filter((c) => (c as HTMLElement).offsetParent !== null)
            .filter((c) => {
              const lineHeight = Number.parseFloat(getComputedStyle(c).lineHeight);
              return Math.round(c.getBoundingClientRect().height / lineHeight) !== 1;
            })
            .map((c) => c.textContent),
        );
        expect(split, `${path} at ${width} px`).toEqual([]);
      }
    }
  }, 600_000);
});

describe('the reference pages', () => {
  it('at 1440 px: two columns, the request sample beside the fields and sticky while they scroll; every response beside its example', async () => {
    let stickyChecked = 0;
    for (const op of model.operations) {
      await open(`operations/${op.operationId}.html`);
      const box = async (selector: string) =>
        (await page.locator(selector).first().boundingBox()) as { x: number; y: number; width: number; height: number };
      const fields = await box('.op-fields');
      const aside = await box('.op-aside-request');
      expect(aside.x, op.operationId).toBeGreaterThan(fields.x + fields.width);
      // The sample starts on the first screen.
      expect((await box('.samples')).y, op.operationId).toBeLessThan(900);
      // A screen into a list of fields two screens long, the sample is still on screen (sticky).
      if (fields.height > 2 * 900) {
        stickyChecked++;
        await page.evaluate((y) => window.scrollTo(0, y), fields.y + 900);
        const sticky = await box('.op-aside-request .sticky');
        expect(sticky.y, op.operationId).toBeGreaterThanOrEqual(0);
        expect(sticky.y, op.operationId).toBeLessThan(100);
      }
      for (const r of op.responses) {
        const main = await box(`#response-${r.status} > .op-main`);
        const example = await box(`#response-${r.status} > .op-aside`);
        expect(example.x, `${op.operationId} ${r.status}`).toBeGreaterThan(main.x + main.width);
      }
      // Prose lines stay readable: at most ~90 characters.
      const longest = await page
        .locator('.op-intro p')
        .evaluateAll((ps) =>
          Math.max(...ps.map((p) => p.getBoundingClientRect().width / Number.parseFloat(getComputedStyle(p).fontSize))),
        );
      expect(longest, op.operationId).toBeLessThan(45); // em; ~90 characters of 16 px text
    }
    expect(stickyChecked).toBeGreaterThan(0);
  }, 300_000);

  it('at 390 px: one column, the sample before the fields, within two screens; wrapped code lines keep their indent', async () => {
    for (const op of model.operations) {
      await open(`operations/${op.operationId}.html`, { width: 390, height: 844 });
      const samples = await page.locator('.samples').boundingBox();
      const fields = await page.locator('.op-fields').boundingBox();
      expect(samples && fields && samples.y < fields.y, op.operationId).toBe(true);
      expect(samples?.y ?? Infinity, op.operationId).toBeLessThan(2 * 844);
      const lostIndent = await page.locator('.code pre').evaluateAll((pres) => {
        const out: string[] = [];
        for (const pre of pres) {
          if ((pre as HTMLElement).offsetParent === null) continue;
          const left = pre.getBoundingClientRect().left + Number.parseFloat(getComputedStyle(pre).paddingLeft);
          const ch = Number.parseFloat(getComputedStyle(pre).fontSize) * 0.5;
          for (const line of pre.querySelectorAll('.line')) {
            const range = document.createRange();
            range.selectNodeContents(line);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const tops = [...new Set(rects.map((r) => Math.round(r.top)))];
            if (tops.length < 2) continue;
            for (const r of rects.filter((x) => Math.round(x.top) !== tops[0]))
              if (r.left < left + 1.5 * ch)
                out.push(`${line.textContent?.slice(0, 40)} (continues at ${Math.round(r.left - left)} px)`);
          }
        }
        return out.slice(0, 5);
      });
      expect(lostIndent, op.operationId).toEqual([]);
    }
  }, 300_000);

  it('sample tabs: the language picked on one page is the one shown on the next, and after a reload', async () => {
    expect(multiLang.length).toBeGreaterThan(0);
    const [first, ...rest] = multiLang as [string, ...string[]];
    await open(`operations/${first}.html`);
    const tabs = page.locator('.samples [role="tab"]');
    const names = await tabs.allTextContents();
    expect(names.length).toBeGreaterThan(1);
    const pick = names[names.length - 1] as string;
    await page.locator('.samples').getByRole('tab', { name: pick }).click();
    const shown = async () => page.locator('.samples [role="tabpanel"]:visible').getAttribute('data-label');
    expect(await shown()).toBe(pick);
    // Keyboard: arrows move between tabs (and select).
    await page.keyboard.press('ArrowLeft');
    expect(await shown()).toBe(names[names.length - 2]);
    await page.keyboard.press('ArrowRight');
    expect(await shown()).toBe(pick);
    for (const other of [first, ...rest]) {
      await page.goto(`${site.url}/operations/${other}.html`, { waitUntil: 'load' });
      expect(await shown(), other).toBe(pick);
      expect(await page.locator('.samples [role="tabpanel"]:visible').count(), other).toBe(1);
    }
    await page.evaluate(() => localStorage.removeItem('postpress-lang'));
  }, 120_000);

  it('a link to a field inside a variant opens that variant and shows the field; search lands there too', async () => {
    const target = await (async () => {
      for (const op of model.operations) {
        await open(`operations/${op.operationId}.html`);
        const id = await page
          .locator('.variant:not(:first-of-type) .field[id]')
          .first()
          .getAttribute('id', { timeout: 1000 })
          .catch(() => null);
        if (id) return { op: op.operationId, id };
      }
      return null;
    })();
    expect(target, 'no operation has a field inside a second variant').not.toBeNull();
    const { op, id } = target as { op: string; id: string };
    await page.goto(`${site.url}/operations/${op}.html#${id}`, { waitUntil: 'load' });
    const field = page.locator(`[id="${id}"]`);
    await expect.poll(() => field.isVisible(), POLL).toBe(true);
    expect(await field.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(900);
    const panel = await field.evaluate((el) => el.closest('[role="tabpanel"]')?.getAttribute('aria-labelledby'));
    expect(await page.locator(`[id="${panel}"]`).getAttribute('aria-selected')).toBe('true');
    // The other variants of that group are hidden until picked.
    expect(
      await field.evaluate(
        (el) =>
          [...(el.closest('[data-variants]')?.querySelectorAll(':scope > [data-variant]') ?? [])].filter(
            (v) => !(v as HTMLElement).hidden,
          ).length,
      ),
    ).toBe(1);

    // From the search box: the field's wire name (or path) finds it, Enter shows it.
    await open(`operations/${op}.html`);
    const wire = await page
      .locator(`[id="${id}"] .wire-name`)
      .first()
      .textContent()
      .catch(() => null);
    await page.getByRole('searchbox', { name: 'Search the docs' }).fill(wire ?? id.split('.').pop() ?? '');
    await expect.poll(() => page.locator('#search-results a').count(), POLL).toBeGreaterThan(0);
    const hrefs = await page.locator('#search-results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain(`../operations/${op}.html#${id}`);
    await page.locator(`#search-results a[href="../operations/${op}.html#${id}"]`).click();
    await expect.poll(() => field.isVisible(), POLL).toBe(true);
  }, 300_000);

  it('without JavaScript, every variant reads as a plain section and every sample is shown', async () => {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      for (const op of model.operations) {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.goto(`${site.url}/operations/${op.operationId}.html`, { waitUntil: 'load' });
        const hidden = await page
          .locator('.variant, .sample')
          .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent === null).length);
        expect(hidden, op.operationId).toBe(0);
        expect(await page.locator('[role="tab"]').count()).toBe(0);
        expect(await page.locator('.sample').count(), op.operationId).toBe(Math.max(1, tabsOf(op)));
      }
    } finally {
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
      await cdp.detach();
    }
  }, 120_000);
});

describe('the error catalog', () => {
  for (const [label, width, height] of [
    ['1440 px', 1440, 900],
    ['390 px', 390, 844],
  ] as const) {
    it(`filters by text and status at ${label}: the count and the rows on screen agree`, async () => {
      for (const op of model.operations) {
        const rows = errorRows(op);
        await open(`errors/${op.operationId}.html`, { width, height });
        const count = page.locator('#filter-count');
        const visibleRows = () =>
          page
            .locator('.catalog tbody tr')
            .evaluateAll(
              (trs) =>
                trs.filter((tr) => (tr as HTMLElement).offsetParent !== null && tr.getBoundingClientRect().height > 0)
                  .length,
            );
        await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${rows.length} of ${rows.length} errors.`);
        expect(await visibleRows()).toBe(rows.length);
        const word = rows[0]?.type.replace(/^errors\//, '') as string;
        const matching = rows.filter((r) => `${r.type} ${r.meaning}`.toLowerCase().includes(word));
        await page.getByLabel('Filter by type or meaning').fill(word);
        await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${matching.length} of ${rows.length} errors.`);
        expect(await visibleRows(), `${op.operationId} "${word}"`).toBe(matching.length);
        await page.getByLabel('Filter by type or meaning').fill('');
        const status = String(rows.at(-1)?.status);
        await page.getByLabel('Status').selectOption(status);
        const ofStatus = rows.filter((r) => String(r.status) === status).length;
        await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${ofStatus} of ${rows.length} errors.`);
        expect(await visibleRows()).toBe(ofStatus);
        if (width < 500)
          await page.screenshot({ path: join(SHOTS, `phone-light-catalog-filtered-${op.operationId}.png`) });
        // The URL presets the filter (the operation pages link to it so).
        await page.goto(`${site.url}/errors/${op.operationId}.html?status=${status}`, { waitUntil: 'load' });
        await expect.poll(() => count.textContent(), POLL).toBe(`Showing ${ofStatus} of ${rows.length} errors.`);
        expect(await visibleRows()).toBe(ofStatus);
      }
    }, 300_000);
  }
});

describe('links', () => {
  it('every link on every page is relative and resolves under the sub-path (page and anchor); each target is fetched once', async () => {
    const bodies = new Map<string, string>();
    const fetchOnce = async (target: string) => {
      if (!bodies.has(target)) {
        const response = await browser.context.request.get(target);
        expect(response.status(), target).toBe(200);
        bodies.set(target, target.endsWith('.html') ? await response.text() : '');
      }
      return bodies.get(target) as string;
    };
    const ids = new Map<string, Set<string>>();
    const seen = new Set<string>();
    let links = 0;
    for (const path of PAGES) {
      await open(path);
      const hrefs = await page
        .locator('a[href]')
        .evaluateAll((as) => [
          ...new Set(as.map((a) => `${a.getAttribute('href')}\n${(a as HTMLAnchorElement).href}`)),
        ]);
      for (const pair of hrefs) {
        const [raw = '', resolved = ''] = pair.split('\n');
        if (/^https?:/.test(raw)) continue;
        links++;
        // The sidebar repeats on every page: a link already resolved and checked is not checked again.
        if (seen.has(resolved)) continue;
        seen.add(resolved);
        expect(raw, `${path}: ${raw}`).not.toMatch(/^\//);
        expect(resolved.startsWith(`${site.url}/`), `${path}: ${raw} → ${resolved}`).toBe(true);
        const url = new URL(resolved);
        const target = `${url.origin}${url.pathname}`;
        const html = await fetchOnce(target);
        if (url.hash && target.endsWith('.html')) {
          if (!ids.has(target))
            ids.set(target, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string)));
          expect(ids.get(target)?.has(decodeURIComponent(url.hash.slice(1))), `${path}: ${raw}`).toBe(true);
        }
      }
    }
    expect(links).toBeGreaterThan(PAGES.length * 10);
    expect(bodies.size).toBeGreaterThanOrEqual(PAGES.length);
  }, 600_000);

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
    const op = model.operations[0]?.operationId as string;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${site.url}/#/${(model.operations[0]?.tags[0] ?? 'api').toLowerCase()}/${op.toLowerCase()}`, {
      waitUntil: 'load',
    });
    await page.waitForURL(`${site.url}/operations/${op}.html`);
    await page.goto(`${site.url}/#/error-catalog`, { waitUntil: 'load' });
    await page.waitForURL(`${site.url}/errors.html`);
  }, 120_000);
});

describe('keyboard and controls', () => {
  it('Tab reaches the search box; typing, Enter and arrows work; an error type leads to its operation page, with its meaning', async () => {
    const op = model.operations.find((o) =>
      o.responses.some((r) => r.errors.length),
    ) as (typeof model.operations)[number];
    const error = op.responses.flatMap((r) => r.errors).at(-1) as { type: string; meaning: string };
    await open('guides/quick-start.html');
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'search-input');
    }
    expect(reached).toBe(true);
    await page.keyboard.type(error.type);
    const titles = page.locator('#search-results .hit-title');
    await expect.poll(async () => (await titles.allTextContents())[0], POLL).toBe(error.type);
    await page.screenshot({ path: join(SHOTS, 'desktop-light-search-results.png') });
    expect(await page.locator('#search-results .hit-where').first().textContent()).toMatch(/^Error \d{3} of \w+$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/operations\/\w+\.html#error-\d{3}-\w+$/);
    const target = page.locator('.error:target');
    expect(await target.isVisible()).toBe(true);
    // The page and the anchor say which (operation, status, type) it is: its meaning is there, beside it.
    const [, landedOp, landedStatus] = page.url().match(/operations\/(\w+)\.html#error-(\d{3})-/) ?? [];
    const landed = model.operations
      .find((o) => o.operationId === landedOp)
      ?.responses.find((r) => String(r.status) === landedStatus)
      ?.errors.find((e) => e.type === error.type);
    expect(landed, page.url()).toBeDefined();
    expect(await target.locator('code.type').textContent()).toBe(error.type);
    expect((await target.textContent())?.replace(/\s+/g, ' ')).toContain(landed?.meaning);

    await page.getByRole('searchbox', { name: 'Search the docs' }).fill('limit');
    await expect.poll(() => page.locator('#search-results a').count(), POLL).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);
  }, 120_000);

  it('copy buttons copy the sample exactly as the file is; the theme toggle is named for its action; the logo shows in dark', async () => {
    const sample = samples.samples.find((g) => g.primary);
    expect(sample).toBeDefined();
    await open(`operations/${sample?.operationId}.html`);
    await page.evaluate(() => localStorage.removeItem('postpress-lang'));
    await page.reload({ waitUntil: 'load' });
    const tab = page.locator('.samples').getByRole('tab', { name: 'curl' });
    if (await tab.count()) await tab.click();
    const curl = page.locator('.samples [data-tab="curl"] .code').first();
    await curl.getByRole('button', { name: /^Copy/ }).click();
    const expected = sample?.code.curl?.trimEnd();
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
    for (const path of ['guides/quick-start.html', `operations/${model.operations[0]?.operationId}.html`]) {
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
        // Code as large as it reads comfortably beside 16 px text (blocks were 12.25 px); inline code near its text's size.
        const sizes = await page
          .locator('.code pre code')
          .evaluateAll((els) =>
            els
              .filter((e) => (e as HTMLElement).offsetParent !== null)
              .map((e) => Number.parseFloat(getComputedStyle(e).fontSize)),
          );
        expect(Math.min(...sizes), path).toBeGreaterThanOrEqual(13.5);
        const ratios = await page
          .locator('main p > code')
          .evaluateAll((els) =>
            els.map(
              (e) =>
                Number.parseFloat(getComputedStyle(e).fontSize) /
                Number.parseFloat(getComputedStyle(e.parentElement as Element).fontSize),
            ),
          );
        expect(Math.min(...ratios), path).toBeGreaterThanOrEqual(0.85);
      }
    }
  }, 120_000);

  it('on a phone the menu opens below the header and pushes the page down instead of covering it', async () => {
    await open(`operations/${model.operations[0]?.operationId}.html`, { width: 390, height: 844 });
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

  it('never made a request outside its own origin', () => {
    expect(requested.length).toBeGreaterThan(0);
    const outside = requested.filter((url) => !url.startsWith(`${site.url}/`) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
  });
});
