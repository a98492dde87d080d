import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBreaking, pendingBump } from '../../../scripts/check-breaking.mjs';
import { diffSpecs, requiredBump } from '../../../scripts/spec-diff.mjs';
import { repoRoot, run } from './helpers.js';

type Json = Record<string, any>;
type Change = { bump: 'major' | 'minor' | 'patch'; where: string; path: string; message: string };

/** A small spec: one operation with a multipart request (`Req`), a 201 (`Res`) and a 422 error envelope. */
function fixture(): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'fixture', version: '1' },
    paths: {
      '/chats': {
        post: {
          operationId: 'startChat',
          parameters: [{ in: 'query', name: 'dry_run', required: false, schema: { type: 'boolean' } }],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { $ref: '#/components/schemas/Req' },
                encoding: { ids: { 'x-array-format': 'brackets' } },
              },
            },
          },
          responses: {
            '201': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } },
            },
            '422': {
              description: 'no',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/E422' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Req: {
          type: 'object',
          additionalProperties: false,
          required: ['account_id'],
          properties: {
            account_id: { type: 'string', minLength: 1 },
            text: { type: 'string' },
            api: { type: 'string', enum: ['classic', 'recruiter'] },
            ids: { type: 'array', items: { type: 'string' } },
          },
        },
        Res: {
          type: 'object',
          required: ['chat_id', 'state'],
          properties: {
            chat_id: { type: 'string', description: 'the chat' },
            state: { type: 'string', enum: ['sent', 'queued'] },
            note: { type: 'string' },
          },
        },
        E422: {
          type: 'object',
          required: ['status', 'type'],
          properties: { status: { const: 422 }, type: { type: 'string', enum: ['errors/limit_exceeded'] } },
        },
      },
    },
  };
}

const S = (spec: Json) => spec.components.schemas;

/** The changes `edit` makes to the fixture. */
function changesOf(edit: (spec: Json) => void): Change[] {
  const after = fixture();
  edit(after);
  return diffSpecs(fixture(), after);
}

/** Each rule: an edit, the bump it needs, and a fragment of the message that explains it. */
const rules: Array<[string, (spec: Json) => void, 'major' | 'minor' | 'patch', RegExp]> = [
  // requests: the caller writes, so narrowing breaks
  [
    'request: new required field',
    (s) => {
      S(s).Req.properties.subject = { type: 'string' };
      S(s).Req.required.push('subject');
    },
    'major',
    /required field added/,
  ],
  [
    'request: new optional field',
    (s) => {
      S(s).Req.properties.subject = { type: 'string' };
    },
    'minor',
    /optional field added/,
  ],
  [
    'request: field removed',
    (s) => {
      delete S(s).Req.properties.text;
    },
    'major',
    /field removed/,
  ],
  [
    'request: optional field made required',
    (s) => {
      S(s).Req.required.push('text');
    },
    'major',
    /became required/,
  ],
  [
    'request: required field made optional',
    (s) => {
      S(s).Req.required = [];
    },
    'minor',
    /became optional/,
  ],
  [
    'request: enum narrowed',
    (s) => {
      S(s).Req.properties.api.enum = ['classic'];
    },
    'major',
    /enum value\(s\) removed: "recruiter"/,
  ],
  [
    'request: enum widened',
    (s) => {
      S(s).Req.properties.api.enum.push('sales_navigator');
    },
    'minor',
    /enum value\(s\) added: "sales_navigator"/,
  ],
  [
    'request: type narrowed',
    (s) => {
      S(s).Req.properties.text.type = 'integer';
    },
    'major',
    /type changed from string to integer/,
  ],
  [
    'request: type widened',
    (s) => {
      S(s).Req.properties.text.type = ['string', 'null'];
    },
    'minor',
    /type changed/,
  ],
  [
    'request: constraint tightened',
    (s) => {
      S(s).Req.properties.account_id.minLength = 5;
    },
    'major',
    /minLength\/maxLength tightened/,
  ],
  [
    'request: constraint loosened',
    (s) => {
      delete S(s).Req.properties.account_id.minLength;
    },
    'minor',
    /loosened/,
  ],
  [
    'request: array item type narrowed',
    (s) => {
      S(s).Req.properties.ids.items.type = 'integer';
    },
    'major',
    /ids\[\]/,
  ],
  [
    'request: new required parameter',
    (s) => {
      s.paths['/chats'].post.parameters.push({
        in: 'header',
        name: 'X-Org',
        required: true,
        schema: { type: 'string' },
      });
    },
    'major',
    /parameter added/,
  ],
  [
    'request: new optional parameter',
    (s) => {
      s.paths['/chats'].post.parameters.push({ in: 'query', name: 'trace', schema: { type: 'string' } });
    },
    'minor',
    /parameter added/,
  ],
  [
    'request: parameter removed',
    (s) => {
      s.paths['/chats'].post.parameters = [];
    },
    'major',
    /parameter removed/,
  ],
  [
    'request: multipart wire format changed',
    (s) => {
      s.paths['/chats'].post.requestBody.content['multipart/form-data'].encoding.ids = {};
    },
    'major',
    /encoding/,
  ],
  // responses: the caller reads, so widening breaks
  [
    'response: field removed',
    (s) => {
      delete S(s).Res.properties.note;
    },
    'major',
    /field removed/,
  ],
  [
    'response: required-ness removed',
    (s) => {
      S(s).Res.required = ['chat_id'];
    },
    'major',
    /became optional/,
  ],
  [
    'response: new enum value',
    (s) => {
      S(s).Res.properties.state.enum.push('failed');
    },
    'major',
    /enum value\(s\) added: "failed"/,
  ],
  [
    'response: enum value removed',
    (s) => {
      S(s).Res.properties.state.enum = ['sent'];
    },
    'minor',
    /enum value\(s\) removed/,
  ],
  [
    'response: type changed',
    (s) => {
      S(s).Res.properties.chat_id.type = 'integer';
    },
    'major',
    /type changed/,
  ],
  [
    'response: new optional field',
    (s) => {
      S(s).Res.properties.created_at = { type: 'string' };
    },
    'minor',
    /optional field added/,
  ],
  [
    'response: new required field',
    (s) => {
      S(s).Res.properties.created_at = { type: 'string' };
      S(s).Res.required.push('created_at');
    },
    'minor',
    /required field added/,
  ],
  [
    'response: field made required',
    (s) => {
      S(s).Res.required.push('note');
    },
    'minor',
    /became required/,
  ],
  // error envelopes: error types are an open set (the client's `undocumented` kind)
  [
    'error: new error type for a status',
    (s) => {
      S(s).E422.properties.type.enum.push('errors/too_many');
    },
    'minor',
    /enum value\(s\) added: "errors\/too_many"/,
  ],
  [
    'error: new error status',
    (s) => {
      s.paths['/chats'].post.responses['409'] = { description: 'conflict' };
    },
    'minor',
    /response added/,
  ],
  [
    'response: new success status',
    (s) => {
      s.paths['/chats'].post.responses['200'] = { description: 'ok' };
    },
    'major',
    /response added/,
  ],
  // operations
  [
    'operation removed',
    (s) => {
      delete s.paths['/chats'];
    },
    'major',
    /operation startChat removed/,
  ],
  [
    'operation added',
    (s) => {
      s.paths['/chats/{id}'] = { get: { operationId: 'getChat', responses: {} } };
    },
    'minor',
    /operation getChat added/,
  ],
  [
    'operationId renamed (generated method names)',
    (s) => {
      s.paths['/chats'].post.operationId = 'createChat';
    },
    'major',
    /operationId changed/,
  ],
  // documentation only
  [
    'description changed',
    (s) => {
      S(s).Res.properties.chat_id.description = 'the new chat';
    },
    'patch',
    /description changed/,
  ],
  [
    'code samples changed',
    (s) => {
      s.paths['/chats'].post['x-codeSamples'] = [{ lang: 'curl', source: 'curl …' }];
    },
    'patch',
    /x-codeSamples changed/,
  ],
  [
    'info changed',
    (s) => {
      s.info.version = '2';
    },
    'patch',
    /info changed/,
  ],
];

describe('spec-diff: each change classified in the direction it travels', () => {
  it('finds nothing between equal documents', () => {
    expect(changesOf(() => {})).toEqual([]);
    expect(requiredBump([])).toBe('none');
  });

  for (const [name, edit, bump, message] of rules) {
    it(`${name} → ${bump}`, () => {
      const changes = changesOf(edit);
      expect(changes.length, 'the edit is detected').toBeGreaterThan(0);
      expect(requiredBump(changes), JSON.stringify(changes, null, 2)).toBe(bump);
      expect(changes.map((c) => `${c.path}: ${c.message}`).join('\n')).toMatch(message);
    });
  }

  it('names where a change is: operation, direction, media type and field path', () => {
    const [change] = changesOf((s) => {
      S(s).Req.properties.text.type = 'integer';
    });
    expect(change).toEqual({
      bump: 'major',
      where: 'POST /chats request (multipart/form-data)',
      path: 'text',
      message: 'type changed from string to integer',
    });
  });

  it('survives a recursive schema', () => {
    const recursive = (s: Json) => {
      S(s).Res.properties.parent = { $ref: '#/components/schemas/Res' };
    };
    const before = fixture();
    recursive(before);
    const after = fixture();
    recursive(after);
    S(after).Res.properties.state.enum.push('failed');
    expect(requiredBump(diffSpecs(before, after))).toBe('major');
  });

  it('rejects a $ref that points nowhere with a clear error', () => {
    const after = fixture();
    after.paths['/chats'].post.responses['201'].content['application/json'].schema = {
      $ref: '#/components/schemas/Nope',
    };
    expect(() => diffSpecs(fixture(), after)).toThrow('$ref #/components/schemas/Nope points nowhere');
  });
});

describe('check-breaking: the gate', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const changesets = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'postpress-changesets-'));
    writeFileSync(join(dir, 'README.md'), '# not a changeset\n');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const changeset = (bump: string) =>
    `---\n"@postpress/openapi": ${bump}\n"@postpress/client": patch\n---\n\nWhat changed.\n`;
  const breaking = () => {
    const after = fixture();
    delete S(after).Res.properties.note;
    return after;
  };

  it('reads the largest pending bump of @postpress/openapi from the changesets', () => {
    expect(pendingBump(changesets({}))).toBe('none');
    rmSync(dir as string, { recursive: true });
    expect(
      pendingBump(changesets({ 'a.md': changeset('minor'), 'b.md': changeset('major'), 'c.md': changeset('patch') })),
    ).toBe('major');
  });

  it('fails on a breaking change without a major changeset, naming the change and the fix', () => {
    const result = checkBreaking({
      released: fixture(),
      current: breaking(),
      changesetDir: changesets({ 'a.md': changeset('minor') }),
    });
    expect(result.ok).toBe(false);
    expect(result.needed).toBe('major');
    expect(result.message).toContain('POST /chats response 201 (application/json) › note: field removed');
    expect(result.message).toContain('"@postpress/openapi": major');
  });

  it('passes the same breaking change once a major changeset is pending', () => {
    const result = checkBreaking({
      released: fixture(),
      current: breaking(),
      changesetDir: changesets({ 'a.md': changeset('major') }),
    });
    expect(result.ok).toBe(true);
  });

  it('asks for a changeset for an additive change, and is satisfied by a minor one', () => {
    const after = fixture();
    S(after).Res.properties.created_at = { type: 'string' };
    expect(checkBreaking({ released: fixture(), current: after, changesetDir: changesets({}) }).ok).toBe(false);
    rmSync(dir as string, { recursive: true });
    expect(
      checkBreaking({ released: fixture(), current: after, changesetDir: changesets({ 'a.md': changeset('minor') }) })
        .ok,
    ).toBe(true);
  });

  it('rejects a changeset whose bump for the package is not major, minor or patch', () => {
    expect(() => pendingBump(changesets({ 'a.md': changeset('huge') }))).toThrow(
      '"@postpress/openapi" has bump "huge"',
    );
  });

  it('--update-baseline makes the bundle the released spec; a missing file is a clear error, not a crash', () => {
    const root = changesets({});
    mkdirSync(join(root, 'packages/openapi/dist'), { recursive: true });
    mkdirSync(join(root, 'packages/openapi/released'), { recursive: true });
    mkdirSync(join(root, '.changeset'));
    const script = join(repoRoot, 'scripts/check-breaking.mjs');
    const missing = run(process.execPath, [script, '--root', root], { cwd: root });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/packages\/openapi\/released\/openapi\.json is missing/);
    writeFileSync(join(root, 'packages/openapi/dist/openapi.json'), JSON.stringify(fixture()));
    expect(run(process.execPath, [script, '--root', root, '--update-baseline'], { cwd: root }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'packages/openapi/released/openapi.json'), 'utf8'))).toEqual(fixture());
    const same = run(process.execPath, [script, '--root', root], { cwd: root });
    expect(same.status, same.output).toBe(0);
    expect(same.stdout).toContain('the bundled spec is the released one');
  });

  it('passes on the real files: the bundle against packages/openapi/released/openapi.json and .changeset/', () => {
    const result = run(process.execPath, ['scripts/check-breaking.mjs'], { cwd: repoRoot });
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/✔/);
  });

  it('the real gate fails, with exit code 1, when the bundle breaks the released spec and no major changeset exists', () => {
    const released = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/dist/openapi.json'), 'utf8'));
    const root = changesets({ 'a.md': changeset('minor') });
    // A scratch repo layout: the same released spec, a bundle with ChatStarted.message_id removed.
    const current = structuredClone(released);
    delete current.components.schemas.ChatStarted.properties.message_id;
    for (const [file, doc] of [
      ['released', released],
      ['dist', current],
    ] as const) {
      const folder = join(root, 'packages/openapi', file);
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'openapi.json'), JSON.stringify(doc));
    }
    mkdirSync(join(root, '.changeset'));
    writeFileSync(join(root, '.changeset', 'a.md'), changeset('minor'));
    const result = run(process.execPath, [join(repoRoot, 'scripts/check-breaking.mjs'), '--root', root], {
      cwd: repoRoot,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/message_id: field removed/);
  });
});
