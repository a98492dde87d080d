import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { publicPackages, repoRoot, run } from './helpers.js';

const config = JSON.parse(readFileSync(join(repoRoot, '.changeset/config.json'), 'utf8'));
const PUBLISHED = ['@postpress/client', '@postpress/mcp', '@postpress/mock', '@postpress/openapi', '@postpress/types'];

describe('changesets', () => {
  it('versions the four public packages together as one fixed group (docs/VERSIONING.md says why)', () => {
    expect(config.fixed).toEqual([['@postpress/{openapi,types,client,mock,mcp}']]);
    const [, names] = /^@postpress\/\{(.*)\}$/.exec(config.fixed[0][0]) ?? [];
    expect(
      names
        .split(',')
        .map((n) => `@postpress/${n}`)
        .sort(),
    ).toEqual(PUBLISHED);
    // A new public package must join the group (or the policy must say why not).
    for (const pkg of publicPackages())
      expect(PUBLISHED, `${pkg.name} is public but not in the fixed group`).toContain(pkg.name);
    expect(config.access).toBe('public');
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it('changesets accepts the config and the pending changesets', () => {
    const result = run('pnpm', ['exec', 'changeset', 'status'], { cwd: repoRoot });
    expect(result.status, result.output).toBe(0);
    expect(result.output).not.toMatch(/error/i);
  });

  it('every pending changeset names only published packages with a valid bump', () => {
    const dir = join(repoRoot, '.changeset');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      const front = /^---\n([\s\S]*?)\n---\n\s*\S/.exec(readFileSync(join(dir, name), 'utf8'));
      expect(front, `${name}: frontmatter, then a description`).not.toBeNull();
      for (const [pkg, bump] of Object.entries(parse(front?.[1] ?? '') ?? {})) {
        expect(PUBLISHED, name).toContain(pkg);
        expect(['major', 'minor', 'patch'], `${name}: ${pkg}`).toContain(bump);
      }
    }
  });
});
