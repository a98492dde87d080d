// Runs after `pnpm install` (root postinstall, after setup-browser.mjs): makes sure the samples' tests
// find their runtimes (curl, Python with requests, PHP with curl, Go, a JDK, Ruby: packages/samples/src/runtimes.mjs).
// All found? Nothing to do. Otherwise, on Debian or Ubuntu as root or with passwordless sudo, installs the missing
// Debian packages in one apt-get call; anywhere else prints one line saying what to install. Never
// fails the install: a sample test whose runtime is missing fails later with the same line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findRuntime, RUNTIMES } from '../packages/samples/src/runtimes.mjs';

const say = (line) => console.log(`postpress set-up: ${line}`);

/** Debian or a derivative (Ubuntu, as on GitHub's runners): these packages exist under the same names there. */
function isDebianLike() {
  try {
    return /^(ID=debian|ID_LIKE=.*\bdebian\b.*)$/m.test(readFileSync('/etc/os-release', 'utf8'));
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

const missing = () => Object.keys(RUNTIMES).filter((runtime) => !findRuntime(runtime));

function main() {
  const before = missing();
  if (before.length === 0) return say('sample runtimes: all found');
  const packages = [...new Set(before.flatMap((runtime) => RUNTIMES[runtime].packages))];
  const instruction = `the samples' tests need ${before.join(', ')}: run \`apt-get install -y ${packages.join(' ')}\` as root`;
  const prefix = privilege();
  if (!isDebianLike() || !existsSync('/usr/bin/apt-get') || prefix === null) return say(instruction);
  say(`installing ${packages.join(' ')} for the samples' tests (apt-get, a minute or two)…`);
  const [command, ...base] = prefix.length ? ['sudo', '-n', 'apt-get'] : ['apt-get'];
  const apt = (...args) =>
    execFileSync(command, [...base, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('update', '-qq');
    apt('install', '-y', '-qq', '--no-install-recommends', ...packages);
  } catch {
    return say(`apt-get failed; ${instruction}`);
  }
  const after = missing();
  say(after.length === 0 ? 'sample runtimes: all found' : `still missing ${after.join(', ')}; ${instruction}`);
}

main();
