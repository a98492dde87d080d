import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ESM script without type declarations
import { generateClientOperations, outputPath } from '../../../scripts/generate-client.mjs';

describe('the generated operation table', () => {
  it('is what the bundled spec generates now (no drift)', () => {
    expect(generateClientOperations(), 'stale: run `pnpm generate` and commit it').toBe(
      readFileSync(outputPath, 'utf8'),
    );
  });

  it('turns a new operation in the spec into a new method', () => {
    const doc = JSON.parse(readFileSync(new URL('../../openapi/dist/openapi.json', import.meta.url), 'utf8'));
    const copy = structuredClone(doc.paths['/api/v1/chats/{chat_id}/messages'].post);
    copy.operationId = 'sendReaction';
    copy.summary = 'React to a message';
    doc.paths['/api/v1/chats/{chat_id}/reactions'] = { post: copy };
    const text = generateClientOperations(doc);
    expect(text).toContain('sendReaction: {\n    path: "/api/v1/chats/{chat_id}/reactions"');
    expect(text).toMatch(/sendReaction\(chatId: string, body: RequestBody<'sendReaction'>, options\?: CallOptions\)/);
  });

  it('refuses an encoding the client cannot send', () => {
    const doc = JSON.parse(readFileSync(new URL('../../openapi/dist/openapi.json', import.meta.url), 'utf8'));
    doc.paths['/api/v1/chats'].post.requestBody.content['multipart/form-data'].encoding.attendees_ids = {
      style: 'pipeDelimited',
    };
    expect(() => generateClientOperations(doc)).toThrow(/startChat: encoding of `attendees_ids`/);
  });
});
