// `pnpm bench` part for @postpress/mock (issue 17): throughput and p99 at 50 and 200 connections
// against a plain node:http stand-in measured in the same run (autocannon, fixed request counts),
// RSS after 20k requests and 20k distinct fail-times scenarios, and RSS while 1,000 slow
// connections are held. Loopback only. Run alone with `node src/mock.mjs`; prints a Markdown table.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REQUESTS = 20_000;
const SLOW = 1_000;
const HOLD_MS = 6_000;
const KEY = 'pp_test_bench';
const BOUNDARY = 'benchBoundary';
const BODY = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="text"\r\n\r\nGot it\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="cv.pdf"\r\nContent-Type: application/pdf\r\n\r\n${'%PDF-1.4 '.repeat(100)}\r\n--${BOUNDARY}--\r\n`;
const PATH = '/api/v1/chats/chat_bench/messages';
const HEADERS = { 'x-api-key': KEY, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
const join = (name) => fileURLToPath(new URL(name, import.meta.url));
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function spawnServer(script, args = []) {
  const child = fork(join(script), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(child, 'message');
  const rss = async () => {
    child.send('rss');
    const [{ rss: value }] = await once(child, 'message');
    return value;
  };
  const stop = async () => {
    child.send('stop');
    await once(child, 'exit');
  };
  return { url: `http://127.0.0.1:${port}`, port, rss, stop };
}

function load(url, connections, amount, extra = {}) {
  return autocannon({
    url: `${url}${PATH}`,
    method: 'POST',
    headers: HEADERS,
    body: BODY,
    connections,
    amount,
    timeout: 30,
    ...extra,
  });
}
const summary = (r) => ({
  rps: r.requests.total / (r.duration || 1),
  p99: r.latency.p99,
  errors: r.errors + r.timeouts,
  non2xx: r.non2xx,
});

/** Holds `count` connections that each send headers and a body one byte at a time; returns how the server answered. */
async function slowConnections(port, count) {
  const sockets = [];
  const outcome = { held: 0, answered503: 0, otherAnswer: 0, closed: 0 };
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(
              `POST ${PATH} HTTP/1.1\r\nHost: bench\r\nX-API-KEY: ${KEY}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 1048576\r\n\r\n--`,
            );
            resolve();
          });
          let text = '';
          socket.on('data', (chunk) => {
            text += chunk;
          });
          socket.on('close', () => {
            if (text.startsWith('HTTP/1.1 503')) outcome.answered503++;
            else if (text) outcome.otherAnswer++;
            else outcome.closed++;
          });
          socket.on('error', () => {});
          sockets.push(socket);
        }),
    ),
  );
  const trickle = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write('-');
  }, 2_000);
  return {
    outcome,
    release: () => {
      clearInterval(trickle);
      for (const socket of sockets) socket.destroy();
    },
    alive: () => sockets.filter((s) => !s.destroyed).length,
  };
}

/** Runs the mock benchmarks; returns table rows [what, variant, figure, ratio, note]. */
export async function mockBench(log = (line) => process.stderr.write(`${line}\n`)) {
  const rows = [];
  // Throughput: baseline stand-in and mock, each fresh, same body, same counts.
  const base = await spawnServer('server.mjs');
  const mock = await spawnServer('mock-child.mjs', ['{}']);
  try {
    const rssStart = await mock.rss();
    log(`mock: ${REQUESTS.toLocaleString('en-US')} requests at 50 then 200 connections, baseline then mock…`);
    for (const connections of [50, 200]) {
      await load(base.url, connections, 1_000); // warm-up
      await load(mock.url, connections, 1_000);
      const b = summary(await load(base.url, connections, REQUESTS));
      const m = summary(await load(mock.url, connections, REQUESTS));
      const what = `sendMessage (text + 1 kB file), ${REQUESTS.toLocaleString('en-US')} requests at ${connections} connections (autocannon)`;
      rows.push([
        what,
        'plain node:http stand-in (reads the body, answers 201)',
        `${b.rps.toFixed(0)} req/s, p99 ${b.p99} ms`,
        '1.00×',
        `${b.errors} errors, ${b.non2xx} non-2xx`,
      ]);
      rows.push([
        what,
        '@postpress/mock (parses, validates, records)',
        `${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms`,
        `${(m.rps / b.rps).toFixed(2)}× throughput`,
        `${m.errors} errors, ${m.non2xx} non-2xx`,
      ]);
      if (connections === 50) {
        const rss = await mock.rss();
        rows.push([
          `mock RSS (start ${mib(rssStart)})`,
          `after ${(REQUESTS + 2_000).toLocaleString('en-US')} requests`,
          mib(rss),
          `${(rss / rssStart).toFixed(2)}× start`,
          '',
        ]);
      }
    }
    const rssLoad = await mock.rss();
    log(`mock: ${REQUESTS.toLocaleString('en-US')} distinct fail-times scenario ids…`);
    let n = 0;
    const before = await mock.rss();
    const scen = summary(
      await load(mock.url, 50, REQUESTS, {
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: {
                ...req.headers,
                'x-postpress-mock-error': 'errors/service_unavailable',
                'x-postpress-mock-fail-times': '1',
                'x-postpress-mock-scenario': `scenario-${n++}-${'x'.repeat(200)}`,
              },
            }),
          },
        ],
      }),
    );
    const after = await mock.rss();
    rows.push([
      `mock RSS (start ${mib(rssStart)})`,
      `${REQUESTS.toLocaleString('en-US')} distinct 200-character scenario ids (kept: the last 10,000)`,
      `${mib(after)} (${after >= before ? '+' : '−'}${mib(Math.abs(after - before))})`,
      `${(after / rssLoad).toFixed(2)}× before`,
      `${scen.non2xx} × 503 as asked`,
    ]);
  } finally {
    await base.stop();
    await mock.stop();
  }

  // 1,000 slow connections held against a fresh mock with default limits (maxConnections 1,000).
  const slowMock = await spawnServer('mock-child.mjs', ['{}']);
  try {
    const idle = await slowMock.rss();
    log(`mock: holding ${SLOW} slow connections for ${HOLD_MS / 1000} s…`);
    const slow = await slowConnections(slowMock.port, SLOW);
    await new Promise((r) => setTimeout(r, HOLD_MS));
    const held = await slowMock.rss();
    const alive = slow.alive();
    // One more connection, past the cap: answered at once?
    const start = performance.now();
    const probe = await fetch(`${slowMock.url}${PATH}`, { method: 'POST', headers: HEADERS, body: BODY }).catch(
      (e) => e,
    );
    const probeMs = performance.now() - start;
    const probeText = probe instanceof Response ? `${probe.status} ${(await probe.json()).type}` : String(probe);
    slow.release();
    await new Promise((r) => setTimeout(r, 500));
    const afterSlow = await fetch(`${slowMock.url}${PATH}`, { method: 'POST', headers: HEADERS, body: BODY });
    rows.push([
      `mock RSS (start ${mib(idle)})`,
      `${SLOW.toLocaleString('en-US')} slow connections (a byte every 2 s) held ${HOLD_MS / 1000} s`,
      mib(held),
      `${(held / idle).toFixed(2)}× idle`,
      `${alive} still open; connection #${SLOW + 1}: ${probeText} in ${probeMs.toFixed(0)} ms; after release: ${afterSlow.status}`,
    ]);
  } finally {
    await slowMock.stop();
  }
  return rows;
}

export function mockTable(rows) {
  const head = ['what', 'variant', 'figure', 'ratio', 'note'];
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${mockTable(await mockBench())}\n`);
}
