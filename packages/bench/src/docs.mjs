// Docs site: time to interactive on a slow phone (1.6 Mbps down, 150 ms RTT, CPU ×4), in Chromium through
// playwright-core, with the site served as GitHub Pages serves it (under a sub-path, compressed). The
// baseline is a bare static page served the same way in the same run: the floor that RTT and throttling set.
// Time to interactive (Lighthouse's idea, simplified): the end of the last long task (> 50 ms) before a
// 2 s window with none, and never before first contentful paint or DOMContentLoaded.
// Environment: BENCH_DOCS_DIST (default packages/docs/dist), BENCH_DOCS_ROUNDS (default 5).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserLaunchOptions } from '../../../scripts/browser.mjs';
import { serveSite } from '../../docs/scripts/serve-site.mjs';
import { median, ratio } from './stats.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
// playwright-core is the docs package's dev dependency (its browser tests): borrow it rather than pin it twice.
const { chromium } = createRequire(join(here, '../../docs/package.json'))('playwright-core');
const SLOW_PHONE = { latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8, cpu: 4 };
const TARGET_MS = 1500; // issue 23: every page ≤ 1.5 s on the slow phone
const QUIET_MS = 2000;
const BASE = '/postpress-api/';

/** One cold load of `url` on the slow-phone profile: `{ tti, fcp, bytes }`. */
async function measure(context, url) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_PHONE });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpu });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event) => {
      bytes += event.encodedDataLength;
    });
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__longTaskEnds = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTaskEnds.push(entry.startTime + entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    // Wait for a quiet window: no long task for QUIET_MS (checked on the page's own clock).
    for (let waited = 0; waited < 60_000; waited += 250) {
      const quiet = await page.evaluate(
        (ms) => performance.now() - Math.max(0, .../** @type {any} */ (window.__longTaskEnds ?? [])) >= ms,
        QUIET_MS,
      );
      if (quiet) break;
      await page.waitForTimeout(250);
    }
    const timing = await page.evaluate(() => {
      const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
      const lastLongTask = Math.max(0, .../** @type {any} */ (window).__longTaskEnds);
      return { fcp, tti: Math.max(fcp, nav.domContentLoadedEventEnd, lastLongTask) };
    });
    await cdp.detach();
    return { ...timing, bytes };
  } finally {
    await page.close();
  }
}

/** Rows for run.mjs's table: `[what, variant, median, ratio, target, met]`. */
export async function docsTimeToInteractive({
  log = () => {},
  dist = process.env.BENCH_DOCS_DIST ?? join(here, '../../docs/dist'),
  rounds = Number(process.env.BENCH_DOCS_ROUNDS ?? 5),
  label = '',
} = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no index.html: run \`pnpm build\` first`);
  const bareDir = mkdtempSync(join(tmpdir(), 'postpress-bare-'));
  writeFileSync(
    join(bareDir, 'index.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Bare page</title><h1>Bare page</h1><p>The floor: one small HTML file.</p>',
  );
  // The heaviest page of each kind (by bytes): what a slow phone waits longest for.
  const largest = (dir) =>
    existsSync(join(dist, dir))
      ? readdirSync(join(dist, dir))
          .filter((f) => f.endsWith('.html'))
          .map((f) => `${dir}/${f}`)
          .sort((a, b) => statSync(join(dist, b)).size - statSync(join(dist, a)).size)[0]
      : undefined;
  const reference = largest('operations');
  const catalog = largest('errors');
  const pages = [
    { name: 'bare static page (baseline)', root: bareDir, path: 'index.html' },
    { name: 'landing page', root: dist, path: 'index.html' },
    { name: `largest reference page (${reference})`, root: dist, path: reference },
    { name: `largest error catalog page (${catalog})`, root: dist, path: catalog },
    { name: 'error catalog index', root: dist, path: 'errors.html' },
    { name: 'changelog', root: dist, path: 'changelog.html' },
  ].filter((p) => p.path && existsSync(join(p.root, p.path)));
  const servers = new Map();
  for (const root of new Set(pages.map((p) => p.root))) servers.set(root, await serveSite({ root, basePath: BASE }));
  const profile = mkdtempSync(join(tmpdir(), 'postpress-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...browserLaunchOptions(), // scripts/browser.mjs: POSTPRESS_BROWSER, install paths, Chrome
    viewport: { width: 390, height: 844 },
  });
  const samples = Object.fromEntries(pages.map((p) => [p.name, []]));
  try {
    log(`docs: time to interactive on a slow phone, ${rounds} interleaved cold loads of ${pages.length} pages…`);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < pages.length; i++) {
        const p = pages[(i + round) % pages.length];
        samples[p.name].push(await measure(context, `${servers.get(p.root).url}/${p.path}`));
      }
    }
  } finally {
    await context.close();
    for (const server of servers.values()) await server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  }
  const what = `docs${label}: time to interactive, slow phone (1.6 Mbps, 150 ms RTT, CPU ×4), served compressed under ${BASE} (n=${rounds} each)`;
  const base = median(samples[pages[0].name].map((s) => s.tti));
  return pages.map((p, i) => {
    const tti = median(samples[p.name].map((s) => s.tti));
    const fcp = median(samples[p.name].map((s) => s.fcp));
    const kb = (median(samples[p.name].map((s) => s.bytes)) / 1024).toFixed(1);
    const variant = `${p.name} (first paint ${(fcp / 1000).toFixed(2)} s, ${kb} kB transferred)`;
    const seconds = `${(tti / 1000).toFixed(2)} s`;
    return i === 0
      ? [what, variant, seconds, '1.00×', 'baseline', undefined]
      : [what, variant, seconds, ratio(tti / base), `≤ ${TARGET_MS / 1000} s`, tti <= TARGET_MS];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node packages/bench/src/docs.mjs`: just this benchmark, printed as table rows.
  for (const r of await docsTimeToInteractive({ log: (line) => process.stderr.write(`${line}\n`) }))
    console.log(`| ${r.slice(0, 5).join(' | ')} | ${r[5] === undefined ? '' : r[5] ? 'yes' : '**no**'} |`);
}
