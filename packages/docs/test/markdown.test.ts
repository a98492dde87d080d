import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guides } from '../scripts/build-site.mjs';
import {
  catalogMarkdown,
  errorCatalog,
  exampleParts,
  llmsTxt,
  operationMarkdown,
  operations,
  requestParts,
  sampleCaption,
} from '../scripts/spec-to-markdown.mjs';
import { bundle, distDir, samplesDir } from './helpers.js';

const rows = errorCatalog(bundle);

describe('errorCatalog', () => {
  it('lists every (operation, status, type) of the spec once: 79 for startChat, 70 for sendMessage', () => {
    const keys = rows.map((r) => `${r.operationId} ${r.status} ${r.type}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.filter((r) => r.operationId === 'startChat')).toHaveLength(79);
    expect(rows.filter((r) => r.operationId === 'sendMessage')).toHaveLength(70);
  });

  it('gives each type its meaning from x-enumDescriptions', () => {
    expect(rows).toContainEqual(
      expect.objectContaining({
        operationId: 'startChat',
        status: 422,
        type: 'errors/limit_exceeded',
        description: 'A provider-side limit has been exceeded.',
        retryable: false,
      }),
    );
    for (const r of rows) expect(r.description, `${r.operationId} ${r.status} ${r.type}`).not.toBe('');
  });

  it('marks exactly the 429 and 503 rows retryable (x-retryable), shared responses included', () => {
    const retryableStatuses = new Set(rows.filter((r) => r.retryable).map((r) => r.status));
    expect([...retryableStatuses].sort()).toEqual([429, 503]);
    for (const r of rows) expect(r.retryable).toBe(r.status === 429 || r.status === 503);
    expect(rows.filter((r) => r.status === 503 && r.type === 'errors/no_client_session')).toHaveLength(2);
  });

  it('fails with the operation and status when an error schema has no type enum', () => {
    const broken = structuredClone(bundle);
    broken.components.schemas.StartChatError422.allOf[1].properties.type = { type: 'string' };
    expect(() => errorCatalog(broken)).toThrow(/startChat 422: the error schema lists no `type` enum/);
  });

  it('fails clearly on a $ref that points nowhere', () => {
    const broken = structuredClone(bundle);
    broken.paths['/api/v1/chats'].post.responses['401'] = { $ref: '#/components/responses/Nope' };
    expect(() => errorCatalog(broken)).toThrow('$ref #/components/responses/Nope points nowhere');
  });
});

describe('Markdown renderings', () => {
  it('the catalog has every type, and escapes a | inside a meaning', () => {
    const md = catalogMarkdown(rows);
    for (const r of rows) expect(md).toContain(`| ${r.status} | \`${r.type}\` |`);
    const piped = catalogMarkdown([{ ...rows[0], description: 'a | b' }]);
    expect(piped).toContain('a \\| b');
  });

  it('startChat names every part as it goes on the wire', () => {
    const entry = operations(bundle).find((o) => o.operationId === 'startChat');
    const md = operationMarkdown(bundle, entry, rows);
    expect(md).toContain('`POST /api/v1/chats`');
    expect(md).toContain('| `attendees_ids[]` | string, one part per item | yes |');
    expect(md).toContain('| `attachments` | file, one part per file | no |');
    expect(md).not.toContain('`attachments[]`');
    expect(md).toContain('| `linkedin[api]` | `recruiter` | yes, in LinkedinRecruiterOptions |');
    expect(md).toContain('`linkedin[follow_up][scheduled_time][days]`');
    expect(md).toContain("--form 'linkedin[api]=recruiter'");
    expect(md).toContain('createPostpressClient');
    expect(md).toContain('| 422 | `errors/limit_exceeded` |');
    expect(md).toContain('| 429 | `errors/too_many_requests` |');
  });

  it('sendMessage documents its chat_id path parameter', () => {
    const entry = operations(bundle).find((o) => o.operationId === 'sendMessage');
    const md = operationMarkdown(bundle, entry, rows);
    expect(md).toMatch(/\| `chat_id` \| path \| yes \|/);
    expect(md).not.toContain('| 400 |');
  });

  it('llms.txt follows the llmstxt.org shape: H1, summary quote, link lists', () => {
    const txt = llmsTxt(bundle, guides);
    expect(txt.split('\n')[0]).toBe('# postpress API');
    expect(txt).toMatch(/^> One HTTP API/m);
    expect(txt).toContain('- [startChat](operations/startChat.md)');
    expect(txt).toContain('- [sendMessage](operations/sendMessage.md)');
    expect(txt).toContain('- [Error catalog](errors.md)');
    for (const g of guides) expect(txt).toContain(`- [${g.title}](${g.file})`);
  });
});

describe('the guides', () => {
  it('take their code from spec/code-samples, so the quick start is tested code', () => {
    const quickStart = guides.find((g: { id: string }) => g.id === 'quick-start');
    const sample = readFileSync(join(samplesDir, 'typescript/quickStart.ts'), 'utf8').trimEnd();
    expect(quickStart?.body).toContain(`\`\`\`ts\n${sample}\n\`\`\``);
    for (const g of guides) expect(g.body).not.toContain('<!-- sample:');
  });
});

describe('request examples and sample captions', () => {
  const startChat = bundle.paths['/api/v1/chats'].post;
  const media = startChat.requestBody.content['multipart/form-data'];

  it('turn each example into the parts it sends, so its title and its parts cannot disagree', () => {
    const classic = exampleParts(bundle, media, media.examples.classicInmail.value);
    expect(classic).toContain('linkedin[api]=classic');
    expect(classic).toContain('linkedin[inmail]=true');
    expect(classic).toContain('attendees_ids[]=ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8');
    const recruiter = exampleParts(bundle, media, media.examples.recruiterWithFollowUp.value);
    expect(recruiter).toContain('linkedin[api]=recruiter');
    expect(recruiter).toContain('linkedin[follow_up][scheduled_time][days]=3');
    expect(recruiter.filter((p: string) => p.startsWith('attendees_ids[]='))).toHaveLength(2);
    const md = operationMarkdown(bundle, operations(bundle)[0], rows);
    expect(md).toMatch(/### Classic InMail\n\n```text\n[^`]*linkedin\[api\]=classic/);
    expect(md).toMatch(/### Recruiter InMail[^\n]*\n\n```text\n[^`]*linkedin\[api\]=recruiter/);
  });

  it('caption each code sample with what it does, read from its first comment', () => {
    const curl = startChat['x-codeSamples'].find((s: { lang: string }) => s.lang === 'Shell');
    expect(sampleCaption(curl.source)).toMatch(/^Start a chat with a LinkedIn Recruiter InMail/);
    expect(curl.source).toContain("--form 'linkedin[api]=recruiter'");
    expect(sampleCaption('const a = 1;\n// Reply in a chat.\n')).toBe('Reply in a chat.');
    expect(sampleCaption('no comment')).toBe('');
  });

  it('list attachments as files and every linkedin leaf by its wire name', () => {
    const parts = requestParts(bundle, startChat);
    expect(parts.find((p: { wire: string }) => p.wire === 'attachments')?.kind).toBe('file, one part per file');
    expect(parts.map((p: { wire: string }) => p.wire)).toContain('linkedin[follow_up][scheduled_time][timezone]');
  });
});

/** Every file under dist/, relative to it, with forward slashes. */
function distFiles(dir = distDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? distFiles(join(dir, e.name))
      : [posix.relative(distDir.split('\\').join('/'), join(dir, e.name).split('\\').join('/'))],
  );
}

describe('the built site (pnpm build)', () => {
  const files = distFiles();
  const html = files.filter((f) => f.endsWith('.html'));
  const read = (f: string) => readFileSync(join(distDir, f), 'utf8');

  it('publishes every page llms.txt links to, each generated from the spec', () => {
    const txt = read('llms.txt');
    const links = [...txt.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const link of links) expect(existsSync(join(distDir, link)), link).toBe(true);
    expect(read('errors.md')).toContain(catalogMarkdown(rows));
  });

  it('has an HTML page and a Markdown twin for each guide, each operation and the catalog, plus the landing page', () => {
    expect(html.sort()).toEqual(
      [
        'errors.html',
        'index.html',
        ...guides.map((g: { file: string }) => g.file.replace(/\.md$/, '.html')),
        ...operations(bundle).map((o: { operationId: string }) => `operations/${o.operationId}.html`),
      ].sort(),
    );
    for (const page of html.filter((f) => f !== 'index.html'))
      expect(files, page).toContain(page.replace(/\.html$/, '.md'));
  });

  it('is self-contained: nothing from another origin, a Content-Security-Policy on every page', () => {
    for (const f of html) {
      expect(read(f), f).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
      expect(read(f), f).toContain('http-equiv="Content-Security-Policy"');
    }
  });

  it('links only by relative paths, and every link of every page (HTML and Markdown) reaches a file and its anchor', () => {
    let count = 0;
    for (const f of files.filter((x) => /\.(html|md)$/.test(x))) {
      const text = read(f);
      const targets = f.endsWith('.html')
        ? [...text.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((m) => m[1] as string)
        : [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
      for (const raw of targets) {
        if (/^(https?:|mailto:|data:)/.test(raw)) continue;
        count++;
        expect(raw, `${f}: ${raw}`).not.toMatch(/^\//);
        const [pathPart = '', hash] = raw.split('#');
        const path = pathPart.split('?')[0] ?? '';
        const target = path ? posix.normalize(posix.join(posix.dirname(f), path)) : f;
        expect(files, `${f}: ${raw}`).toContain(target);
        if (hash && target.endsWith('.html')) expect(read(target), `${f}: ${raw}`).toContain(`id="${hash}"`);
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('Markdown pages link to each other: each guide to the next, each page to the catalog', () => {
    for (const [i, g] of guides.entries()) {
      const md = read(g.file);
      const next = guides[i + 1];
      if (next) expect(md, g.file).toContain(`**Next:** [${next.title}](${next.id}.md)`);
      expect(md, g.file).toContain('(../errors.md)');
    }
    for (const o of operations(bundle)) expect(read(`operations/${o.operationId}.md`)).toContain('(../errors.md)');
    expect(read('errors.md')).toContain('(guides/errors-and-retries.md)');
  });

  it('search covers every error type and every request part, and each hit points at a page and id that exist', () => {
    const index: { t: string; w: string; u: string }[] = JSON.parse(read('search-index.json'));
    for (const r of rows)
      expect(index, `${r.operationId} ${r.type}`).toContainEqual(
        expect.objectContaining({ t: r.type, w: `Error ${r.status} of ${r.operationId}` }),
      );
    for (const o of operations(bundle))
      for (const p of requestParts(bundle, o.op))
        expect(
          index.some((d) => d.t === p.wire && d.w === `Request part of ${o.operationId}`),
          p.wire,
        ).toBe(true);
    for (const d of index) {
      const [file = '', hash] = d.u.split('#');
      expect(files, d.u).toContain(file);
      if (hash) expect(read(file), d.u).toContain(`id="${hash}"`);
    }
  });

  it('the catalog page has one row per (operation, status, type), the type in code', () => {
    const page = read('errors.html');
    for (const r of rows) {
      const id = `${r.operationId}-${r.status}-${r.type.replace(/^errors\//, '')}`;
      expect(page, id).toMatch(
        new RegExp(`<tr id="${id}" data-status="${r.status}" data-operation="${r.operationId}">`),
      );
    }
    expect(page.match(/<tr id=/g)).toHaveLength(rows.length);
  });
});
