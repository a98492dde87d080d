// The changelog page: the pending changesets (.changeset/*.md, published with the next release) and
// each package's CHANGELOG.md (written by `changeset version` at release), as one Markdown page.
// Hand-written: a changeset's front matter is one `"package": bump` line per package, and a full
// YAML parser would add a dependency to read that.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `#` → `###` when `by` is 2, outside fenced code: a file's headings nested under the page's own. */
export function demoteHeadings(markdown, by) {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,6} /.test(line) ? `${'#'.repeat(by)}${line}`.replace(/^#{7,}/, '######') : line;
    })
    .join('\n');
}

/** One changeset file → `{ name, packages: [{ name, bump }], body }`, or null when it has no front matter. */
export function parseChangeset(name, text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return null;
  const packages = [...match[1].matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => ({
    name: m[1],
    bump: m[2],
  }));
  return { name, packages, body: match[2].trim() };
}

/** The changelog as Markdown, read from `repoRoot`'s `.changeset/` and `packages/<name>/CHANGELOG.md`. */
export function changelogMarkdown({ repoRoot, version }) {
  const dir = join(repoRoot, '.changeset');
  const changesets = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.md') && f !== 'README.md')
        .sort()
        .map((f) => parseChangeset(f.replace(/\.md$/, ''), readFileSync(join(dir, f), 'utf8')))
        .filter(Boolean)
    : [];
  const byPackage = new Map();
  for (const c of changesets)
    for (const p of c.packages) byPackage.set(p.name, [...(byPackage.get(p.name) ?? []), { ...c, bump: p.bump }]);
  const lines = [
    '# Changelog',
    '',
    `This site documents API version **${version}**. What changed in each published package: first the changes merged since the last release (they ship with the next version), then each package's released versions.`,
    '',
    '## Unreleased',
    '',
  ];
  if (!byPackage.size) lines.push('Nothing yet.', '');
  for (const [name, entries] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`### ${name}`, '');
    for (const e of entries) {
      const others = e.packages.filter((p) => p.name !== name).map((p) => p.name);
      lines.push(
        `**${e.bump}** (\`${e.name}\`${others.length ? `, also ${others.join(', ')}` : ''})`,
        '',
        demoteHeadings(e.body, 3),
        '',
      );
    }
  }
  const packagesDir = join(repoRoot, 'packages');
  const released = existsSync(packagesDir)
    ? readdirSync(packagesDir)
        .sort()
        .map((p) => join(packagesDir, p, 'CHANGELOG.md'))
        .filter((f) => existsSync(f))
    : [];
  lines.push('## Released', '');
  if (!released.length) lines.push('No release yet: every change so far is listed above.', '');
  for (const file of released) lines.push(demoteHeadings(readFileSync(file, 'utf8').trim(), 2), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
