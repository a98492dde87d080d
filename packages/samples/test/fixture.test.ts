// The samples of the fixture spec with every operation shape (GET with an array and a date-time in
// the query, GET and DELETE by path parameter, PATCH/PUT/POST with JSON, a header parameter, 204,
// multipart), generated from its operations model and run in every language against a recording
// server: each must send exactly its request (method, path, query pairs, headers, JSON body or
// parts) and print the documented answer.
// TypeScript is not run here: its samples call @postpress/client, which knows the published
// operations only; running them needs a client built from the fixture's generated operations.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, describe, expect, test } from 'vitest';
import { buildOpenapi } from '../../../scripts/bundle-spec.mjs';
import { generateSamples, LANGUAGES, samplePath } from '../src/index.mjs';
import { type Recorded, type Recorder, startRecorder } from './helpers/recorder.js';
import {
  API_KEY,
  FILE_BYTES,
  prepare,
  printed,
  type Ran,
  removeWorkDirs,
  type SampleLike,
  workDir,
} from './helpers/runner.js';

const repo = resolve(import.meta.dirname, '../../..');
const { model } = (await buildOpenapi({
  spec: join(repo, 'packages/openapi/test/fixtures/every-shape/openapi.yaml'),
  configPath: join(repo, 'redocly.yaml'),
})) as { model: OperationsModel };
const { samples } = generateSamples(model);
type Sample = (typeof samples)[number];

const dir = workDir('fixture-', join(repo, 'packages/samples/node_modules/.cache/samples-test'));
afterAll(removeWorkDirs);
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
for (const sample of samples) {
  for (const language of LANGUAGES) {
    const path = join(dir, samplePath(sample, language));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, sample.code[language.id]);
  }
}

/** Query pairs grouped by name, each name's values in order (the order of different names is free). */
const grouped = (pairs: [string, string][]) => {
  const out: Record<string, string[]> = {};
  for (const [name, value] of pairs) out[name] = [...(out[name] ?? []), value];
  return out;
};

function checkRequest(sample: Sample, got: Recorded) {
  const { request } = sample;
  const url = new URL(got.url, 'http://recorder');
  expect(got.method).toBe(sample.method);
  expect(decodeURIComponent(url.pathname)).toBe(decodeURIComponent(sample.path));
  expect(grouped([...url.searchParams])).toEqual(grouped(request.query));
  expect(got.headers[request.apiKeyHeader.toLowerCase()]).toBe(API_KEY);
  for (const [name, value] of request.headers) expect(got.headers[name.toLowerCase()]).toBe(value);
  const type = String(got.headers['content-type'] ?? '');
  if (request.body?.kind === 'json') {
    expect(type).toMatch(/^application\/json/);
    expect(JSON.parse(got.body.toString('utf8'))).toEqual(request.body.value);
  } else if (request.body?.kind === 'multipart') {
    expect(type).toMatch(/^multipart\/form-data; ?boundary=/);
    expect(got.parts).toEqual(
      request.body.parts.map((part: { name: string; value?: string; file?: string; contentType?: string }) =>
        part.file
          ? {
              kind: 'file',
              name: part.name,
              filename: part.file,
              contentType: part.contentType,
              size: FILE_BYTES.length,
            }
          : { kind: 'field', name: part.name, value: part.value },
      ),
    );
  } else {
    expect(got.body.length).toBe(0);
  }
}

describe.each(LANGUAGES.filter((l) => l.id !== 'typescript'))('fixture spec: $label', (language) => {
  const paths = new Map<SampleLike, string>(samples.map((s) => [s, join(dir, samplePath(s, language))]));
  let runner: Promise<(s: SampleLike, url: string) => Promise<Ran>> | undefined;

  test.concurrent.each(samples.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
    `${language.id} %s sends its request and prints the answer`,
    async (_, sample) => {
      runner ??= prepare(language.id, paths);
      const run = await runner;
      const recorder: Recorder = await startRecorder(model);
      let ran: Ran;
      try {
        ran = await run(sample, recorder.url);
      } finally {
        await recorder.close();
      }
      expect(ran.status, `${ran.stdout}\n${ran.stderr}`).toBe(0);
      const got = recorder.received;
      expect(got).toHaveLength(1);
      checkRequest(sample, got[0] as Recorded);
      expect(got[0]?.status).toBe(sample.answer.status);
      const answer = printed(ran.stdout);
      if (answer.status !== undefined) expect(answer.status).toBe(sample.answer.status);
      expect(answer.body).toEqual(sample.answer.body);
    },
  );
});

test('the fixture has every shape the samples must handle', () => {
  const methods = new Set(model.operations.map((o) => o.method));
  expect([...methods].sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST', 'PUT']);
  const kinds = new Set(samples.map((s) => s.request.body?.kind ?? 'none'));
  expect([...kinds].sort()).toEqual(['json', 'multipart', 'none']);
  expect(samples.some((s) => s.request.query.length > 1)).toBe(true);
  expect(samples.some((s) => s.request.headers.length > 0)).toBe(true);
  expect(samples.some((s) => s.answer.mediaType === null)).toBe(true);
});
