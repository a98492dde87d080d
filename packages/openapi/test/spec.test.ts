// Holds the spec, as the operations model states it, to the API reference pages' facts
// (reference-facts.json): every operation at its method and path, every status with its summary and
// every (status, type) with its wording (by digest), every request field and parameter, the success
// answer; and examples that validate (each linkedin object picking exactly one variant). Generic over
// operation shapes: an operation added to spec/ needs only its facts here.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Operation, OperationsModel } from '../dist/operations.js';
import { distDir } from './helpers.js';
import { facts, sha256 } from './reference-pages.js';

const model: OperationsModel = JSON.parse(readFileSync(join(distDir, 'operations.json'), 'utf8'));
const byId = (id: string) => model.operations.find((o) => o.operationId === id) as Operation;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('binary', true);
const valid = (schema: object, value: unknown) => ajv.validate(schema, value);

describe('the reference facts and the model', () => {
  it('hold the same operations, at the same method and path, with the page title as summary', () => {
    expect(model.operations.map((o) => `${o.operationId} ${o.method} ${o.path}`).sort()).toEqual(
      Object.entries(facts.operations)
        .map(([id, f]) => `${id} ${f.method.toUpperCase()} ${f.path}`)
        .sort(),
    );
    for (const [id, f] of Object.entries(facts.operations)) expect(byId(id).summary, id).toBe(f.page.title);
  });

  it('use real HTTP reason phrases', () => {
    for (const { errors } of Object.values(facts.operations))
      for (const s of errors) expect(s.reason, String(s.status)).toBe(STATUS_CODES[s.status]);
  });
});

describe.each(Object.keys(facts.operations))('%s against its reference page', (operationId) => {
  const operation = byId(operationId);
  const page = facts.operations[operationId] as (typeof facts.operations)[string];
  const errorResponses = operation.responses.filter((r) => r.status >= 400);

  it('lists exactly the statuses of the page, with the page summary as description', () => {
    expect(errorResponses.map((r) => r.status)).toEqual(page.errors.map((p) => p.status));
    for (const p of page.errors) {
      const response = errorResponses.find((r) => r.status === p.status);
      expect(sha256(response?.description ?? ''), `${p.status} description`).toBe(p.summarySha256);
    }
  });

  it('has, per status, exactly the documented types with their documented wording', () => {
    for (const p of page.errors) {
      const response = errorResponses.find((r) => r.status === p.status);
      const meanings = Object.fromEntries((response?.errors ?? []).map((e) => [e.type, sha256(e.meaning)]));
      expect(Object.keys(meanings), `${p.status} types`).toEqual(Object.keys(p.types));
      expect(meanings, `${p.status} wording`).toEqual(p.types);
      // The envelope: `status` fixed to the code, `type` one of these.
      const type = [response?.schema, ...(response?.schema?.allOf ?? [])].find((s) => s?.properties?.type?.enum)
        ?.properties.type;
      expect(type?.enum).toEqual(Object.keys(p.types));
      for (const e of response?.errors ?? []) expect(type?.description).toContain(`| \`${e.type}\` | ${e.meaning} |`);
    }
  });

  it('marks exactly the responses the API did not process (429, 503) as retryable', () => {
    expect(operation.responses.filter((r) => r.retryable).map((r) => r.status)).toEqual(
      errorResponses.map((r) => r.status).filter((s) => s === 429 || s === 503),
    );
  });

  it('has every request field the page lists, in its order, and no other; the same required ones', () => {
    if (page.request === null) {
      expect(operation.requestBody).toBeNull();
      return;
    }
    const body = operation.requestBody?.schema;
    expect(Object.keys(body?.properties ?? {})).toEqual(page.request.fields);
    expect(body?.required ?? []).toEqual(page.request.required);
  });

  it('takes the query and header parameters the page lists', () => {
    const listed = operation.parameters.filter((p) => p.in !== 'path');
    expect(listed.map((p) => ({ name: p.name, in: p.in, required: p.required }))).toEqual(page.parameters ?? []);
    const templated = [...page.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(templated);
  });

  it("answers the page's success, with its object and fields, all required", () => {
    const success = operation.responses.filter((r) => r.success);
    expect(success.map((r) => r.status)).toEqual([page.success.status]);
    const schema = success[0]?.schema;
    if (!page.success.fields) {
      expect(schema).toBeNull();
      return;
    }
    expect(Object.keys(schema?.properties ?? {})).toEqual(page.success.fields);
    expect(schema?.required).toEqual(page.success.fields);
    if (page.success.object) expect(schema?.properties.object.const).toBe(page.success.object);
  });

  it('every example validates against its schema; an error example fails under another status', () => {
    const body = operation.requestBody;
    for (const ex of body?.examples ?? []) expect(valid(body?.schema ?? {}, ex.value), ex.name).toBe(true);
    for (const r of operation.responses)
      for (const ex of r.examples) {
        expect(valid(r.schema ?? {}, ex.value), `${r.status} ${ex.name}`).toBe(true);
        if (r.status >= 400) expect(valid(r.schema ?? {}, { ...ex.value, status: r.status + 1 })).toBe(false);
      }
  });
});

describe('startChat: the linkedin options', () => {
  const page = facts.operations.startChat;
  const body = byId('startChat').requestBody?.schema;
  const variants: Record<string, any>[] = body?.properties?.linkedin?.oneOf ?? [];
  const matching = (linkedin: unknown) => variants.filter((v) => valid(v, linkedin)).map((v) => v.title);

  it('are the three variants of the page, each with its api, fields, enums and required ones', () => {
    const expected = Object.entries(page?.linkedin ?? {});
    expect(variants.map((v) => v.title)).toEqual(expected.map(([title]) => title));
    variants.forEach((variant, i) => {
      const [, f] = expected[i] ?? [];
      if (!f) throw new Error('missing variant');
      expect(variant.properties.api.enum, f.api).toEqual([f.api]);
      expect(Object.keys(variant.properties)).toEqual(f.fields);
      expect(variant.required ?? []).toEqual(f.required);
      for (const [name, values] of Object.entries(f.enums)) expect(variant.properties[name].enum, name).toEqual(values);
      if (f.follow_up) {
        const followUp = variant.properties.follow_up;
        expect(Object.keys(followUp.properties).sort()).toEqual([...f.follow_up.fields].sort());
        expect([...followUp.required].sort()).toEqual([...f.follow_up.required].sort());
        const schedules: Record<string, any>[] = followUp.properties.scheduled_time.oneOf;
        expect(schedules.map((s) => s.title)).toEqual(Object.keys(f.follow_up.scheduled_time));
        expect(schedules.map((s) => Object.keys(s.properties))).toEqual(Object.values(f.follow_up.scheduled_time));
        expect(schedules.map((s) => s.required)).toEqual(Object.values(f.follow_up.scheduled_time));
      }
    });
  });

  it('each request example picks exactly one variant; absent api is Classic; variants never overlap', () => {
    for (const ex of byId('startChat').requestBody?.examples ?? [])
      if (ex.value.linkedin) expect(matching(ex.value.linkedin), ex.name).toHaveLength(1);
    const [classic, recruiter, salesNavigator] = variants.map((v) => v.title);
    expect(matching({ inmail: true })).toEqual([classic]);
    expect(matching({ api: 'classic', signature: 'x' })).toEqual([]);
    expect(matching({ api: 'recruiter', signature: 'x' })).toEqual([recruiter]);
    expect(matching({ api: 'sales_navigator' })).toEqual([salesNavigator]);
    expect(matching({ api: 'sales_navigator', inmail: true })).toEqual([]);
  });

  it('requires account_id (non-empty) and attendees_ids; follow_up needs days or weeks with a timezone', () => {
    const check = (value: unknown) => valid(body ?? {}, value);
    expect(check({ attendees_ids: ['a'] })).toBe(false);
    expect(check({ account_id: '', attendees_ids: ['a'] })).toBe(false);
    expect(check({ account_id: 'acc' })).toBe(false);
    const followUp = (scheduled_time: unknown) => ({
      account_id: 'acc',
      attendees_ids: ['a'],
      linkedin: { api: 'recruiter', follow_up: { subject: 's', text: 't', scheduled_time } },
    });
    expect(check(followUp({ days: 3, timezone: 'Europe/Paris' }))).toBe(true);
    expect(check(followUp({ weeks: 1, timezone: 'Europe/Paris' }))).toBe(true);
    expect(check(followUp({ days: 3 }))).toBe(false);
    expect(check(followUp({ days: 3, weeks: 1, timezone: 'UTC' }))).toBe(false);
  });
});

it('states the wire format of every multipart field: brackets for string arrays, deepObject for objects', () => {
  for (const op of model.operations) {
    const multipart = op.requestBody?.multipart;
    if (!multipart) continue;
    for (const [field, format] of Object.entries(multipart.fields)) {
      const schema = op.requestBody?.schema.properties[field];
      const fileArray = schema.type === 'array' && schema.items?.format === 'binary';
      const expected =
        schema.type === 'array' && !fileArray ? 'brackets' : schema.oneOf || schema.properties ? 'deepObject' : 'plain';
      expect(format, `${op.operationId} ${field}`).toBe(expected);
    }
  }
});
