#!/usr/bin/env node
// Serves dist/ on loopback as a static host would: under a sub-path (GitHub Pages serves the site at
// /<repo>/), compressed (brotli or gzip, by Accept-Encoding), 404 for anything else.
// `pnpm docs:preview` for people, `serveSite()` for the browser test and the bench.
// Hand-written: a read-only static server of a few lines (node:http + node:zlib) needs no dependency.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.md', '.txt', '.json', '.svg', '.css', '.js']);

/**
 * Serve `root` on `host:port` (port 0: any free port) under `basePath` (default `/`, e.g. `/postpress-api/`).
 * Resolves to `{ url (ends with the base path, no trailing slash), close() }`.
 */
export function serveSite({
  root = resolve(import.meta.dirname, '../dist'),
  host = '127.0.0.1',
  port = 0,
  basePath = '/',
  compress = true,
} = {}) {
  const base = resolve(root);
  const prefix = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'bad request path');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (`${path}/` === prefix) {
      res.writeHead(301, { location: prefix });
      return res.end();
    }
    if (!path.startsWith(prefix)) return send(res, 404, 'not found (outside the site)');
    let file = normalize(join(base, path.slice(prefix.length)));
    if (file !== base && !file.startsWith(base + sep)) return send(res, 403, 'outside the site');
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      const accept = String(req.headers['accept-encoding'] ?? '');
      const encoding =
        !compress || !COMPRESSIBLE.has(extname(file))
          ? null
          : /\bbr\b/.test(accept)
            ? 'br'
            : /\bgzip\b/.test(accept)
              ? 'gzip'
              : null;
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : { 'content-length': size }),
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      const body = createReadStream(file);
      if (encoding === 'br')
        body.pipe(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })).pipe(res);
      else if (encoding === 'gzip') body.pipe(createGzip({ level: 6 })).pipe(res);
      else body.pipe(res);
    } catch {
      send(res, 404, 'not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: bound } = server.address();
      resolvePromise({
        url: `http://${host}:${bound}${prefix.replace(/\/$/, '')}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '4000' }, base: { type: 'string', default: '/postpress-api/' } },
  });
  const port = Number(values.port);
  serveSite({ port, basePath: values.base })
    .then(({ url }) =>
      console.log(`docs site: ${url}/  (served as GitHub Pages would: under ${values.base}, compressed; Ctrl-C stops)`),
    )
    .catch((error) => {
      console.error(`✖ could not serve the docs site: ${error.message}`);
      process.exitCode = 1;
    });
}
