// Runs after `pnpm install` (root postinstall): makes sure the docs browser test will find a browser.
// Found one (scripts/browser.mjs: POSTPRESS_BROWSER, then the usual install paths)? Nothing to do.
// Otherwise, on Debian as root or with passwordless sudo, installs Debian's Chromium (~1 min);
// anywhere else prints one line saying what to install. Never fails the install: the browser test
// fails later with the same line.
import { aptAllowed, aptInstall } from './apt.mjs';
import { findBrowser, missingBrowserMessage } from './browser.mjs';

const say = (line) => console.log(`postpress set-up: ${line}`);

function found() {
  try {
    return findBrowser({ channel: false });
  } catch (error) {
    // POSTPRESS_BROWSER names a missing file: say so, install nothing.
    say(error.message);
    return { source: 'POSTPRESS_BROWSER' };
  }
}

function main() {
  const browser = found();
  if (browser) {
    if (browser.executablePath) say(`browser for the tests: ${browser.executablePath}`);
    return;
  }
  // Ubuntu's `chromium` package is a snap stub: only Debian's is installed here.
  if (!aptAllowed()) {
    say(missingBrowserMessage);
    return;
  }
  say("installing Debian's chromium for the docs browser test (apt-get, about a minute)…");
  if (aptInstall(['chromium']) !== 'installed') {
    say(`apt-get failed; ${missingBrowserMessage}`);
    return;
  }
  const now = found();
  say(now?.executablePath ? `browser for the tests: ${now.executablePath}` : missingBrowserMessage);
}

main();
