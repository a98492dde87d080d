// Every sample in every language, run against @postpress/mock: the committed samples of the
// published spec, and samples of texts that trip up curl and friends (`@file`, `<file`, `;type=`,
// quotes, a line break). Each must exit 0; the mock must have received exactly the request the
// sample stands for (method, path, each part by wire name, each file with its name, type and size)
// and answered the documented success; the sample must print that answer.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type MockServer, startMockServer } from '@postpress/mock';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, describe, expect, test } from 'vitest';
import { generateSamples, LANGUAGES, samplePath } from '../src/index.mjs';
import { FILE_BYTES, prepare, printed, type Ran, removeWorkDirs, type SampleLike, workDir } from './helpers/runner.js';

const model: OperationsModel = createRequire(import.meta.url)('@postpress/openapi/operations.json');
const root = resolve(import.meta.dirname, '..');

type Sample = ReturnType<typeof generateSamples>['samples'][number];
interface Part {
  name: string;
  value?: string;
  file?: string;
  contentType?: string;
}

// Node's FormData sends a line break as CRLF (the HTML rule for multipart), curl and the others as
// LF: the same text to the API.
const lf = (value: unknown) => (typeof value === 'string' ? value.replaceAll('\r\n', '\n') : value);

/** The parts the mock must have received, as its request log lists them. */
function expectedParts(sample: Sample) {
  const body = sample.request.body;
  if (body?.kind !== 'multipart') return [];
  return body.parts.map((part: Part) =>
    part.file
      ? { kind: 'file', name: part.name, filename: part.file, contentType: part.contentType, size: FILE_BYTES.length }
      : { kind: 'field', name: part.name, value: part.value },
  );
}

/** Runs every sample of `samples` (sources under `dir`) in every language against a mock of its own. */
function suite(title: string, samples: Sample[], dir: string) {
  describe.each(LANGUAGES)(`${title}: $label`, (language) => {
    const paths = new Map<SampleLike, string>(samples.map((s) => [s, join(dir, samplePath(s, language))]));
    let runner: Promise<(s: SampleLike, url: string) => Promise<Ran>> | undefined;
    // Compiled once per language, on first use; a missing runtime fails each test with its one line.
    const ready = () => {
      runner ??= prepare(language.id, paths);
      return runner;
    };

    test.concurrent.each(samples.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
      `${language.id} %s gets its documented answer`,
      async (_, sample) => {
        const run = await ready();
        const mock: MockServer = await startMockServer();
        let ran: Ran;
        let received: ReturnType<MockServer['requests']>;
        try {
          ran = await run(sample, mock.url);
          received = mock.requests();
        } finally {
          await mock.close();
        }
        expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
        expect(received).toHaveLength(1);
        const [request] = received;
        expect(request?.method).toBe(sample.method);
        const url = new URL(request?.path ?? '', 'http://mock');
        expect(decodeURIComponent(url.pathname)).toBe(decodeURIComponent(sample.path));
        expect([...url.searchParams].sort()).toEqual([...sample.request.query].map(([k, v]) => [k, String(v)]).sort());
        const kind = sample.request.body?.kind;
        if (kind === 'multipart') expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; ?boundary=/);
        if (kind === 'json') expect(request?.headers['content-type']).toMatch(/^application\/json/);
        // Spread: a file part's size is a getter.
        const parts = request?.parts.map((p) => ({ ...p, ...('value' in p ? { value: lf(p.value) } : {}) }));
        const want = expectedParts(sample).map((p: Part) => (p.value === undefined ? p : { ...p, value: lf(p.value) }));
        expect(parts).toMatchObject(want);
        expect(request?.response?.status).toBe(sample.answer.status);
        const answer = printed(ran.stdout);
        if (answer.status !== undefined) expect(answer.status).toBe(sample.answer.status);
        expect(answer.body).toEqual(sample.answer.body);
      },
    );
  });
}

suite('committed samples', generateSamples(model).samples, join(root, 'generated'));

/**
 * The published model with its first multipart operation's first example copied three times, each
 * plain text part (`text`, `subject`…) set to a text that a naive sample would send wrong.
 */
function hostileModel(): OperationsModel {
  const copy: OperationsModel = structuredClone(model);
  const operation = copy.operations.find((o) => o.requestBody?.multipart);
  if (!operation?.requestBody?.multipart) throw new Error('the published model has no multipart operation');
  const body = operation.requestBody;
  const textParts = (body.multipart?.parts ?? []).filter(
    (p) => p.kind === 'text' && !p.repeated && p.path.length === 1 && typeof p.schema === 'object' && !p.schema.enum,
  );
  const first = body.examples[0];
  if (!first) throw new Error(`${operation.operationId} has no request example`);
  const hostile = {
    atSign: '@./cv.pdf',
    lessThan: '<./cv.pdf',
    typeParameter: `50% off;type=text/html "now" it's \\ $HOME\`id\`\nsecond line`,
  };
  body.examples = Object.entries(hostile).map(([name, text]) => {
    const value = structuredClone(first.value) as Record<string, unknown>;
    for (const part of textParts) if (typeof value[part.name] === 'string') value[part.name] = text;
    return { name, summary: `Text ${JSON.stringify(text)}`, value };
  });
  copy.operations = [operation];
  return copy;
}

// Written under node_modules/.cache so the TypeScript samples resolve @postpress/client as the committed ones do.
const hostileDir = workDir('hostile-', join(root, 'node_modules/.cache/samples-test'));
// Under node_modules no outer package.json applies: say the samples are ES modules, as ours are.
writeFileSync(join(hostileDir, 'package.json'), '{ "type": "module" }\n');
const hostile = generateSamples(hostileModel());
for (const sample of hostile.samples) {
  for (const language of LANGUAGES) {
    const path = join(hostileDir, samplePath(sample, language));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, sample.code[language.id]);
  }
}
suite('texts curl could mistake', hostile.samples, hostileDir);

afterAll(removeWorkDirs);
