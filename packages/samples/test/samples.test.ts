// Every committed sample of the published spec, in every language, run against @postpress/mock:
// it must exit 0, the mock must have received exactly the request the sample stands for (method,
// path, each part by wire name, each file with its name, type and size) and answered the documented
// success, and the sample must print that answer.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type MockServer, startMockServer } from '@postpress/mock';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import { describe, expect, test } from 'vitest';
import { generateSamples, LANGUAGES, samplePath } from '../src/index.mjs';
import { FILE_BYTES, prepare, printed, type Ran, type SampleLike } from './helpers/runner.js';

const model: OperationsModel = createRequire(import.meta.url)('@postpress/openapi/operations.json');
const { samples } = generateSamples(model);
const generated = resolve(import.meta.dirname, '../generated');

type Sample = (typeof samples)[number];

/** The parts the mock must have received, as its request log lists them. */
function expectedParts(sample: Sample) {
  const body = sample.request.body;
  if (body?.kind !== 'multipart') return [];
  return body.parts.map((part: { name: string; value?: string; file?: string; contentType?: string }) =>
    part.file
      ? { kind: 'file', name: part.name, filename: part.file, contentType: part.contentType, size: FILE_BYTES.length }
      : { kind: 'field', name: part.name, value: part.value },
  );
}

async function runAgainstMock(run: (s: SampleLike, url: string) => Promise<Ran>, sample: Sample) {
  const mock: MockServer = await startMockServer();
  try {
    const ran = await run(sample, mock.url);
    return { ran, received: mock.requests() };
  } finally {
    await mock.close();
  }
}

describe.each(LANGUAGES)('$label samples against the mock', (language) => {
  const paths = new Map<SampleLike, string>(samples.map((s) => [s, join(generated, samplePath(s, language))]));
  let runner: Promise<(s: SampleLike, url: string) => Promise<Ran>> | undefined;
  // Compiled once for the language, on first use (a missing runtime fails each test with its one line).
  const ready = () => {
    runner ??= prepare(language.id, paths);
    return runner;
  };

  test.concurrent.each(samples.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
    '%s gets its documented answer',
    async (_, sample) => {
      const { ran, received } = await runAgainstMock(await ready(), sample);
      expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request?.method).toBe(sample.method);
      expect(request?.path).toBe(sample.path);
      const kind = sample.request.body?.kind;
      if (kind === 'multipart') expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; ?boundary=/);
      if (kind === 'json') expect(request?.headers['content-type']).toMatch(/^application\/json/);
      // Spread: a file part's size is a getter.
      expect(request?.parts.map((p) => ({ ...p }))).toMatchObject(expectedParts(sample));
      expect(request?.response?.status).toBe(sample.answer.status);
      const answer = printed(ran.stdout);
      if (answer.status !== undefined) expect(answer.status).toBe(sample.answer.status);
      expect(answer.body).toEqual(sample.answer.body);
    },
  );
});
