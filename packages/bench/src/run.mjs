// `pnpm bench`: every benchmark of issue 8 in one run, printed as one Markdown table and written
// to results.md. Ratios compare variants measured in this same run, interleaved, by their medians.
// Environment: BENCH_ROUNDS (startChat rounds, default 1500), BENCH_SKIP_BUILD=1 to skip the build timings.
import { execFileSync, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostpressClient } from '@postpress/client';
import { measureBundle } from './bundle.mjs';
import { docsTimeToInteractive } from './docs.mjs';
import { growth } from './growth.mjs';
import { mockBench, mockTable } from './mock.mjs';
import { responseMemory } from './response-memory.mjs';
import { bytes, interleave, median, ms, ratio } from './stats.mjs';
import { API_KEY, rawForm, startChatBody, variants, viaClient, withTimeLimit } from './variants.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '../../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1500);
const UPLOAD = 256 * 1024 * 1024;
const rows = [];
const notes = [];
const row = (what, variant, median, ratioText, target, met) =>
  rows.push({ what, variant, median, ratio: ratioText, target, met: met === undefined ? '' : met ? 'yes' : '**no**' });
const log = (line) => process.stderr.write(`${line}\n`);

async function startServer() {
  const child = fork(join(here, 'server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(child, 'message');
  return { child, url: `http://127.0.0.1:${port}` };
}

/** The part names (and file names) of one request each variant sends, as the server received them. */
async function wireFormats(server, send) {
  const out = {};
  for (const [name, fn] of Object.entries(send)) {
    server.child.send('capture');
    const captured = once(server.child, 'message');
    await fn();
    const [{ captured: request }] = await captured;
    const form = await new Response(Buffer.from(request.body, 'latin1'), {
      headers: { 'content-type': request.contentType },
    }).formData();
    out[name] = [...form].map(([part, value]) =>
      typeof value === 'string' ? part : `${part} (file ${value.name}, ${value.type})`,
    );
  }
  return out;
}

async function startChatLatency(server) {
  const send = variants(server.url);
  const names = Object.keys(send);
  log(`startChat over loopback: ${ROUNDS} interleaved rounds of ${names.length} variants…`);
  const samples = await interleave(names, (name) => send[name](startChatBody()), { rounds: ROUNDS, warmup: 200 });
  const m = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
  const label = `startChat, full body, to a local server (n=${ROUNDS} each)`;
  const r = (name, base = 'raw') => m[name] / m[base];
  row(label, 'raw fetch + FormData (no time limit)', ms(m.raw), '1.00×', 'baseline');
  row(label, 'raw fetch + FormData + 60 s time limit (AbortController)', ms(m.rawTimeout), ratio(r('rawTimeout')), '');
  row(
    label,
    '@postpress/client, `timeoutMs: 0` (no time limit, like raw)',
    ms(m.clientNoLimit),
    ratio(r('clientNoLimit')),
    '≤ 1.05×',
    r('clientNoLimit') <= 1.05,
  );
  row(
    label,
    '@postpress/client, default 60 s time limit',
    ms(m.client),
    `${ratio(r('client'))} (${ratio(r('client', 'rawTimeout'))} of raw + time limit)`,
    '≤ 1.05× of raw + time limit',
    r('client', 'rawTimeout') <= 1.05,
  );
  const faster = m.client < m.unipile && m.clientNoLimit < m.unipile;
  row(
    label,
    'unipile-node-sdk 1.9.3 (no time limit)',
    ms(m.unipile),
    ratio(r('unipile')),
    'client faster (both rows)',
    faster,
  );
}

async function pureOverhead() {
  const answer = JSON.stringify({ object: 'ChatStarted', chat_id: 'chat_bench', message_id: 'msg_bench' });
  const stub = async () => new Response(answer, { status: 201, headers: { 'content-type': 'application/json' } });
  const options = { apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9', fetch: stub };
  const byHand = async (signal) => {
    const request = new Request('http://127.0.0.1:9/api/v1/chats', {
      method: 'POST',
      headers: { 'X-API-KEY': API_KEY },
      body: rawForm(startChatBody()),
      signal,
    });
    JSON.parse(await (await stub(request)).text());
  };
  const ops = {
    byHand: () => byHand(),
    byHandTimeout: () => withTimeLimit(byHand),
    client: viaClient(createPostpressClient(options)),
    clientNoLimit: viaClient(createPostpressClient({ ...options, timeoutMs: 0 })),
  };
  const rounds = 400;
  const batch = 25;
  log(`client overhead with a stubbed fetch: ${rounds} × ${batch} calls…`);
  const samples = await interleave(Object.keys(ops), (name) => ops[name](), { rounds, warmup: 40, batch });
  const m = Object.fromEntries(Object.keys(ops).map((name) => [name, median(samples[name])]));
  const label = `startChat with a stubbed fetch, no network (n=${rounds} batches of ${batch})`;
  row(label, 'Request built by hand', ms(m.byHand), '1.00×', 'baseline');
  row(
    label,
    'Request built by hand, with a 60 s time limit',
    ms(m.byHandTimeout),
    ratio(m.byHandTimeout / m.byHand),
    '',
  );
  const c0 = m.clientNoLimit / m.byHand;
  row(label, '@postpress/client, `timeoutMs: 0`', ms(m.clientNoLimit), ratio(c0), '≤ 1.5×', c0 <= 1.5);
  const c = m.client / m.byHand;
  row(label, '@postpress/client, default 60 s time limit', ms(m.client), ratio(c), '≤ 1.5×', c <= 1.5);
}

// The every-operation budget of .size-limit.cjs (6,000 B + 250 B per operation beyond the first).
const operationCount = createRequire(import.meta.url)('@postpress/openapi/operations.json').operations.length;
const clientBudget = 6000 + 250 * (operationCount - 1);

async function bundleSizes() {
  log('bundle sizes (esbuild, minified)…');
  const results = [];
  for (const name of ['openapi-fetch', '@postpress/client', 'createPostpressFetchClient', 'unipile-node-sdk'])
    results.push(await measureBundle(name));
  const base = results[0].gzip;
  for (const r of results) {
    const client = r.name === '@postpress/client';
    row(
      `bundle: min / gzip / brotli${r.platform === 'node' ? ' (platform node: needs Node built-ins)' : ''}`,
      client
        ? `@postpress/client: \`createPostpressClient\` (every operation of the spec: ${operationCount})`
        : r.name === 'createPostpressFetchClient'
          ? "@postpress/client: `createPostpressFetchClient` (openapi-fetch's whole client)"
          : r.name,
      `${bytes(r.minified)} / ${bytes(r.gzip)} / ${bytes(r.brotli)}`,
      `${ratio(r.gzip / base)} (gzip)`,
      client
        ? `≤ ${clientBudget} B gzip (6,000 B + 250 B per further operation)`
        : r.name === 'openapi-fetch'
          ? 'baseline'
          : '',
      client ? r.gzip <= clientBudget : undefined,
    );
    if (client) {
      notes.push(
        `Heaviest parts of the client bundle (minified bytes): ${r.heaviest
          .filter((h) => h.bytes > 0)
          .map((h) => `${h.path} ${bytes(h.bytes)}`)
          .join(', ')}.`,
      );
    }
  }
}

async function uploadMemory(server) {
  const dir = await mkdtemp(join(tmpdir(), 'postpress-bench-'));
  const path = join(dir, 'upload.bin');
  try {
    await writeFile(path, '');
    await truncate(path, UPLOAD); // sparse: instant, and reads back as zeros
    const runs = 3;
    log(`peak memory sending a 256 MiB file: ${runs} runs per variant, one process each…`);
    const extra = { raw: [], client: [] };
    for (let i = 0; i < runs; i++) {
      for (const variant of Object.keys(extra)) {
        const child = spawn(process.execPath, [join(here, 'memory-child.mjs'), variant, path, server.url], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
        });
        const [code] = await once(child, 'exit');
        if (code !== 0) throw new Error(`memory run of ${variant} exited with ${code}`);
        const { baseline, peak } = JSON.parse(out);
        extra[variant].push(Math.max(0, peak - baseline));
      }
    }
    const label = `peak extra RSS sending a 256 MiB file (n=${runs} each; ratio = extra memory / file size)`;
    const mib = (n) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
    const raw = median(extra.raw);
    row(label, 'raw fetch + FormData + openAsBlob', mib(raw), ratio(raw / UPLOAD), '', undefined);
    const client = median(extra.client);
    row(
      label,
      '@postpress/client (openAsBlob file)',
      mib(client),
      ratio(client / UPLOAD),
      '≤ 1.10×',
      client / UPLOAD <= 1.1,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function buildTimes() {
  const turbo = join(repo, 'node_modules/.bin/turbo');
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
  const time = async (args) => {
    const start = performance.now();
    const child = spawn(turbo, ['run', 'build', ...args], { cwd: repo, env, stdio: 'ignore' });
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`turbo run build ${args.join(' ')} exited with ${code}`);
    return performance.now() - start;
  };
  const runs = 3;
  log(`pnpm build, cold (--force) then cached: ${runs} runs each…`);
  const cold = [];
  const cached = [];
  for (let i = 0; i < runs; i++) {
    cold.push(await time(['--force']));
    cached.push(await time([]));
  }
  const base = median(cold);
  row(`\`pnpm build\` (turbo, n=${runs} each)`, 'cold (`turbo run build --force`)', ms(base), '1.00×', 'baseline');
  row(`\`pnpm build\` (turbo, n=${runs} each)`, 'fully cached', ms(median(cached)), ratio(median(cached) / base), '');
}

function table() {
  const head = ['what', 'variant', 'median', 'ratio', 'target', 'met?'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.what, r.variant, r.median, r.ratio, r.target, r.met].join(' | ')} |`);
  return lines.join('\n');
}

const server = await startServer();
let wire;
try {
  const { raw, client, unipile } = variants(server.url);
  wire = await wireFormats(server, { raw, client, unipile });
  await startChatLatency(server);
  await pureOverhead();
  await bundleSizes();
  await uploadMemory(server);
  await responseMemory(row, log);
} finally {
  server.child.send('stop');
}
if (process.env.BENCH_SKIP_BUILD !== '1') await buildTimes();
for (const r of await docsTimeToInteractive({ log })) row(...r);
const mockRows = await mockBench(log);
const growthRows = await growth({ log });
const growthTable = [
  '| what | variant | figure | ratio | target | met? |',
  '| --- | --- | --- | --- | --- | --- |',
  ...growthRows.map((r) => `| ${r.slice(0, 5).join(' | ')} | ${r[5] === undefined ? '' : r[5] ? 'yes' : '**no**'} |`),
].join('\n');

const cpu = cpus();
const machine = `Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${new Date().toISOString().slice(0, 10)}`;
const gitRev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
const wireList = Object.entries(wire)
  .map(([name, parts]) => `- **${name}**: ${parts.map((p) => `\`${p}\``).join(', ')}`)
  .join('\n');
const markdown = `# Benchmark results

\`pnpm bench\` on ${machine}, commit ${gitRev}. Medians of interleaved runs; ratios against the baseline of the same run.

${table()}

${notes.join('\n\n')}

## @postpress/mock (issue 17)

${mockTable(mockRows)}

## Growth with the number of operations (issue 22)

The whole pipeline on the published spec (2 operations) and on generated specs of 20 and 100
(\`src/growth-spec.mjs\`: the fixture spec's operations, every shape, copied under new paths). Ratios
against the 2-operation figure of the same run.

${growthTable}

Parts each variant sent for the same startChat, in order, as the server received them:

${wireList}
`;
process.stdout.write(`${table()}\n\n${growthTable}\n`);
await writeFile(join(here, '../results.md'), markdown);
log(`\nwritten to ${join('packages/bench/results.md')}`);
