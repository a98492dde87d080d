// Every fact of the operations model, found on its operation's page in Chromium: every parameter and
// field (with its rules, enum values, examples and "required" as the page states it), every multipart
// part by wire name, every variant by its name, every response's status, name, description, headers,
// example bodies and error types with their meanings, the request examples and the code samples.
// The facts are derived here by walking the model on its own (not through the site's field trees),
// for the real spec and for the fixture spec with every operation shape (built by scripts/pipeline.mjs).
// JavaScript is off: what is found is readable without it, variants and samples included.

import { generateSamples } from '@postpress/samples';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../scripts/serve-site.mjs';
import { asText, distDir, fixtureSite, launchBrowser, model, type Operation, type OperationsModel } from './helpers.js';

/** A fact: some element matching one of `scopes` shows every string of `all` (and none of `none`). */
interface Fact {
  what: string;
  scopes: string[];
  all: string[];
  none?: string[];
}

type Samples = ReturnType<typeof generateSamples>;
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
const attr = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
/** A generated table of an enum's meanings (the spec's decorator adds it): the page lists the same as error types. */
const isTable = (d: string) => d.trim().startsWith('|');

/** `allOf` members as one list of schemas to read properties from (each property may appear in several). */
const members = (s: any): any[] => (s && typeof s === 'object' ? [s, ...(s.allOf ?? []).flatMap(members)] : []);

/** Facts of one schema's rules and values, shown in the field's rule list or body. */
function ruleFacts(schema: any): string[] {
  const out: string[] = [];
  for (const s of members(schema)) {
    for (const k of [
      'minLength',
      'maxLength',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'exclusiveMaximum',
      'minItems',
      'maxItems',
      'multipleOf',
    ])
      if (typeof s[k] === 'number') out.push(String(s[k]));
    for (const v of s.enum ?? []) out.push(show(v));
    if ('const' in s) out.push(show(s.const));
    if (s.default !== undefined) out.push(show(s.default));
    if (s.format && s.format !== 'binary') out.push(s.format);
    if (s.pattern) out.push(s.pattern);
    if (s.type === 'array' && s.items) out.push(...ruleFacts(s.items));
  }
  return out;
}

/**
 * Facts of every property under `schema` (pointer as the page marks it: `/properties/a/oneOf/1/properties/b`):
 * name and "required" wording in the field's head, description and example values in the field, rules in it too.
 */
function schemaFacts(
  schema: any,
  scopes: (pointer: string) => string[],
  label: string,
  pointer = '',
  depth = 0,
): Fact[] {
  const facts: Fact[] = [];
  const required = new Set(members(schema).flatMap((s) => s.required ?? []));
  const props = new Map<string, any[]>();
  for (const s of members(schema))
    for (const [name, p] of Object.entries<any>(s.properties ?? {})) props.set(name, [...(props.get(name) ?? []), p]);
  for (const [name, list] of props) {
    const at = `${pointer}/properties/${name}`;
    const where = `${label} ${at}`;
    const head = scopes(at).map((s) => `${s} > .field-head`);
    const wording = !required.has(name) ? 'optional' : depth > 0 ? 'required in' : 'required';
    facts.push({
      what: `${where}: name, ${wording}`,
      scopes: head,
      all: [name, wording],
      none: wording === 'required' ? ['required in'] : [],
    });
    const descriptions = list
      .flatMap(members)
      .map((p) => p.description)
      .filter((d) => d && !isTable(d));
    if (descriptions.length)
      facts.push({ what: `${where}: description`, scopes: scopes(at), all: [asText(descriptions[0])] });
    for (const p of list) {
      // Each schema of the property on its own: a base (rules, examples) and what an allOf member narrows (const, enum).
      const values = [...(p.examples ?? []), ...(p.example === undefined ? [] : [p.example])];
      const rules = ruleFacts(p);
      if (values.length || rules.length)
        facts.push({ what: `${where}: rules and examples`, scopes: scopes(at), all: [...rules, ...values.map(show)] });
      const inner =
        p?.type === 'array' && p.items && (p.items.properties || p.items.oneOf || p.items.anyOf) ? p.items : p;
      const innerAt = inner === p ? at : `${at}/items`;
      facts.push(...schemaFacts(inner, scopes, label, innerAt, depth + 1));
      for (const keyword of ['oneOf', 'anyOf'] as const)
        (inner?.[keyword] ?? []).forEach((v: any, i: number) => {
          const vAt = `${innerAt}/${keyword}/${i}`;
          const named = [/\s/.test(v.title ?? '') && v.title, v.description && asText(v.description)].filter(Boolean);
          if (named.length)
            facts.push({ what: `${label} ${vAt}: variant name and description`, scopes: scopes(vAt), all: named });
          facts.push(...schemaFacts(v, scopes, label, vAt, depth + 1));
        });
    }
  }
  return facts;
}

/** Every fact of one operation that its page must show. */
function operationFacts(op: Operation, api: OperationsModel['api'], samples: Samples): Fact[] {
  const facts: Fact[] = [
    {
      what: 'method, path, operationId, summary',
      scopes: ['main'],
      all: [op.method, op.path, op.operationId, op.summary],
    },
    { what: 'description', scopes: ['main .op-intro'], all: [asText(op.description)] },
    { what: 'spec version', scopes: ['body'], all: [api.version] },
  ];
  if (op.security[0])
    facts.push({ what: 'authentication header', scopes: ['main .op-intro'], all: [op.security[0].name] });
  if (op.pagination)
    facts.push({
      what: 'pagination',
      scopes: ['main .op-intro'],
      all: [op.pagination.cursorParameter, `client.${op.operationId}.all(`],
    });
  for (const p of op.parameters) {
    const scope = `[data-param="${attr(`${p.in}:${p.name}`)}"]`;
    facts.push({
      what: `parameter ${p.in} ${p.name}: head`,
      scopes: [`${scope} > .field-head`],
      all: [p.name, p.required ? 'required' : 'optional'],
    });
    facts.push({
      what: `parameter ${p.in} ${p.name}: description, rules, examples`,
      scopes: [scope],
      all: [
        ...(p.description ? [asText(p.description)] : []),
        ...ruleFacts(p.schema),
        ...p.examples.map((e) => show(e.value)),
      ],
    });
  }
  const body = op.requestBody;
  if (body) {
    const scope = '[data-schema="request"]';
    facts.push({
      what: 'request body media type',
      scopes: [scope],
      all: [body.mediaType, ...(body.description ? [asText(body.description)] : [])],
    });
    for (const part of body.multipart?.parts ?? [])
      facts.push({ what: `part ${part.name}`, scopes: [scope], all: [part.name] });
    facts.push(...schemaFacts(body.schema, (at) => [`${scope} [data-pointer="${attr(at)}"]`], 'request body'));
    for (const ex of body.examples) {
      const lines = body.multipart
        ? Object.entries(ex.wireValue ?? {}).flatMap(([name, v]) =>
            (Array.isArray(v) ? v : [v]).map((x) => `${name}=${show(x)}`),
          )
        : [norm(JSON.stringify(ex.value, null, 2))];
      facts.push({
        what: `request example ${ex.name}`,
        scopes: ['.op-aside-request'],
        all: [ex.summary ?? ex.name, ...lines],
      });
    }
  }
  for (const s of op.codeSamples)
    facts.push({ what: `${s.label} sample`, scopes: ['.samples'], all: [norm(s.source)] });
  // The operation's primary generated sample in every language (packages/samples runs each against the
  // mock); the other examples' samples are in the Markdown twin.
  const richest = samples.samples.find((x) => x.operationId === op.operationId && x.primary);
  for (const language of richest ? samples.languages : [])
    facts.push({
      what: `${language.label} sample of ${richest?.example}`,
      scopes: ['.samples'],
      all: [language.label, norm(richest?.code[language.id] ?? '')],
    });
  for (const r of op.responses) {
    const scope = `#response-${r.status}`;
    const retry = r.success ? [] : [r.retryable ? 'Retryable' : 'Not retried'];
    facts.push({
      what: `${r.status}: status, name, description`,
      scopes: [scope],
      all: [String(r.status), r.statusText, asText(r.description), ...retry],
    });
    if (r.mediaType === null) facts.push({ what: `${r.status}: no body`, scopes: [scope], all: ['No body'] });
    for (const h of r.headers)
      facts.push({
        what: `${r.status} header ${h.name}`,
        scopes: [scope],
        all: [h.name, asText(h.description), ...ruleFacts(h.schema)],
      });
    for (const e of r.errors)
      facts.push({
        what: `${r.status} ${e.type}: meaning`,
        scopes: [`${scope} .error`],
        all: [e.type, e.title, asText(e.meaning)],
      });
    for (const ex of r.examples)
      facts.push({
        what: `${r.status} example ${ex.name}`,
        scopes: [scope],
        all: [norm(JSON.stringify(ex.value, null, 2))],
      });
    if (r.schema) {
      // Error bodies share the envelope shown once on the page; each status shows its own narrowing.
      const scopes = (at: string) => [
        `${scope} [data-pointer="${attr(at)}"]`,
        `#error-envelope [data-pointer="${attr(at)}"]`,
      ];
      facts.push(
        ...schemaFacts(r.schema, scopes, `${r.status} body`).map((f) =>
          f.what.endsWith('rules and examples') && !r.success ? { ...f, scopes: [...f.scopes, scope] } : f,
        ),
      );
      const descriptions = members(r.schema)
        .map((s) => s.description)
        .filter((d) => d && !isTable(d));
      for (const d of descriptions)
        facts.push({ what: `${r.status} body description`, scopes: [scope, '#error-envelope'], all: [asText(d)] });
      for (const s of members(r.schema))
        for (const p of Object.values<any>(s.properties ?? {}))
          for (const v of [...(p.enum ?? []), ...('const' in p ? [p.const] : [])])
            facts.push({ what: `${r.status} body value ${show(v)}`, scopes: [scope], all: [show(v)] });
    }
  }
  return facts;
}

/** The facts no element shows, checked in the page; plus anchors: every field, variant, response and error links to itself. */
function unmet(page: Page, facts: Fact[]) {
  return page.evaluate((facts) => {
    const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
    const texts = new Map<Element, string>();
    const textOf = (el: Element) => {
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees (hidden text is not)
      if (!texts.has(el)) texts.set(el, norm((el as HTMLElement).innerText));
      return texts.get(el) as string;
    };
    const missing: string[] = [];
    for (const f of facts) {
      const els = f.scopes.flatMap((s) => [...document.querySelectorAll(s)]);
      if (!els.length) {
        missing.push(`${f.what}: no element ${f.scopes.join(' or ')}`);
        continue;
      }
      const ok = els.some(
        (el) => f.all.every((t) => textOf(el).includes(norm(t))) && !(f.none ?? []).some((t) => textOf(el).includes(t)),
      );
      if (!ok) {
        const best = els[0] as Element;
        const lacking = f.all.filter((t) => !textOf(best).includes(norm(t)));
        missing.push(
          `${f.what}: not shown (${lacking.slice(0, 3).join(' | ') || `shows ${(f.none ?? []).join(', ')}`})`,
        );
      }
    }
    for (const el of document.querySelectorAll('[data-pointer], [data-param], .variant, .response, .error')) {
      if (!el.id) missing.push(`${el.className} ${el.getAttribute('data-pointer') ?? ''} has no id`);
      else if (!el.querySelector(`a[href="#${CSS.escape(el.id)}"]`)) missing.push(`#${el.id} has no link to itself`);
      if ((el as HTMLElement).offsetParent === null) missing.push(`#${el.id} is not shown without JavaScript`);
    }
    return missing;
  }, facts);
}

let browser: { context: BrowserContext; close(): Promise<void> };
let page: Page;
const servers: { url: string; close(): Promise<void> }[] = [];
/** Serves a built site for this file's browser; closed after the browser (its open connections would hold it). */
async function serve(dist: string) {
  const site = await serveSite({ root: dist, basePath: '/postpress-api/' });
  servers.push(site);
  return site;
}

beforeAll(async () => {
  browser = await launchBrowser({ javaScriptEnabled: false });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(60_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const site of servers) await site.close();
});

async function checkSite(dist: string, m: OperationsModel) {
  const site = await serve(dist);
  let total = 0;
  for (const op of m.operations) {
    const facts = operationFacts(op, m.api, generateSamples(m));
    total += facts.length;
    await page.goto(`${site.url}/operations/${op.operationId}.html`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(false);
    expect(await unmet(page, facts), op.operationId).toEqual([]);
  }
  return total;
}

describe('every fact of the model on its operation page (Chromium, no JavaScript)', () => {
  it('the real spec', async () => {
    const total = await checkSite(distDir, model);
    console.log(`real spec: ${total} facts on ${model.operations.length} pages`);
    expect(total).toBeGreaterThan(100);
  }, 300_000);

  it('the fixture spec with every operation shape (GET + query, path, header, JSON, PATCH, PUT, DELETE 204, pages)', async () => {
    const fixture = await fixtureSite();
    const methods = new Set(fixture.model.operations.map((o) => o.method));
    expect([...methods].sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
    expect(fixture.model.operations.some((o) => o.responses.some((r) => r.mediaType === null))).toBe(true);
    expect(fixture.model.operations.some((o) => o.parameters.some((p) => p.in === 'query'))).toBe(true);
    expect(fixture.model.operations.some((o) => o.parameters.some((p) => p.in === 'header'))).toBe(true);
    const total = await checkSite(fixture.dist, fixture.model);
    console.log(`fixture spec: ${total} facts on ${fixture.model.operations.length} pages`);
    expect(total).toBeGreaterThan(200);
  }, 600_000);

  it('catches a missing fact (the check is not vacuous)', async () => {
    const site = await serve(distDir);
    const op = model.operations[0] as Operation;
    await page.goto(`${site.url}/operations/${op.operationId}.html`, { waitUntil: 'load' });
    const missing = await unmet(page, [
      { what: 'invented error', scopes: ['.error'], all: ['errors/not_a_documented_type'] },
      { what: 'invented field', scopes: ['[data-pointer="/properties/nope"]'], all: ['nope'] },
      { what: 'a required field said plainly', scopes: ['.field-head'], all: ['required in'], none: ['required in'] },
    ]);
    expect(missing).toHaveLength(3);
  }, 60_000);
});
