// What an app pays for the client: the gzip size (level 9) of an app that builds a client from some
// descriptors of a generated operations file, bundled by esbuild (minified, ESM, for browsers) with
// the client's source. One measure for the growth bench and the size test (test/size.test.ts).
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const clientSource = fileURLToPath(new URL('../../client/src/client.ts', import.meta.url));

/** The minified bundle (`code`) and its gzip size (`bytes`) of an app using `names` (`'*'`: every operation). */
export async function clientBundle(operationsFile, names) {
  const entry = [
    `import { createPostpressClientWith } from ${JSON.stringify(clientSource)};`,
    names === '*'
      ? `import { operations } from ${JSON.stringify(operationsFile)}; export const client = createPostpressClientWith(operations, { apiKey: 'pp_test_x' });`
      : `import { ${names.join(', ')} } from ${JSON.stringify(operationsFile)}; export const client = createPostpressClientWith({ ${names.join(', ')} }, { apiKey: 'pp_test_x' });`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: repo, loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  return { code: output.text, bytes: gzipSync(output.contents, { level: 9 }).length };
}

/** gzip (level 9) of an app that builds a client from `names` of the generated operations file. */
export async function clientBytes(operationsFile, names) {
  return (await clientBundle(operationsFile, names)).bytes;
}
