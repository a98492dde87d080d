// The curl samples as readers copy them: run with sh and curl against a loopback server that
// records the request, so the bracket-notation parts and headers are checked on the wire.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { model, operationsWithSample, samplesDir } from './helpers.js';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: FormData;
}

const API_KEY = 'pp_test_sample_key_123';
let server: Server;
let baseUrl: string;
let workDir: string;
const recorded: Recorded[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'postpress-curl-'));
  writeFileSync(join(workDir, 'cv.pdf'), '%PDF-1.4 sample cv\n');
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // undici's multipart parser, so the test does not share a parser with the code under test.
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method ?? 'POST',
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    recorded.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      form: await request.formData(),
    });
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"object":"ChatStarted"}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(workDir, { recursive: true, force: true });
});

function runSample(operationId: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('sh', [join(samplesDir, 'curl', `${operationId}.sh`)], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '', POSTPRESS_API_KEY: API_KEY, POSTPRESS_BASE_URL: baseUrl },
    timeout: 60_000, // generous for a loaded 2-core machine
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((done) => child.on('close', (code) => done({ code, stderr })));
}

const fileOf = (form: FormData, name: string) => form.getAll(name).filter((v): v is File => typeof v !== 'string');

const operationIds = operationsWithSample('Shell');

describe('curl samples', () => {
  it('exist for operations of the spec', () => expect(operationIds.length).toBeGreaterThan(0));

  it.each(operationIds)('%s: in the model from spec/code-samples, with a TypeScript twin', (operationId) => {
    const op = model.operations.find((o) => o.operationId === operationId);
    const samples = op?.codeSamples ?? [];
    expect(samples.find((s) => s.lang === 'Shell')?.source).toBe(
      readFileSync(join(samplesDir, 'curl', `${operationId}.sh`), 'utf8'),
    );
    expect(samples.find((s) => s.lang === 'TypeScript')?.source).toBe(
      readFileSync(join(samplesDir, 'typescript', `${operationId}.ts`), 'utf8'),
    );
  });

  it.each(operationIds)(
    '%s: never sets Content-Type by hand and reads the key and base URL from the environment',
    (operationId) => {
      const sh = readFileSync(join(samplesDir, 'curl', `${operationId}.sh`), 'utf8');
      expect(sh).not.toMatch(/(-H|--header)\s+["']?content-type/i);
      expect(sh).toContain('"X-API-KEY: $POSTPRESS_API_KEY"');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
      expect(sh).toContain('${POSTPRESS_BASE_URL:-https://api.postpress.ai}');
    },
  );

  it('startChat sends bracket-notation parts, the file and the key', async () => {
    const { code, stderr } = await runSample('startChat');
    expect(code, stderr).toBe(0);
    const req = recorded.find((r) => r.path === '/api/v1/chats');
    expect(req?.method).toBe('POST');
    expect(req?.headers['x-api-key']).toBe(API_KEY);
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = req?.form as FormData;
    expect(form.get('account_id')).toBe('acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR');
    expect(form.getAll('attendees_ids[]')).toEqual([
      'ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8',
      'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI',
    ]);
    expect(form.has('attendees_ids')).toBe(false);
    expect(form.get('linkedin[api]')).toBe('recruiter');
    expect(form.get('linkedin[follow_up][scheduled_time][days]')).toBe('3');
    expect(form.get('linkedin[follow_up][scheduled_time][timezone]')).toBe('Europe/Paris');
    const [cv] = fileOf(form, 'attachments');
    expect(cv?.name).toBe('cv.pdf');
    expect(await cv?.text()).toBe('%PDF-1.4 sample cv\n');
  });

  it('sendMessage posts to the chat with its text and file', async () => {
    const { code, stderr } = await runSample('sendMessage');
    expect(code, stderr).toBe(0);
    const req = recorded.find((r) => r.path === '/api/v1/chats/chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR/messages');
    expect(req?.headers['x-api-key']).toBe(API_KEY);
    expect(req?.form.get('text')).toBe('Got it - thanks!');
    expect(fileOf(req?.form as FormData, 'attachments').map((f) => f.name)).toEqual(['cv.pdf']);
  });
});
