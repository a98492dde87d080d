#!/usr/bin/env node
// Proves, on this machine, what a GitHub-hosted runner would do with our workflows: each job of each
// .github/workflows/*.yml gets a fresh clone of HEAD, alone in its own folder (nothing beside it, so
// no sibling folder), and its `run:` steps execute in order as a NON-ROOT user (created with useradd when
// run as root), with Node from PATH, a clean environment and a user-writable npm prefix, as on a
// runner. `uses:` steps are emulated where they only set up tools (checkout = the clone,
// pnpm/action-setup = `npm install -g pnpm@<packageManager>`, setup-node = the Node on PATH;
// upload-pages-artifact checks its path) and otherwise skipped and listed (they need GitHub).
// A job stops at its first failing step, as on GitHub. Long (full installs, builds and test runs):
// not part of `pnpm test`.
//
//   node scripts/run-workflow-steps.mjs [--user postpress-ci] [--workdir /tmp/postpress-workflows]
//                                       [--only ci.yml,pages.yml]
//   node scripts/run-workflow-steps.mjs --readme [--workdir /tmp/ci-check-repo] [--as-root]
//       runs the README's quick-start commands instead, one timed step each, in <workdir>/repo.
//
// Writes <workdir>.logs/results.json and one log per step; exits 1 when a step failed.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

// Run as a script (not imported, as the tests import readmeCommands): read the command line.
const isMain = Boolean(process.argv[1]) && resolve(process.argv[1]) === resolve(import.meta.filename);
const { values: args } = parseArgs({
  args: isMain ? process.argv.slice(2) : [],
  options: {
    user: { type: 'string', default: 'postpress-ci' },
    workdir: { type: 'string' },
    only: { type: 'string' },
    readme: { type: 'boolean', default: false },
    'as-root': { type: 'boolean', default: false },
  },
});
const repo = resolve(import.meta.dirname, '..');
const commit = isMain ? execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim() : '';
const workdir = resolve(args.workdir ?? (args.readme ? '/tmp/ci-check-repo' : '/tmp/postpress-workflows'));
// Logs, step outputs and results.json go beside the work folder, never beside a clone.
const logs = `${workdir}.logs`;
const isRoot = process.getuid?.() === 0;
const asRoot = args['as-root'] && isRoot;
const user = asRoot ? 'root' : isRoot ? args.user : (process.env.USER ?? 'you');
const results = [];

function ensureUser() {
  if (!isRoot || asRoot) return;
  try {
    execFileSync('id', ['-u', user], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--create-home', '--shell', '/bin/bash', user]);
  }
}
const home = () =>
  asRoot || !isRoot ? process.env.HOME : execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).split(':')[5];

const machineNetworkEnv = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'NPM_CONFIG_REGISTRY',
];

/** The environment of a step: nothing inherited but what a runner or a developer's shell would have. */
function baseEnv(clone, extra = {}) {
  const h = home();
  const prefix = join(h, '.npm-global');
  return {
    HOME: h,
    USER: user,
    LANG: 'C.UTF-8',
    // A user-writable global prefix, as setup-node's or nvm's: `npm install -g` needs no root.
    NPM_CONFIG_PREFIX: asRoot ? '/usr' : prefix,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    PATH: [
      ...(asRoot ? [] : [join(prefix, 'bin')]),
      dirname(process.execPath),
      '/usr/local/bin',
      '/usr/bin',
      '/bin',
    ].join(':'),
    // This machine's own network settings (its CA bundle, a proxy), when it has them: the npm
    // registry is reached through them here, as a runner reaches it directly.
    ...Object.fromEntries(machineNetworkEnv.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : []))),
    REDOCLY_TELEMETRY: 'off',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    ...(clone ? { GITHUB_WORKSPACE: clone } : {}),
    ...extra,
  };
}

/**
 * A clone of `commit` alone in `dir`, with the refs actions/checkout leaves: on a push to main, the
 * branch `main` at the commit; on a pull request, a detached HEAD and no local branch, plus the
 * base branch as `origin/main` only with `fetch-depth: 0` (the default fetches one commit); for the
 * README's commands, a developer's clone.
 */
function freshClone(dir, { event = 'developer', fullHistory = true } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const clone = join(dir, 'repo');
  const git = (...argv) => execFileSync('git', ['-C', clone, ...argv], { encoding: 'utf8' });
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone]);
  // A developer's clone: the commit as `main` (what it is once merged).
  if (event === 'developer') git('checkout', '--quiet', '-B', 'main', commit);
  else {
    git('checkout', '--quiet', '--detach', commit);
    for (const branch of git('for-each-ref', '--format=%(refname:short)', 'refs/heads').split('\n').filter(Boolean))
      git('branch', '--quiet', '-D', branch);
    if (event === 'push') git('checkout', '--quiet', '-b', 'main');
    if (!fullHistory)
      for (const ref of git('for-each-ref', '--format=%(refname)', 'refs/remotes').split('\n').filter(Boolean))
        git('update-ref', '-d', ref);
  }
  if (isRoot && !asRoot) execFileSync('chown', ['-R', `${user}:`, dir]);
  if (readdirSync(dir).join() !== 'repo') throw new Error(`${dir} holds more than the clone`);
  return clone;
}

/** Runs a bash script as the user in `cwd`; resolves to { ok, seconds, log }. */
function runAs(script, { cwd, env, log }) {
  const file = join(dirname(log), `${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  if (isRoot && !asRoot) execFileSync('chown', [`${user}:`, file]);
  const shell = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', file];
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const [command, ...argv] =
    isRoot && !asRoot
      ? ['runuser', '-u', user, '--', 'env', '-i', ...envArgs, ...shell]
      : ['env', '-i', ...envArgs, ...shell];
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      writeFileSync(log, Buffer.concat(out));
      rmSync(file, { force: true });
      done({ ok: code === 0, code, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

const hasExpression = (value) => /\$\{\{/.test(String(value));
function plainEnv(...maps) {
  const env = {};
  const dropped = [];
  for (const map of maps)
    for (const [k, v] of Object.entries(map ?? {})) {
      if (hasExpression(v)) dropped.push(k);
      else env[k] = String(v);
    }
  return { env, dropped };
}

function readOutputs(file) {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** The one `if:` form our workflows use on steps: steps.<id>.outputs.<name> == '<value>'. */
function stepCondition(condition, outputs) {
  if (condition === undefined) return { run: true };
  const m = /^steps\.([\w-]+)\.outputs\.([\w-]+) == '([^']*)'$/.exec(String(condition).trim());
  if (!m) return { run: false, why: `condition not evaluated here: ${condition}` };
  return { run: outputs[m[1]]?.[m[2]] === m[3], why: `${condition} is false` };
}

function record(entry) {
  results.push(entry);
  const time = entry.seconds === undefined ? '' : ` ${entry.seconds.toFixed(1)} s`;
  console.log(`${entry.status.padEnd(7)} ${entry.job} · ${entry.step}${time}${entry.note ? ` (${entry.note})` : ''}`);
}

async function runJob(workflow, jobId, job, wfEnv, wfOn) {
  const name = `${workflow} ${jobId}`;
  if (job.uses) {
    record({ job: name, step: `uses ${job.uses}`, status: 'skip', note: 'a reusable workflow: run as its own file' });
    return true;
  }
  const dir = join(workdir, `${workflow.replace(/\.ya?ml$/, '')}-${jobId}`);
  // A workflow that runs on pull requests is checked as on one (the harder case: no local main).
  const event = wfOn?.pull_request !== undefined ? 'pull_request' : 'push';
  const checkout = (job.steps ?? []).find((s) => String(s.uses).startsWith('actions/checkout@'));
  const fullHistory = String(checkout?.with?.['fetch-depth']) === '0';
  const clone = freshClone(dir, { event, fullHistory });
  const outputsDir = join(logs, `${workflow}-${jobId}`);
  mkdirSync(outputsDir, { recursive: true });
  if (isRoot && !asRoot) execFileSync('chown', ['-R', `${user}:`, outputsDir]);
  const outputs = {};
  const matrix = job.strategy?.matrix
    ? ` (matrix ${JSON.stringify(job.strategy.matrix)}: one run, Node from PATH)`
    : '';
  record({
    job: name,
    step: `fresh clone of ${commit.slice(0, 12)} in ${dir}, checked out as on a ${event}${fullHistory ? ', full history' : ''}${matrix}`,
    status: 'ok',
  });
  let index = 0;
  for (const step of job.steps ?? []) {
    index++;
    const label = step.name ?? step.run?.split('\n')[0] ?? step.uses;
    const condition = stepCondition(step.if, outputs);
    if (!condition.run) {
      record({ job: name, step: label, status: 'skip', note: condition.why });
      continue;
    }
    if (step.uses) {
      const action = String(step.uses).split('@')[0];
      if (action === 'actions/checkout') record({ job: name, step: step.uses, status: 'ok', note: 'the fresh clone' });
      else if (action === 'actions/setup-node') {
        const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
        record({
          job: name,
          step: step.uses,
          status: 'ok',
          note: `Node ${node} from PATH; asked ${step.with?.['node-version']}`,
        });
      } else if (action === 'pnpm/action-setup') {
        const pm = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).packageManager;
        const log = join(outputsDir, `${index}-pnpm-setup.log`);
        const r = await runAs(`npm install -g ${pm}\npnpm --version\n`, { cwd: clone, env: baseEnv(clone), log });
        record({
          job: name,
          step: step.uses,
          status: r.ok ? 'ok' : 'FAIL',
          seconds: r.seconds,
          note: `npm install -g ${pm}`,
        });
        if (!r.ok) return false;
      } else if (action === 'actions/upload-pages-artifact') {
        const path = join(clone, step.with?.path ?? '_site');
        const ok = existsSync(join(path, 'index.html'));
        const size = ok ? execFileSync('du', ['-sh', path], { encoding: 'utf8' }).split('\t')[0] : '';
        record({
          job: name,
          step: step.uses,
          status: ok ? 'ok' : 'FAIL',
          note: `${step.with?.path}: index.html ${ok ? `present, ${size}` : 'missing'}`,
        });
        if (!ok) return false;
      } else record({ job: name, step: step.uses, status: 'skip', note: 'needs GitHub' });
      continue;
    }
    if (!step.run) continue;
    const outputFile = join(outputsDir, `${index}.output`);
    const { env, dropped } = plainEnv(wfEnv, job.env, step.env);
    const runEnv = baseEnv(clone, {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_ENV: join(outputsDir, `${index}.env`),
      RUNNER_TEMP: outputsDir,
      ...env,
    });
    const cwd = step['working-directory'] ? join(clone, step['working-directory']) : clone;
    const log = join(outputsDir, `${index}.log`);
    const r = await runAs(step.run, { cwd, env: runEnv, log });
    if (step.id) outputs[step.id] = readOutputs(outputFile);
    const note = [
      dropped.length ? `env with expressions not set: ${dropped.join(', ')}` : '',
      r.ok ? '' : `exit ${r.code}, log ${log}`,
    ]
      .filter(Boolean)
      .join('; ');
    record({ job: name, step: label, status: r.ok ? 'ok' : 'FAIL', seconds: r.seconds, note, log });
    if (!r.ok) return false;
  }
  return true;
}

/** The README's quick-start commands: the first ```sh block under "## Quick start", comments stripped. */
export function readmeCommands(readme) {
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

async function runReadme() {
  const clone = freshClone(workdir);
  const job = `README quick start as ${user}`;
  record({ job, step: `fresh clone of ${commit.slice(0, 12)} in ${clone}, nothing beside it`, status: 'ok' });
  let index = 0;
  for (const command of readmeCommands(readFileSync(join(clone, 'README.md'), 'utf8'))) {
    index++;
    const log = join(logs, `readme-${index}.log`);
    const r = await runAs(`${command}\n`, { cwd: clone, env: baseEnv(clone), log });
    record({
      job,
      step: command,
      status: r.ok ? 'ok' : 'FAIL',
      seconds: r.seconds,
      note: r.ok ? '' : `exit ${r.code}, log ${log}`,
      log,
    });
    if (!r.ok) return false;
  }
  return true;
}

async function main() {
  ensureUser();
  for (const dir of [workdir, logs]) {
    if (!args.readme || dir === logs) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (isRoot && !asRoot) execFileSync('chown', [`${user}:`, dir]);
  }
  const started = Date.now();
  let ok = true;
  if (args.readme) ok = await runReadme();
  else {
    const dir = join(repo, '.github/workflows');
    const only = args.only?.split(',');
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && (!only || only.includes(f)))) {
      const wf = parse(readFileSync(join(dir, file), 'utf8'));
      for (const [jobId, job] of Object.entries(wf.jobs)) ok = (await runJob(file, jobId, job, wf.env, wf.on)) && ok;
    }
  }
  const summary = {
    commit,
    user,
    node: process.version,
    cores: (await import('node:os')).availableParallelism(),
    loadAverageAtEnd: (await import('node:os')).loadavg(),
    seconds: (Date.now() - started) / 1000,
    ok,
    results,
  };
  writeFileSync(join(logs, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `${ok ? 'all steps passed' : 'a step failed'} in ${summary.seconds.toFixed(0)} s; ${join(logs, 'results.json')}`,
  );
  process.exitCode = ok ? 0 : 1;
}

if (isMain) await main();
