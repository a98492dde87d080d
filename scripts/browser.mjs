// The one way the browser tests find a browser (documented in the README, "Browser for the tests"):
//   1. POSTPRESS_BROWSER=/path/to/chrome-or-chromium, if set (it must exist);
//   2. the usual install paths of Chromium and Google Chrome (Debian, Ubuntu, Fedora, macOS);
//   3. playwright-core's `channel: 'chrome'` (an installed Google Chrome wherever Playwright looks for
//      it: Windows, per-user installs), when playwright-core is installed. Not on Linux, where that
//      channel is /opt/google/chrome/chrome, already tried in step 2.
// Hand-written: playwright-core exports no API to locate an installed browser without launching it.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const BROWSER_ENV = 'POSTPRESS_BROWSER';

/** Where Chromium or Chrome usually lives, per platform, most common first. */
export const installPaths = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    join(homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
  ],
};

/** The single line a test or the set-up prints when no browser is found. */
export const missingBrowserMessage =
  `no Chrome or Chromium found for the browser tests: install Chromium (Debian: apt-get install chromium) ` +
  `or Google Chrome, or set ${BROWSER_ENV}=/path/to/chrome`;

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function hasPlaywrightCore() {
  try {
    createRequire(import.meta.url).resolve('playwright-core', {
      paths: [process.cwd(), join(import.meta.dirname, '../packages/docs')],
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to launch, as playwright-core launch options plus where it was found, or `null`.
 * @param {{ env?: Record<string, string | undefined>, platform?: string, exists?: (path: string) => boolean,
 *   channel?: boolean }} [options] `channel: false` skips step 3 (the set-up does: it needs a real path).
 * @returns {{ executablePath: string, source: string } | { channel: 'chrome', source: string } | null}
 */
export function findBrowser({
  env = process.env,
  platform = process.platform,
  exists = isExecutableFile,
  channel = true,
} = {}) {
  const fromEnv = env[BROWSER_ENV];
  if (fromEnv) {
    if (!exists(fromEnv)) throw new Error(`${BROWSER_ENV}=${fromEnv} is not an executable file`);
    return { executablePath: fromEnv, source: BROWSER_ENV };
  }
  for (const path of installPaths[platform] ?? []) if (exists(path)) return { executablePath: path, source: path };
  if (channel && platform !== 'linux' && hasPlaywrightCore())
    return { channel: 'chrome', source: "playwright-core channel 'chrome'" };
  return null;
}

/** Headless, offline-friendly flags for every launch (no sandbox in containers, no background traffic). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launch options for playwright-core's `chromium` (`executablePath` or `channel`, headless, the flags above), or an Error whose
 * message is the one line saying what to install or set.
 */
export function browserLaunchOptions(options) {
  const found = findBrowser(options);
  if (!found) throw new Error(missingBrowserMessage);
  const { source: _source, ...launch } = found;
  return { ...launch, headless: true, args: CHROMIUM_ARGS };
}
