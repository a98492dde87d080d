// Bundle size as a user's bundler sees it: esbuild, minified, ESM, then gzip (level 9) and brotli.
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

export const ENTRIES = {
  '@postpress/client': "import { createPostpressClient } from '@postpress/client'; export { createPostpressClient };",
  createPostpressFetchClient:
    "import { createPostpressFetchClient } from '@postpress/client'; export { createPostpressFetchClient };",
  'openapi-fetch': "import createClient from 'openapi-fetch'; export { createClient };",
  'unipile-node-sdk': "import { UnipileClient } from 'unipile-node-sdk'; export { UnipileClient };",
};

/** Bundles one entry; falls back to platform node when the browser build fails (Node built-ins). */
export async function measureBundle(name) {
  let platform = 'browser';
  let result;
  try {
    result = await bundle(name, platform);
  } catch {
    platform = 'node';
    result = await bundle(name, platform);
  }
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs)[0][1].inputs;
  const heaviest = Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*node_modules\//, ''), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    name,
    platform,
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    heaviest,
  };
}

function bundle(name, platform) {
  return build({
    stdin: { contents: ENTRIES[name], resolveDir: here, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}
