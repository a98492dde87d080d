// Holds the bundled spec to the API reference pages' facts (reference-facts.json): every operation,
// every (status, type) pair with its wording (by digest), every field; and examples that validate
// and pick exactly one linkedin variant.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { facts, repoRoot, sha256 } from './reference-pages.js';

const doc: any = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));
const operations = {
  startChat: doc.paths['/api/v1/chats'].post,
  sendMessage: doc.paths['/api/v1/chats/{chat_id}/messages'].post,
};
const deref = (node: { $ref?: string }) =>
  node.$ref
    ? node.$ref
        .slice(2)
        .split('/')
        .reduce((n: any, k: string) => n[k.replace('~1', '/')], doc)
    : node;

function errorTypes(response: any) {
  const schema = deref(response.content['application/json'].schema);
  const own = schema.allOf.find((p: any) => p.properties?.status);
  return { status: own.properties.status.const, type: own.properties.type, envelope: schema.allOf[0].$ref };
}
const digests = (descriptions: Record<string, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([type, text]) => [type, sha256(text)]));

describe('the reference facts', () => {
  it('hold both operations, 79 and 70 (status, type) pairs, and real HTTP reason phrases', () => {
    expect(Object.keys(facts.operations)).toEqual(['startChat', 'sendMessage']);
    const pairs = (id: 'startChat' | 'sendMessage') =>
      facts.operations[id].errors.reduce((n, s) => n + Object.keys(s.types).length, 0);
    expect([pairs('startChat'), pairs('sendMessage')]).toEqual([79, 70]);
    for (const { errors } of Object.values(facts.operations))
      for (const s of errors) expect(s.reason, String(s.status)).toBe(STATUS_CODES[s.status]);
  });

  it('the spec has exactly these operations, at their method and path', () => {
    const listed = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item)
        .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
        .map(([method, op]) => `${op.operationId} ${method} ${path}`),
    );
    expect(listed.sort()).toEqual(
      Object.entries(facts.operations)
        .map(([id, f]) => `${id} ${f.method} ${f.path}`)
        .sort(),
    );
    for (const [id, f] of Object.entries(facts.operations))
      expect(operations[id as 'startChat'].summary).toBe(f.page.title);
  });
});

describe.each(Object.keys(facts.operations) as (keyof typeof facts.operations)[])(
  '%s against its reference page',
  (operationId) => {
    const operation = operations[operationId];
    const page = facts.operations[operationId];

    it('lists exactly the statuses of the page, with the page summary as description', () => {
      const codes = Object.keys(operation.responses).filter((c) => Number(c) >= 400);
      expect(codes.map(Number)).toEqual(page.errors.map((p) => p.status));
      for (const p of page.errors)
        expect(sha256(deref(operation.responses[p.status]).description), `${p.status} description`).toBe(
          p.summarySha256,
        );
    });

    it('has, per status, exactly the documented types with their documented wording', () => {
      for (const p of page.errors) {
        const { status, type, envelope } = errorTypes(deref(operation.responses[p.status]));
        expect(status).toBe(p.status);
        expect(envelope).toBe('#/components/schemas/ErrorEnvelope');
        expect(type.enum).toEqual(Object.keys(p.types));
        expect(digests(type['x-enumDescriptions']), `${p.status} wording`).toEqual(p.types);
        for (const [t, description] of Object.entries<string>(type['x-enumDescriptions']))
          expect(type.description).toContain(`| \`${t}\` | ${description} |`);
      }
    });

    it('marks exactly the responses the API did not process (429, 503) as retryable', () => {
      const retryable = Object.entries<any>(operation.responses)
        .filter(([, r]) => deref(r)['x-retryable'] === true)
        .map(([code]) => Number(code));
      expect(retryable).toEqual([429, 503]);
    });

    it('has every request field the page lists, in its order, and no other; the same required ones', () => {
      const body = deref(operation.requestBody.content['multipart/form-data'].schema);
      expect(Object.keys(body.properties)).toEqual(page.request.fields);
      expect(body.required ?? []).toEqual(page.request.required);
    });

    it("answers 201 with the page's object and fields, all required", () => {
      const schema = deref(deref(operation.responses['201']).content['application/json'].schema);
      expect(Object.keys(schema.properties)).toEqual(page.response201.fields);
      expect(schema.required).toEqual(page.response201.fields);
      expect(schema.properties.object.const).toBe(page.response201.object);
    });
  },
);

it('startChat: linkedin is one of the three variants of the page, each with its api, fields, enums and required ones', () => {
  const body = deref(operations.startChat.requestBody.content['multipart/form-data'].schema);
  const variants = body.properties.linkedin.oneOf.map(deref);
  const expected = Object.values(facts.operations.startChat.linkedin ?? {});
  expect(variants).toHaveLength(expected.length);
  variants.forEach((variant: any, i: number) => {
    const f = expected[i];
    if (!f) throw new Error('missing variant');
    expect(variant.properties.api.enum, f.api).toEqual([f.api]);
    expect(Object.keys(variant.properties)).toEqual(f.fields);
    expect(variant.required ?? []).toEqual(f.required);
    for (const [name, values] of Object.entries(f.enums)) expect(variant.properties[name].enum, name).toEqual(values);
    if (f.follow_up) {
      const followUp = deref(variant.properties.follow_up);
      expect(Object.keys(followUp.properties).sort()).toEqual([...f.follow_up.fields].sort());
      expect([...followUp.required].sort()).toEqual([...f.follow_up.required].sort());
      const schedules = followUp.properties.scheduled_time.oneOf.map(deref);
      expect(schedules.map((s: any) => Object.keys(s.properties))).toEqual(Object.values(f.follow_up.scheduled_time));
      expect(schedules.map((s: any) => s.required)).toEqual(Object.values(f.follow_up.scheduled_time));
    }
  });
});

describe('request schemas', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('binary', true);
  ajv.addSchema({ ...doc, $id: 'postpress' });
  const validate = (name: string, value: unknown) => {
    const check = ajv.getSchema(`postpress#/components/schemas/${name}`);
    if (!check) throw new Error(`no schema ${name}`);
    return check(value) ? [] : (check.errors ?? []);
  };
  const linkedinVariants = ['LinkedinClassicOptions', 'LinkedinRecruiterOptions', 'LinkedinSalesNavigatorOptions'];
  const matching = (linkedin: unknown) => linkedinVariants.filter((v) => validate(v, linkedin).length === 0);

  it('every request example is valid and its linkedin object matches exactly one variant', () => {
    const examples = operations.startChat.requestBody.content['multipart/form-data'].examples;
    for (const { value } of Object.values(examples) as { value: { linkedin?: unknown } }[]) {
      expect(validate('StartChatRequest', value)).toEqual([]);
      if (value.linkedin) expect(matching(value.linkedin)).toHaveLength(1);
    }
  });

  it('linkedin: absent api is Classic; recruiter fields are not Classic; variants never overlap', () => {
    expect(matching({ inmail: true })).toEqual(['LinkedinClassicOptions']);
    expect(matching({ api: 'classic', signature: 'x' })).toEqual([]);
    expect(matching({ api: 'recruiter', signature: 'x' })).toEqual(['LinkedinRecruiterOptions']);
    expect(matching({ api: 'sales_navigator' })).toEqual(['LinkedinSalesNavigatorOptions']);
    expect(matching({ api: 'sales_navigator', inmail: true })).toEqual([]);
  });

  it('requires account_id (non-empty) and attendees_ids; follow_up needs days or weeks with a timezone', () => {
    expect(validate('StartChatRequest', { attendees_ids: ['a'] })).not.toEqual([]);
    expect(validate('StartChatRequest', { account_id: '', attendees_ids: ['a'] })).not.toEqual([]);
    expect(validate('StartChatRequest', { account_id: 'acc' })).not.toEqual([]);
    const followUp = (scheduled_time: unknown) => ({ subject: 's', text: 't', scheduled_time });
    expect(validate('LinkedinRecruiterFollowUp', followUp({ days: 3, timezone: 'Europe/Paris' }))).toEqual([]);
    expect(validate('LinkedinRecruiterFollowUp', followUp({ weeks: 1, timezone: 'Europe/Paris' }))).toEqual([]);
    expect(validate('LinkedinRecruiterFollowUp', followUp({ days: 3 }))).not.toEqual([]);
    expect(validate('LinkedinRecruiterFollowUp', followUp({ days: 3, weeks: 1, timezone: 'UTC' }))).not.toEqual([]);
  });

  it('states the wire format in each multipart encoding', () => {
    const start = operations.startChat.requestBody.content['multipart/form-data'].encoding;
    expect(start.attendees_ids['x-array-format']).toBe('brackets');
    expect(start.linkedin).toMatchObject({ style: 'deepObject', explode: true });
    expect(start.attachments['x-array-format']).toBeUndefined();
    const send = operations.sendMessage.requestBody.content['multipart/form-data'].encoding;
    expect(Object.keys(send).sort()).toEqual(
      Object.keys(deref(operations.sendMessage.requestBody.content['multipart/form-data'].schema).properties).sort(),
    );
  });

  it('every error example validates against its response schema', () => {
    let checked = 0;
    for (const operation of Object.values(operations)) {
      for (const [code, ref] of Object.entries<any>(operation.responses)) {
        if (Number(code) < 400) continue;
        const media = deref(ref).content['application/json'];
        const name = media.schema.$ref.split('/').pop();
        for (const { value } of Object.values<any>(media.examples)) {
          expect(validate(name, value), `${code} example`).toEqual([]);
          expect(validate(name, { ...value, status: Number(code) + 1 })).not.toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBe(20);
  });
});
