import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ESM script without type declarations
import { generateClientOperations, errorKey as generatorKey, outputPath } from '../../../scripts/generate-client.mjs';
import { errorKey } from '../src/errors.js';
import { operations } from '../src/index.js';
import { documented } from './helpers/spec.js';

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

  it('holds exactly the documented (status, type) pairs, hashed the way the client hashes them', () => {
    for (const [operationId, op] of Object.entries(operations)) {
      const expected = documented
        .filter((d) => d.operationId === operationId)
        .map((d) => errorKey(d.status, d.type))
        .sort();
      expect(op.errors.trim().split(' ').sort(), operationId).toEqual(expected);
      expect(new Set(expected).size, `${operationId}: two documented pairs share a hash`).toBe(expected.length);
    }
    for (const [status, type] of [
      [422, 'errors/limit_exceeded'],
      [0, ''],
      [503, 'errors/ünïcode ✓'],
    ] as const) {
      expect(generatorKey(status, type)).toBe(errorKey(status, type));
    }
    expect(errorKey(422, 'errors/limit_exceeded')).not.toBe(errorKey(429, 'errors/limit_exceeded'));
  });
});
