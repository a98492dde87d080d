import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySpecRoot, runBundle } from './helpers.js';

/** Breaks one file of a private spec copy, bundles it over a previous good output, and reports. */
function bundleBroken(file: string, edit: (text: string) => string) {
  const root = copySpecRoot();
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, 'the edit must change the file').not.toBe(before);
  writeFileSync(path, after);
  const out = join(root, 'dist');
  mkdirSync(out);
  writeFileSync(join(out, 'openapi.json'), 'previous good json');
  writeFileSync(join(out, 'openapi.yaml'), 'previous good yaml');
  const run = runBundle(root, out);
  return {
    ...run,
    json: readFileSync(join(out, 'openapi.json'), 'utf8'),
    yaml: readFileSync(join(out, 'openapi.yaml'), 'utf8'),
  };
}

describe('a broken spec is rejected, naming the file and pointer, and the last good dist/ survives', () => {
  it('a $ref to a file that does not exist', () => {
    const run = bundleBroken('spec/operations/sendMessage.yaml', (t) =>
      t.replace('MessageSent.yaml', 'MessageSnet.yaml'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/operations/sendMessage.yaml');
    expect(run.output).toMatch(/#\/responses\/201\/content\/application~1json\/schema/);
    expect(run.output).toMatch(/Can't resolve \$ref|MessageSnet/);
    expect([run.json, run.yaml]).toEqual(['previous good json', 'previous good yaml']);
  });

  it('an invalid schema', () => {
    const run = bundleBroken('spec/components/schemas/ChatStarted.yaml', (t) =>
      t.replace('chat_id:\n    type: string', 'chat_id:\n    type: strnig'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/components/schemas/ChatStarted.yaml');
    expect(run.output).toContain('#/properties/chat_id/type');
    expect(run.json).toBe('previous good json');
  });

  it('an example that does not match its schema', () => {
    const run = bundleBroken('spec/operations/startChat.yaml', (t) => t.replace('days: 3', 'days: three'));
    expect(run.status).toBe(1);
    expect(run.output).toContain('spec/operations/startChat.yaml');
    expect(run.output).toMatch(/#\/requestBody\/content\/multipart~1form-data\/examples\/recruiterWithFollowUp/);
    expect(run.json).toBe('previous good json');
  });

  it('an error response whose status does not match its code (house rule)', () => {
    const run = bundleBroken('spec/components/schemas/errors/StartChatError422.yaml', (t) =>
      t.replace('const: 422', 'const: 400'),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('must fix `status` to 422');
    expect(run.output).toContain('#/responses/422');
    expect(run.json).toBe('previous good json');
  });

  it('a YAML syntax error', () => {
    const run = bundleBroken('spec/components/schemas/MessageSent.yaml', (t) =>
      t.replace('required: [', 'required: [[['),
    );
    expect(run.status).toBe(1);
    expect(run.output).toContain('MessageSent.yaml');
    expect(run.json).toBe('previous good json');
  });
});
