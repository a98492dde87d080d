// What the set-up scripts (setup-browser.mjs, setup-runtimes.mjs) share: installing Debian packages
// when the machine allows it (Debian or a derivative, apt-get present, root or password-less sudo).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** Debian itself, or (`derivatives`) also one that says it is like Debian (Ubuntu, as on GitHub's runners). */
export function isDebian({ derivatives = false } = {}) {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^ID=debian$/m.test(release) || (derivatives && /^ID_LIKE=.*\bdebian\b/m.test(release));
  } catch {
    return false;
  }
}

/** `[]` when root, `['sudo', '-n']` with password-less sudo, otherwise null. */
function privilege() {
  if (process.getuid?.() === 0) return [];
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? ['sudo', '-n'] : null;
}

/**
 * `apt-get install -y packages…` (after an update) when this machine allows it. Returns 'installed',
 * 'failed' (apt-get ran and failed) or 'not allowed' (not Debian, no apt-get, no privilege).
 */
export function aptInstall(packages, { derivatives = false, extraArgs = [] } = {}) {
  const prefix = privilege();
  if (!isDebian({ derivatives }) || !existsSync('/usr/bin/apt-get') || prefix === null) return 'not allowed';
  const [command, ...base] = prefix.length ? [...prefix, 'apt-get'] : ['apt-get'];
  const apt = (...args) =>
    execFileSync(command, [...base, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('update', '-qq');
    apt('install', '-y', '-qq', ...extraArgs, ...packages);
    return 'installed';
  } catch {
    return 'failed';
  }
}

/** Whether aptInstall would try (to say what it is about to do first). */
export const aptAllowed = ({ derivatives = false } = {}) =>
  isDebian({ derivatives }) && existsSync('/usr/bin/apt-get') && privilege() !== null;
