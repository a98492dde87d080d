// What the generators share: reading a local $ref, and the command-line tail: with `--check`, exit 1 when the committed file
// differs from `text`; otherwise write it atomically (a failed run leaves the old file).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `node` itself, or what its local `$ref` (`#/components/…`) points to in the bundle `doc`. */
export const deref = (doc, node) =>
  node?.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n, k) => n[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc)
    : node;

/** True when the module at `moduleUrl` is the script node was started with. */
export const isMain = (moduleUrl) => !!process.argv[1] && resolve(process.argv[1]) === fileURLToPath(moduleUrl);

export function writeOrCheck(path, text) {
  if (process.argv.includes('--check')) {
    if (readFileSync(path, 'utf8') !== text) {
      console.error(`✖ ${path} is stale: run \`pnpm generate\` and commit it.`);
      process.exit(1);
    }
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  console.log(`generated ${path}`);
}
