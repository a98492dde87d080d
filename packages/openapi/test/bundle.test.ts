import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './reference-pages.js';

const dist = join(repoRoot, 'packages/openapi/dist');
const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

describe('the committed bundle', () => {
  const json = JSON.parse(read(dist, 'openapi.json'));

  it('parses, as JSON and YAML alike, as OpenAPI 3.1 with both operations', () => {
    expect(parse(read(dist, 'openapi.yaml'))).toEqual(json);
    expect(json.openapi).toBe('3.1.0');
    expect(json.servers).toEqual([expect.objectContaining({ url: 'https://api.postpress.ai' })]);
    expect(json.components.securitySchemes.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-KEY' });
    expect(json.paths['/api/v1/chats'].post.operationId).toBe('startChat');
    expect(json.paths['/api/v1/chats/{chat_id}/messages'].post.operationId).toBe('sendMessage');
  });

  it('is self-contained: every $ref points inside the document', () => {
    const refs = JSON.stringify(json).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(ref).toMatch(/^"\$ref":"#\//);
  });
});
