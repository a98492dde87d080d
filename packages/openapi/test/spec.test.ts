// Holds the bundled spec to the API reference pages: every (status, type) pair with its wording,
// every field, and examples that validate and pick exactly one linkedin variant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { pages, readPageErrors, readPageText, repoRoot } from './reference-pages.js';

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

describe.each(Object.keys(pages) as (keyof typeof pages)[])('%s against its reference page', (operationId) => {
  const operation = operations[operationId];
  const page = readPageErrors(operationId);

  it('lists exactly the statuses of the page, with the page summary as description', () => {
    const codes = Object.keys(operation.responses).filter((c) => Number(c) >= 400);
    expect(codes.map(Number)).toEqual(page.map((p) => p.status));
    for (const p of page) expect(deref(operation.responses[p.status]).description).toBe(p.summary);
  });

  it('has, per status, exactly the documented types with their documented wording', () => {
    let pairs = 0;
    for (const p of page) {
      const { status, type, envelope } = errorTypes(deref(operation.responses[p.status]));
      expect(status).toBe(p.status);
      expect(envelope).toBe('#/components/schemas/ErrorEnvelope');
      expect(type.enum).toEqual(p.types.map((t) => t.type));
      expect(type['x-enumDescriptions']).toEqual(Object.fromEntries(p.types.map((t) => [t.type, t.description])));
      for (const t of p.types) expect(type.description).toContain(`| \`${t.type}\` | ${t.description} |`);
      pairs += type.enum.length;
    }
    expect(pairs).toBe(operationId === 'startChat' ? 79 : 70);
  });

  it('marks exactly the responses the API did not process (429, 503) as retryable', () => {
    const retryable = Object.entries<any>(operation.responses)
      .filter(([, r]) => deref(r)['x-retryable'] === true)
      .map(([code]) => Number(code));
    expect(retryable).toEqual([429, 503]);
  });

  it('has every field the page lists, and no other', () => {
    const body = deref(operation.requestBody.content['multipart/form-data'].schema);
    const fields = Object.keys(body.properties);
    const text = readPageText(operationId);
    const section = text.slice(text.indexOf('Request body'), text.indexOf('Response 201'));
    for (const field of fields) expect(section).toContain(field);
    const expected =
      operationId === 'startChat'
        ? [
            'account_id',
            'attendees_ids',
            'text',
            'subject',
            'attachments',
            'voice_message',
            'video_message',
            'linkedin',
          ]
        : [
            'text',
            'account_id',
            'thread_id',
            'quote_id',
            'voice_message',
            'video_message',
            'attachments',
            'typing_duration',
          ];
    expect(fields).toEqual(expected);
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
