// Loads every export of every installed public package the way a Node user would (argv: package names).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'index.js'));
const loaded = [];
for (const name of process.argv.slice(2)) {
  const manifest = JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8'));
  const exportsField = manifest.exports ?? { '.': manifest.main ?? './index.js' };
  const subpaths = typeof exportsField === 'string' ? ['.'] : Object.keys(exportsField);
  for (const subpath of subpaths) {
    if (subpath.includes('*')) continue; // a pattern has no single file to load
    const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
    const file = require.resolve(specifier);
    if (file.endsWith('.json')) await import(specifier, { with: { type: 'json' } });
    else if (/\.[cm]?js$/.test(file)) await import(specifier);
    else readFileSync(file); // data files (YAML): resolving and reading them is what a user does
    loaded.push(specifier);
  }
}
console.log(JSON.stringify(loaded));
