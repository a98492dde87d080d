// What runs the samples, and the Debian package that provides each runtime: read by the tests (a
// missing runtime fails its test with one line naming the package) and by scripts/setup-runtimes.mjs
// (which installs the missing ones when it can).
import { spawnSync } from 'node:child_process';

/**
 * One entry per sample runtime. `candidates` are tried in order; the first whose `probe` exits 0 is
 * used. Python: Debian's /usr/bin/python3 first, since a pyenv `python3` on PATH does not see
 * Debian's python3-requests.
 */
export const RUNTIMES = {
  curl: { packages: ['curl'], candidates: [['curl']], probe: ['--version'] },
  python: {
    packages: ['python3-requests'],
    candidates: [['/usr/bin/python3'], ['python3']],
    probe: ['-c', 'import requests'],
  },
  // The PHP samples use the curl extension, a package of its own on Debian.
  php: {
    packages: ['php-cli', 'php-curl'],
    candidates: [['php']],
    probe: ['-r', 'exit(function_exists("curl_init") ? 0 : 1);'],
  },
  go: { packages: ['golang-go'], candidates: [['go']], probe: ['version'] },
  java: {
    packages: ['default-jdk-headless'],
    candidates: [['javac']],
    probe: ['-version'],
    also: [['java', '-version']],
  },
  ruby: { packages: ['ruby'], candidates: [['ruby']], probe: ['-e', 'require "net/http"'] },
};

const works = (command, args) => spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;

/** The command that runs `runtime` (e.g. `/usr/bin/python3`), or undefined when none is installed. */
export function findRuntime(runtime) {
  const entry = RUNTIMES[runtime];
  if (!entry) throw new Error(`unknown sample runtime: ${runtime}`);
  if (!(entry.also ?? []).every(([command, ...args]) => works(command, args))) return undefined;
  return entry.candidates.find(([command]) => works(command, entry.probe))?.[0];
}

/** The one line a test or the set-up prints when `runtime` is missing. */
export function missingRuntimeMessage(runtime) {
  const packages = RUNTIMES[runtime].packages.join(' ');
  return `the ${runtime} samples need Debian's ${packages}: run \`apt-get install -y ${packages}\` as root (or \`node scripts/setup-runtimes.mjs\`, which does it when it can)`;
}
