// The "done when": the packed bin, started over stdio by the SDK's own client, against
// @postpress/mock behind a capture proxy.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type MockServer, startMockServer } from '@postpress/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the generator is a plain ESM script without type declarations
import { buildTools, toolName } from '../../../scripts/generate-mcp-tools.mjs';
import {
  type CaptureProxy,
  KEY,
  packAndUnpack,
  partLines,
  publishedModel,
  repoRoot,
  startCaptureProxy,
} from './helpers.js';

type Result = {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, any>;
};

const model = publishedModel();
const referenceFacts = JSON.parse(readFileSync(join(repoRoot, 'packages/openapi/test/reference-facts.json'), 'utf8'));
const bodyOf = (operationId: string) =>
  model.operations.find((op) => op.operationId === operationId)?.requestBody?.schema as Record<string, any> | undefined;
const CV = Buffer.from('%PDF-1.4\n% a CV for the MCP test\n');

let packed: ReturnType<typeof packAndUnpack>;
let mock: MockServer;
let proxy: CaptureProxy;
let client: Client;
let stderr = '';
let work: string;
let allowed: string;
let outside: string;
const results: Result[] = [];
const protocolErrors: Error[] = [];

async function call(name: string, args: Record<string, unknown>): Promise<Result> {
  const result = (await client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 })) as Result;
  results.push(result);
  return result;
}

const startChatArgs = () => ({
  account_id: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  attendees_ids: ['ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8', 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI'],
  subject: 'Senior Backend Engineer at Acme',
  text: 'Hi! Your profile stood out for our backend role.',
  linkedin: {
    api: 'recruiter',
    hiring_project_id: '1234567890',
    follow_up: {
      subject: 'Following up',
      text: 'Just checking whether you saw my message.',
      scheduled_time: { days: 3, timezone: 'Europe/Paris' },
    },
  },
  attachments: [join(allowed, 'cv.pdf')],
});

// The parts the API reference documents for these arguments, under their wire names.
const documentedParts = [
  'account_id=acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  'attendees_ids[]=ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8',
  'attendees_ids[]=ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI',
  'subject=Senior Backend Engineer at Acme',
  'text=Hi! Your profile stood out for our backend role.',
  'linkedin[api]=recruiter',
  'linkedin[hiring_project_id]=1234567890',
  'linkedin[follow_up][subject]=Following up',
  'linkedin[follow_up][text]=Just checking whether you saw my message.',
  'linkedin[follow_up][scheduled_time][days]=3',
  'linkedin[follow_up][scheduled_time][timezone]=Europe/Paris',
  `attachments=<cv.pdf;application/pdf;${CV.length}>`,
];

beforeAll(async () => {
  packed = packAndUnpack();
  work = mkdtempSync(join(tmpdir(), 'postpress-mcp-files-'));
  allowed = join(work, 'allowed');
  outside = join(work, 'outside');
  mkdirSync(allowed);
  mkdirSync(outside);
  writeFileSync(join(allowed, 'cv.pdf'), CV);
  writeFileSync(join(outside, 'secret.txt'), 'not for the agent');
  symlinkSync(join(outside, 'secret.txt'), join(allowed, 'link-to-secret.txt'));
  mock = await startMockServer();
  proxy = await startCaptureProxy(mock.url);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [packed.bin],
    env: { POSTPRESS_API_KEY: KEY, POSTPRESS_BASE_URL: proxy.url, POSTPRESS_MCP_FILE_ROOTS: allowed },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  client = new Client({ name: 'postpress-mcp-test', version: '0.0.0' });
  // Any stdout line that is not a JSON-RPC message (a stray log) reaches the client as a transport error.
  transport.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport, { timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await client?.close();
  await proxy?.close();
  await mock?.close();
  packed?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('postpress-mcp, packed, over stdio with the SDK client', () => {
  it('ships the bin, its code and the README in the tarball, and announces itself on stderr only', () => {
    expect(packed.files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/index.js']),
    );
    expect(packed.files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
    expect(client.getServerVersion()).toMatchObject({ name: 'postpress' });
    expect(stderr).toMatch(new RegExp(`ready on stdio: ${model.operations.length} tools`));
  });

  it('refuses to start with an unknown name in POSTPRESS_MCP_TOOLS, saying which and what exists', () => {
    const run = spawnSync(process.execPath, [packed.bin], {
      env: { POSTPRESS_MCP_TOOLS: 'send_fax' },
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cannot start: unknown tool in POSTPRESS_MCP_TOOLS .*"send_fax"/);
    for (const op of model.operations) expect(run.stderr).toContain(toolName(op.operationId));
  });

  it('lists one tool per operation with the schemas the model generates', async () => {
    const { tools } = await client.listTools(undefined, { timeout: 60_000 });
    const generated = buildTools(model);
    expect(tools.map((t) => t.name)).toEqual(model.operations.map((op) => toolName(op.operationId)));
    for (const [i, tool] of tools.entries()) {
      const op = model.operations[i]!;
      expect(tool.inputSchema).toEqual(generated[i].inputSchema);
      expect(tool.outputSchema).toEqual(generated[i].outputSchema);
      expect(tool.description).toBe(generated[i].description);
      // Sending reaches people and cannot be undone: hosts that ask before destructive tools ask here.
      expect(tool.annotations, tool.name).toEqual({
        readOnlyHint: op.method === 'GET',
        destructiveHint: op.method !== 'GET',
        idempotentHint: ['GET', 'PUT', 'DELETE'].includes(op.method),
        openWorldHint: true,
      });
      // Independently of the generator: the parameters and request fields the API reference documents,
      // each with the spec's description.
      const facts = referenceFacts.operations[op.operationId];
      const params: { name: string; required: boolean }[] = facts.parameters ?? [];
      const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual([
        ...pathParams,
        ...params.map((p) => p.name),
        ...(facts.request?.fields ?? []),
        ...(op.method === 'GET' ? [] : ['dry_run']),
      ]);
      expect(tool.inputSchema.required ?? []).toEqual([
        ...pathParams,
        ...params.filter((p) => p.required).map((p) => p.name),
        ...(facts.request?.required ?? []),
      ]);
      for (const [name, field] of Object.entries<any>(bodyOf(op.operationId)?.properties ?? {})) {
        const description = String(field.description)
          .trim()
          .replace(/\s*\n\s*/g, ' ');
        expect((tool.inputSchema.properties as any)[name].description, name).toContain(description);
      }
      if (op.method !== 'GET')
        expect((tool.inputSchema.properties as any).dry_run).toMatchObject({ type: 'boolean', default: false });
    }
    const startChat = (tools as any[]).find((t) => t.name === 'start_chat');
    expect(startChat.inputSchema.properties.attendees_ids).toMatchObject({ type: 'array', minItems: 1 });
    expect(startChat.inputSchema.properties.account_id).toMatchObject({ type: 'string', minLength: 1 });
    // The linkedin variants and their enums.
    const variants = startChat.inputSchema.properties.linkedin.oneOf;
    const linkedinFacts = Object.values<any>(referenceFacts.operations.startChat.linkedin);
    expect(variants.map((v: any) => v.properties.api.enum)).toEqual(linkedinFacts.map((v) => [v.api]));
    for (const [i, facts] of linkedinFacts.entries()) {
      expect(Object.keys(variants[i].properties)).toEqual(facts.fields);
      for (const [field, values] of Object.entries(facts.enums))
        expect(variants[i].properties[field].enum).toEqual(values);
    }
    expect(variants[1].properties.follow_up.properties.scheduled_time.oneOf).toHaveLength(2);
    // File fields are local paths: a string, or a list of strings for attachments.
    expect(startChat.inputSchema.properties.attachments).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(startChat.inputSchema.properties.voice_message).toMatchObject({ type: 'string' });
    expect(startChat.inputSchema.properties.voice_message.description).toMatch(/POSTPRESS_MCP_FILE_ROOTS/);
    expect(variants[1].properties.follow_up.properties.attachments.items.type).toBe('string');
  });

  it('start_chat with two attendees, a Recruiter follow-up and a file from an allowed root: the mock gets the documented parts', async () => {
    const before = proxy.requests.length;
    const result = await call('start_chat', startChatArgs());
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(result.structuredContent).toEqual({
      object: 'ChatStarted',
      chat_id: expect.stringMatching(/^chat_/),
      message_id: expect.stringMatching(/^msg_/),
    });
    // One line for people, then the answer as JSON for hosts that do not read structured content.
    expect(result.content).toHaveLength(2);
    expect(result.content[0]?.text).not.toContain('\n');
    expect(result.content[0]?.text).toContain(result.structuredContent?.chat_id);
    expect(JSON.parse(result.content[1]?.text ?? '')).toEqual(result.structuredContent);
    const sent = proxy.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/api/v1/chats', answer: { status: 201 } });
    expect(sent[0]?.headers['x-api-key']).toBe(KEY);
    expect(partLines(sent[0]?.parts ?? [])).toEqual(documentedParts);
  });

  it('send_message in the returned chat', async () => {
    const started = await call('start_chat', { account_id: 'acc_1', attendees_ids: ['ACo1'], text: 'Hello' });
    const chatId = started.structuredContent?.chat_id;
    const before = proxy.requests.length;
    const result = await call('send_message', { chat_id: chatId, text: 'Got it - thanks!' });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ object: 'MessageSent', message_id: expect.any(String) });
    const sent = proxy.requests.slice(before);
    expect(sent.map((r) => [r.path, r.answer.status])).toEqual([[`/api/v1/chats/${chatId}/messages`, 201]]);
    expect(partLines(sent[0]?.parts ?? [])).toEqual(['text=Got it - thanks!']);
  });

  it('a forced 422 comes back as a tool error naming errors/limit_exceeded, its meaning and the retry advice', async () => {
    proxy.forceError = 'errors/limit_exceeded';
    try {
      const result = await call('send_message', { chat_id: 'chat_1', text: 'One more' });
      expect(result.isError).toBe(true);
      expect(proxy.requests.at(-1)?.answer.status).toBe(422);
      const text = result.content[0]?.text ?? '';
      const meaning = model.operations
        .find((op) => op.operationId === 'sendMessage')
        ?.responses.find((r) => r.status === 422)
        ?.errors.find((e) => e.type === 'errors/limit_exceeded')?.meaning;
      expect(meaning).toBeTruthy();
      expect(text).toContain('HTTP 422 errors/limit_exceeded');
      expect(text).toContain(`Meaning: ${meaning}`);
      expect(text).toMatch(/Retrying the same request will not help/);
    } finally {
      proxy.forceError = undefined;
    }
  });

  it('a forced 503 is retried by the client, then reported as worth retrying later', async () => {
    proxy.forceError = 'errors/no_client_session';
    const before = proxy.requests.length;
    try {
      const result = await call('send_message', { chat_id: 'chat_1', text: 'One more' });
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(/HTTP 503 errors\/no_client_session .*Retrying later can help/);
      expect(proxy.requests.length - before).toBe(3); // the client's default: 2 retries
    } finally {
      proxy.forceError = undefined;
    }
  });

  it('refuses files outside the allowed roots (plain, `..`, symlink, URL) and sends nothing', async () => {
    const before = proxy.requests.length;
    for (const path of [
      join(outside, 'secret.txt'),
      join(allowed, '..', 'outside', 'secret.txt'),
      '../outside/secret.txt',
      join(allowed, 'link-to-secret.txt'),
      join(outside, 'does-not-exist.txt'),
    ]) {
      const result = await call('start_chat', { account_id: 'acc_1', attendees_ids: ['ACo1'], attachments: [path] });
      expect(result.isError, path).toBe(true);
      expect(result.content[0]?.text, path).toMatch(/is outside the directories this server may read/);
      expect(result.content[0]?.text).toContain('POSTPRESS_MCP_FILE_ROOTS');
      expect(result.content[0]?.text).toContain('Nothing was sent.');
    }
    const url = await call('send_message', { chat_id: 'chat_1', voice_message: 'https://example.com/a.ogg' });
    expect(url.content[0]?.text).toMatch(/URLs are not fetched/);
    const relative = await call('start_chat', {
      account_id: 'acc_1',
      attendees_ids: ['ACo1'],
      attachments: ['cv.pdf'],
    });
    expect(relative.isError, 'a path relative to the root is allowed').toBeFalsy();
    expect(proxy.requests.length - before).toBe(1);
  });

  it('dry_run returns exactly the parts the real call sent, and sends nothing', async () => {
    const before = proxy.requests.length;
    const result = await call('start_chat', { ...startChatArgs(), dry_run: true });
    expect(result.isError, result.content[0]?.text).toBeFalsy();
    expect(proxy.requests.length).toBe(before);
    expect(result.structuredContent).toMatchObject({
      dry_run: true,
      method: 'POST',
      url: `${proxy.url}/api/v1/chats`,
    });
    expect(partLines(result.structuredContent?.parts)).toEqual(documentedParts);
    expect(result.content[0]?.text).toMatch(/^Dry run of start_chat: nothing was sent\./);
    expect(result.content[0]?.text).toContain('attendees_ids[] = ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI');
    // Invalid arguments are refused by the generated schema before anything else.
    const invalid = await call('start_chat', { account_id: 'acc_1', attendees_ids: [], dry_run: true });
    expect(invalid.isError).toBe(true);
    expect(invalid.content[0]?.text).toMatch(/attendees_ids must NOT have fewer than 1 items/);
    expect(proxy.requests.length).toBe(before);
  });

  it('6 MiB of text in a dry run: a small tool error (well under the 10 MiB message limit of the SDK), and the server goes on', async () => {
    const result = await call('send_message', { chat_id: 'chat_1', text: 'x'.repeat(6 * 1024 * 1024), dry_run: true });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/the arguments are over 1,048,576 characters of JSON.*Nothing was sent\.$/);
    expect(JSON.stringify(result).length).toBeLessThan(1_000);
    const again = await call('send_message', { chat_id: 'chat_1', text: 'still here?', dry_run: true });
    expect(again.isError, again.content[0]?.text).toBeFalsy();
    expect(protocolErrors).toEqual([]);
  });

  it('prints POSTPRESS_BASE_URL at start-up without user:password@, query or fragment, and refuses a bad file limit', () => {
    const start = (env: Record<string, string>) =>
      spawnSync(process.execPath, [packed.bin], { env, input: '', encoding: 'utf8', timeout: 30_000 });
    const run = start({ POSTPRESS_BASE_URL: 'http://jane:s3cr3tPass@127.0.0.1:9/base?token=t0k3nValue#frag' });
    expect(run.stderr).toMatch(/ready on stdio: .*API http:\/\/127\.0\.0\.1:9\/base,/);
    expect(run.stderr).not.toMatch(/jane|s3cr3tPass|t0k3nValue|frag/);
    const bad = start({ POSTPRESS_MCP_MAX_FILE_BYTES: '50MB' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/cannot start: POSTPRESS_MCP_MAX_FILE_BYTES .*must be a whole number of bytes/);
  });

  it('never shows the API key: not in any result, not on stderr', () => {
    expect(results.length).toBeGreaterThan(10);
    const everything = inspect(results, { depth: Infinity }) + JSON.stringify(results) + stderr;
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(KEY.slice(8));
    expect(stderr).toMatch(/key set/);
    expect(protocolErrors).toEqual([]);
  });
});
