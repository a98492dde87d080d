// The Markdown twins, llms.txt, the changelog and the built dist/ (pnpm build), read as files: every fact
// of the model on its operation's twin, every page and anchor reachable, search over every field.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateSamples } from '@postpress/samples';
import { describe, expect, it } from 'vitest';
import { loadGuides } from '../scripts/build-site.mjs';
import { changelogMarkdown, demoteHeadings, parseChangeset } from '../scripts/changelog.mjs';
import { walkFields } from '../scripts/fields.mjs';
import {
  curlFromModel,
  errorRows,
  exampleParts,
  operationMarkdown,
  operationView,
  sampleCaption,
} from '../scripts/operation-page.mjs';
import { distDir, docsDir, filesUnder, model, repoRoot, samplesDir } from './helpers.js';

const views = model.operations.map((op) => operationView(op, model.api, generateSamples(model)));

describe('the Markdown twin of each operation', () => {
  it('says every fact of the model: fields with rules and wire names, statuses, headers, error types with meanings, examples, samples', () => {
    for (const view of views) {
      const { op } = view;
      const md = operationMarkdown(view);
      expect(md).toContain(`\`${op.method} ${op.path}\``);
      expect(md).toContain(`API version ${model.api.version}`);
      for (const p of op.parameters) expect(md, p.name).toContain(`(${p.in}) \`${p.name}\``);
      for (const part of op.requestBody?.multipart?.parts ?? []) expect(md, part.name).toContain(`\`${part.name}\``);
      for (const { node } of walkFields(view.body?.tree.fields ?? [])) expect(md, node.id).toContain(`\`${node.key}\``);
      for (const r of op.responses) {
        expect(md).toContain(`### ${r.status} ${r.statusText}`);
        expect(md).toContain(r.description);
        for (const h of r.headers) expect(md).toContain(`\`${h.name}\``);
        for (const e of r.errors)
          expect(md).toContain(`| ${r.status} ${r.statusText} | \`${e.type}\` | ${e.meaning.replaceAll('|', '\\|')} |`);
        for (const ex of r.examples) expect(md).toContain(JSON.stringify(ex.value, null, 2));
      }
      for (const ex of op.requestBody?.examples ?? [])
        for (const line of op.requestBody?.multipart ? exampleParts(ex) : [JSON.stringify(ex.value, null, 2)])
          expect(md, ex.name).toContain(line);
      for (const s of op.codeSamples) expect(md).toContain(s.source.trimEnd());
      for (const g of generateSamples(model).samples.filter((x) => x.operationId === op.operationId))
        for (const code of Object.values(g.code)) expect(md).toContain(code.trimEnd());
    }
  });

  it('states "required" within its parent for nested fields', () => {
    const nested = views.flatMap((v) =>
      [...walkFields(v.body?.tree.fields ?? [])].filter(({ node }) => node.requiredIn && node.required),
    );
    expect(nested.length).toBeGreaterThan(0);
    for (const view of views) {
      const md = operationMarkdown(view);
      for (const { node } of walkFields(view.body?.tree.fields ?? []))
        if (node.requiredIn && node.required)
          expect(md, node.id).toContain(`\`${node.key}\` (${node.type}; required in ${node.requiredIn}`);
    }
  });

  it('turns each multipart example into the parts it sends (from the model wire values)', () => {
    for (const op of model.operations.filter((o) => o.requestBody?.multipart))
      for (const ex of op.requestBody?.examples ?? []) {
        const lines = exampleParts(ex);
        for (const [name, value] of Object.entries(ex.wireValue ?? {}))
          for (const v of Array.isArray(value) ? value : [value])
            expect(lines).toContain(`${name}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      }
  });
});

describe('samples', () => {
  it('caption each code sample by its first comment line', () => {
    expect(sampleCaption('#!/bin/sh\n# Send it.\ncurl …')).toBe('Send it.');
    expect(sampleCaption('const a = 1;\n// Reply in a chat.\n')).toBe('Reply in a chat.');
    expect(sampleCaption('no comment')).toBe('');
  });

  it('build a curl command from the model for an operation without samples: path, query, headers, JSON body', () => {
    const op = {
      operationId: 'listThings',
      method: 'GET',
      path: '/v1/things/{thing_id}',
      summary: 'List things',
      security: [{ scheme: 'k', type: 'apiKey', in: 'header', name: 'X-API-KEY' }],
      parameters: [
        {
          name: 'thing_id',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          examples: [{ name: 'default', value: 't 1' }],
        },
        {
          name: 'ids',
          in: 'query',
          required: false,
          schema: { type: 'array' },
          examples: [{ name: 'default', value: ['a', 'b'] }],
        },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer' }, examples: [] },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', examples: ["k'1"] },
          examples: [],
        },
      ],
      requestBody: { mediaType: 'application/json', examples: [{ name: 'x', value: { a: "it's" } }] },
    };
    const curl = curlFromModel(op as never, model.api);
    expect(curl).toContain('--request GET');
    expect(curl).toContain('/v1/things/t%201?ids=a&ids=b"');
    expect(curl).not.toContain('limit');
    expect(curl).toContain(`--header 'Idempotency-Key: k'\\''1'`);
    expect(curl).toContain('--header "X-API-KEY: $POSTPRESS_API_KEY"');
    expect(curl).toContain(`--data '{"a":"it'\\''s"}'`);
    expect(curl.trimEnd().endsWith('\\')).toBe(false);
  });
});

describe('the changelog', () => {
  it('reads a changeset: its packages and bumps, and its text', () => {
    const c = parseChangeset('x', '---\n"@postpress/client": minor\n\'@postpress/mock\': patch\n---\n\nBody.\n');
    expect(c).toEqual({
      name: 'x',
      packages: [
        { name: '@postpress/client', bump: 'minor' },
        { name: '@postpress/mock', bump: 'patch' },
      ],
      body: 'Body.',
    });
    expect(parseChangeset('y', 'no front matter')).toBeNull();
    expect(demoteHeadings('# A\n```\n# not a heading\n```\n## B', 2)).toBe('### A\n```\n# not a heading\n```\n#### B');
  });

  it('lists every pending changeset under each of its packages, and each CHANGELOG.md', () => {
    const md = changelogMarkdown({ repoRoot, version: model.api.version });
    const dir = join(repoRoot, '.changeset');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const c = parseChangeset(f, readFileSync(join(dir, f), 'utf8'));
      for (const p of c?.packages ?? [])
        expect(md, f).toMatch(
          new RegExp(`### ${p.name}[\\s\\S]*\\*\\*${p.bump}\\*\\* \\(\`${f.replace(/\.md$/, '')}\``),
        );
    }
    for (const p of readdirSync(join(repoRoot, 'packages'))) {
      const log = join(repoRoot, 'packages', p, 'CHANGELOG.md');
      if (existsSync(log)) expect(md).toContain(demoteHeadings(readFileSync(log, 'utf8').trim(), 2));
    }
  });
});

describe('the guides', () => {
  it('take their code from content/samples, so the quick start is tested code', () => {
    const guides = loadGuides(model.operations[0]?.operationId);
    const quickStart = guides.find((g: { id: string }) => g.id === 'quick-start');
    const sample = readFileSync(join(samplesDir, 'quickStart.ts'), 'utf8').trimEnd();
    expect(quickStart?.body).toContain(`\`\`\`ts\n${sample}\n\`\`\``);
    for (const g of guides) expect(g.body).not.toContain('<!-- sample:');
  });
});

describe('the generators of the site', () => {
  it('name no operation of the real spec: every API fact comes from the model', () => {
    for (const dir of ['scripts', 'assets'])
      for (const file of filesUnder(join(docsDir, dir))) {
        const text = readFileSync(join(docsDir, dir, file), 'utf8');
        expect(text.match(/startChat|sendMessage/g) ?? [], `${dir}/${file}`).toEqual([]);
      }
  });
});

describe('the built site (pnpm build)', () => {
  const files = filesUnder(distDir);
  const html = files.filter((f) => f.endsWith('.html'));
  const cache = new Map<string, string>();
  const read = (f: string) => {
    if (!cache.has(f)) cache.set(f, readFileSync(join(distDir, f), 'utf8'));
    return cache.get(f) as string;
  };
  const idsCache = new Map<string, Set<string>>();
  const idsOf = (f: string) => {
    if (!idsCache.has(f)) idsCache.set(f, new Set([...read(f).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string)));
    return idsCache.get(f) as Set<string>;
  };

  it('has a page and a Markdown twin for each guide, operation and error catalog, plus landing, downloads and changelog', () => {
    const ops = model.operations.map((o) => o.operationId);
    expect(html.sort()).toEqual(
      [
        'index.html',
        'errors.html',
        'downloads.html',
        'changelog.html',
        ...loadGuides(ops[0]).map((g: { file: string }) => g.file.replace(/\.md$/, '.html')),
        ...ops.map((id) => `operations/${id}.html`),
        ...ops.map((id) => `errors/${id}.html`),
      ].sort(),
    );
    for (const page of html.filter((f) => f !== 'index.html'))
      expect(files, page).toContain(page.replace(/\.html$/, '.md'));
    for (const f of ['openapi.json', 'openapi.wire.json', 'operations.json', 'llms.txt', 'search-index.json'])
      expect(files).toContain(f);
  });

  it('shows the spec version on every page and offers both views of the spec on the downloads page', () => {
    for (const f of html)
      expect(read(f), f).toContain(`API <span class="sr-only">version </span>v${model.api.version}`);
    const downloads = read('downloads.html');
    for (const f of ['openapi.json', 'openapi.wire.json', 'operations.json'])
      expect(downloads).toContain(`href="${f}"`);
    expect(downloads).toMatch(/Prism/);
    expect(downloads).toMatch(/Postman/);
    expect(downloads).toMatch(/Schemathesis/);
  });

  it('is self-contained: nothing from another origin, a Content-Security-Policy on every page', () => {
    for (const f of html) {
      expect(read(f), f).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
      expect(read(f), f).toContain('http-equiv="Content-Security-Policy"');
    }
  });

  it('links only by relative paths, and every link of every page (HTML and Markdown) reaches a file and its anchor', () => {
    let count = 0;
    const checked = new Set<string>();
    for (const f of files.filter((x) => /\.(html|md)$/.test(x))) {
      const text = read(f);
      const targets = f.endsWith('.html')
        ? [...text.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((m) => m[1] as string)
        : [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
      for (const raw of new Set(targets)) {
        if (/^(https?:|mailto:|data:)/.test(raw)) continue;
        count++;
        // The sidebar repeats on every page: each (folder, link) is resolved once.
        const key = `${posix.dirname(f)} ${raw}`;
        if (checked.has(key)) continue;
        checked.add(key);
        expect(raw, `${f}: ${raw}`).not.toMatch(/^\//);
        const [pathPart = '', hash] = raw.split('#');
        const path = pathPart.split('?')[0] ?? '';
        const target = path ? posix.normalize(posix.join(posix.dirname(f), path)) : f;
        expect(files, `${f}: ${raw}`).toContain(target);
        if (hash && target.endsWith('.html')) expect(idsOf(target).has(hash), `${f}: ${raw}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('search covers every parameter, field, response and error type, each hit deep-linked to its anchor', () => {
    const index: { t: string; w: string; u: string }[] = JSON.parse(read('search-index.json'));
    const urls = new Set(index.map((d) => d.u));
    for (const op of model.operations) {
      const page = `operations/${op.operationId}.html`;
      const anchors = [...read(page).matchAll(/<li class="field"[^>]* id="([^"]+)"/g)].map((m) => m[1]);
      expect(anchors.length, op.operationId).toBeGreaterThan(0);
      for (const id of anchors) expect(urls, `${page}#${id}`).toContain(`${page}#${id}`);
      for (const r of op.responses) {
        expect(urls).toContain(`${page}#response-${r.status}`);
        for (const e of r.errors)
          expect(index, `${op.operationId} ${e.type}`).toContainEqual(
            expect.objectContaining({ t: e.type, w: `Error ${r.status} of ${op.operationId}` }),
          );
      }
      for (const part of op.requestBody?.multipart?.parts ?? [])
        expect(
          index.some((d) => d.t === part.name && d.u.startsWith(`${page}#body.`)),
          part.name,
        ).toBe(true);
    }
    for (const d of index) {
      const [file = '', hash] = d.u.split('#');
      expect(files, d.u).toContain(file);
      if (hash) expect(idsOf(file).has(hash), d.u).toBe(true);
    }
  });

  it('has one catalog page per operation with a row per (status, type), and an index of them', () => {
    for (const op of model.operations) {
      const page = read(`errors/${op.operationId}.html`);
      const rows = errorRows(op);
      expect(page.match(/<tr id=/g) ?? []).toHaveLength(rows.length);
      for (const r of rows) expect(page, r.type).toContain(`data-status="${r.status}"><td data-label="Status">`);
      expect(read('errors.html')).toContain(`href="errors/${op.operationId}.html"`);
    }
  });

  it('llms.txt follows the llmstxt.org shape and links every Markdown page', () => {
    const txt = read('llms.txt');
    expect(txt.split('\n')[0]).toBe(`# ${model.api.title}`);
    expect(txt).toMatch(/^> /m);
    const links = [...txt.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    for (const link of links) expect(files, link).toContain(link);
    for (const f of files.filter((x) => x.endsWith('.md'))) expect(links, f).toContain(f);
  });

  // A reference page carries its richest sample in eight languages; `pnpm bench` holds the time to interactive.
  it('keeps every page small: each under 32 kB gzip (reported)', () => {
    const sizes = html.map((f) => [f, gzipSync(read(f), { level: 9 }).length] as const);
    console.log(`page sizes (gzip): ${sizes.map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} kB`).join(', ')}`);
    for (const [f, n] of sizes) expect(n, f).toBeLessThan(32 * 1024);
  });
});
