#!/usr/bin/env node
// Breaking-change gate: compares the bundled spec with the last released one and fails when the
// changes need a bigger bump of @postpress/openapi than the pending changesets give it.
//   node scripts/check-breaking.mjs                    check (exit 1 on a missing or too small changeset)
//   node scripts/check-breaking.mjs --update-baseline  after `changeset version`: the bundle becomes the released spec
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { diffSpecs, requiredBump } from './spec-diff.mjs';

export const PACKAGE = '@postpress/openapi';
const RANK = { none: -1, patch: 0, minor: 1, major: 2 };

/** The largest bump that the changesets in `dir` give `pkg` ('none' when none names it). */
export function pendingBump(dir, pkg = PACKAGE) {
  if (!existsSync(dir)) throw new Error(`${dir}: no changesets folder (run \`pnpm changeset init\`?)`);
  let top = 'none';
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const text = readFileSync(join(dir, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!front) continue;
    const bump = parse(front[1])?.[pkg];
    if (!(bump in RANK)) {
      if (bump !== undefined)
        throw new Error(`${name}: "${pkg}" has bump ${JSON.stringify(bump)}, not major/minor/patch`);
      continue;
    }
    if (RANK[bump] > RANK[top]) top = bump;
  }
  return top;
}

/** `{ ok, needed, pending, changes, message }` for a released spec, a current one and a changeset folder. */
export function checkBreaking({ released, current, changesetDir }) {
  const changes = diffSpecs(released, current);
  const needed = requiredBump(changes);
  const pending = pendingBump(changesetDir);
  const ok = RANK[pending] >= RANK[needed];
  const lines = changes.map((c) => `  ${c.bump.padEnd(5)}  ${c.where}${c.path ? ` › ${c.path}` : ''}: ${c.message}`);
  const verdict =
    needed === 'none'
      ? 'the bundled spec is the released one'
      : ok
        ? `the spec changes need a ${needed} bump of ${PACKAGE}; the pending changesets give ${pending}`
        : `the spec changes need a ${needed} bump of ${PACKAGE}, but the pending changesets give ${pending}: ` +
          `add a changeset with "${PACKAGE}": ${needed} (docs/VERSIONING.md says why)`;
  return { ok, needed, pending, changes, message: [...lines, `${ok ? '✔' : '✖'} ${verdict}`].join('\n') };
}

function main() {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: resolve(import.meta.dirname, '..') },
      'update-baseline': { type: 'boolean', default: false },
    },
  });
  const root = resolve(values.root);
  const releasedPath = join(root, 'packages/openapi/released/openapi.json');
  const currentPath = join(root, 'packages/openapi/dist/openapi.json');
  if (values['update-baseline']) {
    copyFileSync(currentPath, releasedPath);
    console.log('packages/openapi/released/openapi.json now holds the spec being released');
    return;
  }
  const read = (p) => {
    if (!existsSync(p))
      throw new Error(
        `${relative(process.cwd(), p)} is missing: run \`pnpm build\` (bundle) or restore the released spec`,
      );
    try {
      return JSON.parse(readFileSync(p, 'utf8'));
    } catch (error) {
      throw new Error(`${relative(process.cwd(), p)} is not valid JSON: ${error.message}`);
    }
  };
  const result = checkBreaking({
    released: read(releasedPath),
    current: read(currentPath),
    changesetDir: join(root, '.changeset'),
  });
  (result.ok ? console.log : console.error)(result.message);
  if (!result.ok) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    main();
  } catch (error) {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  }
}
