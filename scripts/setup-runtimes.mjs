// Runs after `pnpm install` (root postinstall, after setup-browser.mjs): makes sure the samples' tests
// find their runtimes (curl, Python with requests, PHP with curl, Go, a JDK, Ruby: packages/samples/src/runtimes.mjs).
// All found? Nothing to do. Otherwise, on Debian or Ubuntu as root or with passwordless sudo, installs the missing
// Debian packages in one apt-get call; anywhere else prints one line saying what to install. Never
// fails the install: a sample test whose runtime is missing fails later with the same line.

import { findRuntime, RUNTIMES } from '../packages/samples/src/runtimes.mjs';
import { aptAllowed, aptInstall } from './apt.mjs';

const say = (line) => console.log(`postpress set-up: ${line}`);

const missing = () => Object.keys(RUNTIMES).filter((runtime) => !findRuntime(runtime));

function main() {
  const before = missing();
  if (before.length === 0) return say('sample runtimes: all found');
  const packages = [...new Set(before.flatMap((runtime) => RUNTIMES[runtime].packages))];
  const instruction = `the samples' tests need ${before.join(', ')}: run \`apt-get install -y ${packages.join(' ')}\` as root`;
  if (!aptAllowed({ derivatives: true })) return say(instruction);
  say(`installing ${packages.join(' ')} for the samples' tests (apt-get, a minute or two)…`);
  if (aptInstall(packages, { derivatives: true, extraArgs: ['--no-install-recommends'] }) !== 'installed')
    return say(`apt-get failed; ${instruction}`);
  const after = missing();
  say(after.length === 0 ? 'sample runtimes: all found' : `still missing ${after.join(', ')}; ${instruction}`);
}

main();
