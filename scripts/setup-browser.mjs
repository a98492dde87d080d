// Runs after `pnpm install` (root postinstall): makes sure the docs browser test will find a browser.
// Found one (scripts/browser.mjs: POSTPRESS_BROWSER, then the usual install paths)? Nothing to do.
// Otherwise, on Debian as root or with passwordless sudo, installs Debian's Chromium (~1 min);
// anywhere else prints one line saying what to install. Never fails the install: the browser test
// fails later with the same line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

function isDebian() {
  try {
    return /^ID=debian$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/** `[]` when root, `['sudo', '-n']` with passwordless sudo, otherwise null. */
function privilege() {
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : null;
}

function main() {
  const browser = found();
  if (browser) {
    if (browser.executablePath) say(`browser for the tests: ${browser.executablePath}`);
    return;
  }
  const prefix = privilege();
  // Ubuntu's `chromium` package is a snap stub: only Debian's is installed here.
  if (!isDebian() || !existsSync('/usr/bin/apt-get') || prefix === null) {
    say(missingBrowserMessage);
    return;
  }
  say("installing Debian's chromium for the docs browser test (apt-get, about a minute)…");
  const [command, ...base] = prefix.length ? ['sudo', '-n', 'apt-get'] : ['apt-get'];
  const apt = (...args) =>
    execFileSync(command, [...base, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('update', '-qq');
    apt('install', '-y', '-qq', 'chromium');
  } catch {
    say(`apt-get failed; ${missingBrowserMessage}`);
    return;
  }
  const now = found();
  say(now?.executablePath ? `browser for the tests: ${now.executablePath}` : missingBrowserMessage);
}

main();
