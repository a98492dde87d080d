import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsDocument, guides } from '../scripts/build-site.mjs';
import { catalogMarkdown, errorCatalog, llmsTxt, operationMarkdown, operations } from '../scripts/spec-to-markdown.mjs';
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

describe('the docs-only document', () => {
  it('adds the guides and the catalog as trait tags without touching the published bundle', () => {
    const before = JSON.stringify(bundle);
    const doc = docsDocument(bundle, rows);
    expect(JSON.stringify(bundle)).toBe(before);
    const traits = doc.tags
      .filter((t: { 'x-traitTag'?: boolean }) => t['x-traitTag'])
      .map((t: { name: string }) => t.name);
    expect(traits).toEqual([
      'Quick start',
      'Authentication',
      'Multipart wire format',
      'Errors and retries',
      'Error catalog',
    ]);
    expect(doc['x-tagGroups'].flatMap((g: { tags: string[] }) => g.tags)).toEqual([...traits, 'Messaging']);
  });
});

describe('the built site (pnpm build)', () => {
  it('publishes every page llms.txt links to, each generated from the spec', () => {
    const txt = readFileSync(join(distDir, 'llms.txt'), 'utf8');
    const links = [...txt.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const link of links) expect(existsSync(join(distDir, link)), link).toBe(true);
    expect(readFileSync(join(distDir, 'errors.md'), 'utf8')).toContain(catalogMarkdown(rows));
  });

  it('is self-contained: no script, style or image from another origin, and Redoc inlined', () => {
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:\/\//);
    expect(html).not.toContain('cdn.redoc.ly/redoc/logo');
    expect(html).toContain('Content-Security-Policy');
    expect(html.length).toBeGreaterThan(1_000_000);
  });
});
