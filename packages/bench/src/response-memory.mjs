// Peak memory while receiving a 1 GiB response body (issue 13: a 100 MB HTML page used to be kept
// whole, a gzip bomb raised RSS by 1 GB). The server (this process) streams a 201 of 1 GiB; each
// variant runs in a fresh process (this file with `child`), so its peak RSS is its own.
//   raw-stream: raw fetch, body read chunk by chunk and dropped (the least any reader can use)
//   client:     @postpress/client with its default maxResponseBytes (10 MiB)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { median, peakRss } from './stats.mjs';

const SIZE = 1024 * 1024 * 1024;
const MIB = 1024 * 1024;

async function child(variant, url) {
  const { createPostpressClient } = await import('@postpress/client');
  const client = createPostpressClient({ apiKey: 'pp_test_bench', baseUrl: url, maxRetries: 0 });
  const warm = await client.sendMessage('warm', { text: 'x' }); // code loaded, before the baseline
  if (!warm.data) throw new Error(`warm-up failed: ${JSON.stringify(warm.error)}`);
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  let outcome;
  if (variant === 'client') {
    const { error } = await client.sendMessage('big', { text: 'x' });
    outcome = `${error?.kind}: ${error?.reason}`;
  } else {
    const response = await fetch(`${url}/api/v1/chats/big/messages`, { method: 'POST', body: new FormData() });
    let n = 0;
    for await (const chunk of response.body) n += chunk.byteLength;
    outcome = `read ${n} bytes`;
  }
  const peak = peakRss();
  process.stdout.write(`${JSON.stringify({ baseline, peak, outcome })}\n`);
}

/** Measures both variants `runs` times, interleaved; adds rows through `row(what, variant, median, ratio, target, met)`. */
export async function responseMemory(row, log, runs = 3) {
  const chunk = Buffer.alloc(256 * 1024, 'x');
  const sent = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      if (req.url?.includes('/warm/')) return res.end('{"object":"MessageSent","message_id":"m"}');
      let written = 0;
      const pump = () => {
        while (written < SIZE && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => sent.push(written));
      res.write('{"object":"MessageSent","message_id":"');
      pump();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${server.address().port}`;
  log(`peak memory receiving a 1 GiB response: ${runs} runs per variant, one process each…`);
  const extra = { 'raw-stream': [], client: [] };
  const outcomes = {};
  try {
    for (let i = 0; i < runs; i++) {
      for (const variant of Object.keys(extra)) {
        const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), 'child', variant, url], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        proc.stdout.on('data', (c) => {
          out += c;
        });
        const [code] = await once(proc, 'exit');
        if (code !== 0) throw new Error(`response-memory run of ${variant} exited with ${code}`);
        const { baseline, peak, outcome } = JSON.parse(out);
        extra[variant].push(Math.max(0, peak - baseline));
        outcomes[variant] = outcome;
      }
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const label = `peak extra RSS receiving a 1 GiB response body (n=${runs} each)`;
  const mib = (n) => `${(n / MIB).toFixed(0)} MiB`;
  const raw = median(extra['raw-stream']);
  const client = median(extra.client);
  row(label, `raw fetch, body streamed and dropped (${outcomes['raw-stream']})`, mib(raw), '1.00×', 'baseline');
  row(
    label,
    `@postpress/client, default maxResponseBytes 10 MiB (${outcomes.client})`,
    mib(client),
    `${(client / Math.max(raw, 1)).toFixed(2)}×`,
    '≤ 10% of the body (102 MiB): bounded, not proportional',
    client <= SIZE / 10,
  );
  return { raw, client, sentToClient: Math.min(...sent) };
}

if (process.argv[2] === 'child') await child(process.argv[3], process.argv[4]);
