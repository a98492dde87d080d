import { describe, expect, it } from 'vitest';
import { bundleBroken, UNTOUCHED } from './helpers.js';

describe('a broken spec is rejected, naming the file and pointer, and the last good dist/ survives', () => {
  it('a $ref to a file that does not exist', () => {
    const run = bundleBroken('spec/operations/sendMessage.yaml', (t) =>
      t.replace('MessageSent.yaml', 'MessageSnet.yaml'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/operations/sendMessage.yaml');
    expect(run.output).toMatch(/#\/responses\/201\/content\/application~1json\/schema/);
    expect(run.output).toMatch(/Can't resolve \$ref|MessageSnet/);
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('an invalid schema', () => {
    const run = bundleBroken('spec/components/schemas/ChatStarted.yaml', (t) =>
      t.replace('chat_id:\n    type: string', 'chat_id:\n    type: strnig'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/components/schemas/ChatStarted.yaml');
    expect(run.output).toContain('#/properties/chat_id/type');
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('an example that does not match its schema', () => {
    const run = bundleBroken('spec/operations/startChat.yaml', (t) => t.replace('days: 3', 'days: three'));
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/operations/startChat.yaml');
    expect(run.output).toMatch(/#\/requestBody\/content\/multipart~1form-data\/examples\/recruiterWithFollowUp/);
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('an error response whose status does not match its code (house rule)', () => {
    const run = bundleBroken('spec/components/schemas/errors/StartChatError422.yaml', (t) =>
      t.replace('const: 422', 'const: 400'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('must fix `status` to 422');
    expect(run.output).toContain('#/responses/422');
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('a YAML syntax error', () => {
    const run = bundleBroken('spec/components/schemas/MessageSent.yaml', (t) =>
      t.replace('required: [', 'required: [[['),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('MessageSent.yaml');
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('a schema that refers to itself (the model holds no cycles)', () => {
    const run = bundleBroken('spec/components/schemas/MessageSent.yaml', (t) =>
      t.replace('properties:\n', 'properties:\n  previous:\n    $ref: ./MessageSent.yaml\n'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/components/schemas/MessageSent.yaml');
    expect(run.output).toMatch(
      /bundled at #\/components\/schemas\/MessageSent\/properties\/previous\): recursive \$ref/,
    );
    expect(run.files).toEqual(UNTOUCHED);
  });

  it('a response range the model cannot hold (4XX)', () => {
    const run = bundleBroken('spec/operations/sendMessage.yaml', (t) => t.replace('  "401":\n', '  "4XX":\n'));
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/operations/sendMessage.yaml');
    expect(run.output).toMatch(/responses\/4XX.*give each status its own response/);
    expect(run.files).toEqual(UNTOUCHED);
  });
});
