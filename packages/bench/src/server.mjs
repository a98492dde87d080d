// The benchmark's API stand-in, run as its own process (child_process.fork) so its work does not
// share an event loop with the code being measured. Reads every request body to the end, then
// answers 201 with a ChatStarted body. On the IPC message 'capture', it replies with the raw
// bytes of the next small request it receives, so the runner can show each variant's wire format.
import { createServer } from 'node:http';

const CHAT_STARTED = JSON.stringify({ object: 'ChatStarted', chat_id: 'chat_bench', message_id: 'msg_bench' });
const CAPTURE_LIMIT = 1 << 20; // only small bodies are kept; large uploads are discarded as they arrive
let capture = false;

const server = createServer(async (req, res) => {
  const keep = capture ? [] : undefined;
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (keep && size <= CAPTURE_LIMIT) keep.push(chunk);
  }
  if (keep && size <= CAPTURE_LIMIT) {
    capture = false;
    const body = Buffer.concat(keep).toString('latin1');
    process.send?.({ captured: { url: req.url, contentType: req.headers['content-type'] ?? '', body } });
  }
  res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(CHAT_STARTED) });
  res.end(CHAT_STARTED);
});

process.on('message', (message) => {
  if (message === 'capture') capture = true;
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0)); // the runner went away: never linger

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
