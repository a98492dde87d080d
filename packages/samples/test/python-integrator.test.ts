// Tried as a Python integrator would: copy the docs' Python sample, change its text and its booleans
// the Python way, or send the text with `data=`, and run it against the mock. A changed text must
// still get the documented success; a Python boolean or a URL-encoded body must get an error the
// operation documents, whose detail names the part and says what to send instead (the mock's wording,
// issue 24 item 3: `true` or `false` in lowercase; multipart with requests' `files=`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startMockServer } from '@postpress/mock';
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';
import { afterAll, describe, expect, test } from 'vitest';
import { generateSamples, LANGUAGES, samplePath } from '../src/index.mjs';
import { runProcess } from '../src/run.mjs';
import { API_KEY, FILE_BYTES, need, printed, removeWorkDirs, workDir } from './helpers/runner.js';

const model: OperationsModel = createRequire(import.meta.url)('@postpress/openapi/operations.json');
const { samples } = generateSamples(model);
const python = LANGUAGES.find((l) => l.id === 'python');
const generated = resolve(import.meta.dirname, '../generated');

type Sample = (typeof samples)[number];
const operationOf = (sample: Sample) => model.operations.find((o) => o.operationId === sample.operationId) as Operation;
const partsOf = (sample: Sample): { name: string; value?: string }[] => sample.request.body?.parts ?? [];
const booleanParts = (operation: Operation) =>
  new Set(
    (operation.requestBody?.multipart?.parts ?? [])
      .filter((p) => typeof p.schema === 'object' && p.schema.type === 'boolean')
      .map((p) => p.name),
  );

/** The sample's Python source as committed (what the docs show). */
const source = (sample: Sample) => readFileSync(join(generated, samplePath(sample, python)), 'utf8');
/** A Python string literal in the sample's own style (double quotes). */
const py = (text: string) => JSON.stringify(text);

/** Runs edited Python `code` against a fresh mock; returns what it printed and what the mock logged. */
async function runPython(code: string, files: string[]) {
  const interpreter = need('python');
  const dir = workDir('pp-python-way-');
  writeFileSync(join(dir, 'sample.py'), code);
  for (const name of files) writeFileSync(join(dir, name), FILE_BYTES);
  const mock = await startMockServer();
  try {
    const ran = await runProcess(interpreter, ['sample.py'], {
      cwd: dir,
      env: { ...process.env, POSTPRESS_API_KEY: API_KEY, POSTPRESS_BASE_URL: mock.url },
    });
    return { ran, answer: printed(ran.stdout.split('\n')[0] ?? ''), received: mock.requests() };
  } finally {
    await mock.close();
  }
}

/** Asserts `answer` is an error the operation documents under its status, and returns its envelope. */
function documentedError(operation: Operation, answer: { status?: number; body: unknown }) {
  const body = answer.body as { status: number; type: string; detail?: string };
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(body.status).toBe(answer.status);
  const documented = operation.responses.find((r) => r.status === answer.status)?.errors.map((e) => e.type) ?? [];
  expect(documented).toContain(body.type);
  return body;
}

const withText = samples.filter((s) => partsOf(s).some((p) => p.name === 'text'));
const withBoolean = samples.filter((s) => partsOf(s).some((p) => booleanParts(operationOf(s)).has(p.name)));
const textOnly = samples.filter((s) => s.request.body?.kind === 'multipart' && s.files.length === 0);

afterAll(removeWorkDirs);

describe('the Python sample, edited the Python way', () => {
  test('the published model has samples to try this on', () => {
    expect(withText.length).toBeGreaterThan(0);
    expect(withBoolean.length).toBeGreaterThan(0);
    expect(textOnly.length).toBeGreaterThan(0);
  });

  test.each(withText.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
    '%s with its own text (accents, quotes, a line break) still gets its documented answer',
    async (_, sample) => {
      const old = partsOf(sample).find((p) => p.name === 'text')?.value as string;
      const text = 'Merci ! L\'offre "Senior" vous intéresse ?\nÀ bientôt';
      const code = source(sample).replace(py(old), py(text));
      expect(code).not.toBe(source(sample));
      const { ran, answer, received } = await runPython(code, sample.files);
      expect(ran.status, ran.stderr).toBe(0);
      expect(answer.status).toBe(sample.answer.status);
      expect(answer.body).toEqual(sample.answer.body);
      const sent = received[0]?.parts.find((p) => p.name === 'text');
      expect(sent && 'value' in sent ? sent.value.replaceAll('\r\n', '\n') : undefined).toBe(text);
    },
  );

  const pythonBooleans = ['True', 'False', '1', '"yes"'];
  test.each(
    withBoolean.flatMap((s) => pythonBooleans.map((value) => [`${s.operationId}.${s.example}`, value, s] as const)),
  )('%s with a boolean written %s gets a documented error naming the part', async (_, value, sample) => {
    const operation = operationOf(sample);
    const part = partsOf(sample).find((p) => booleanParts(operation).has(p.name)) as { name: string; value: string };
    // Both ways the sample can hold it: ("name", (None, "true")) without a file, "name": "true" with one.
    const code = source(sample)
      .replace(`(${py(part.name)}, (None, ${py(part.value)}))`, `(${py(part.name)}, (None, ${value}))`)
      .replace(`${py(part.name)}: ${py(part.value)}`, `${py(part.name)}: ${value}`);
    expect(code).not.toBe(source(sample));
    const { ran, answer } = await runPython(code, sample.files);
    expect(ran.status).not.toBe(0);
    const error = documentedError(operation, answer);
    expect(error.detail).toContain(part.name);
  });

  test.each(textOnly.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
    '%s sent with data= (URL-encoded) gets a documented 415 that asks for multipart/form-data',
    async (_, sample) => {
      const fields = partsOf(sample)
        .map((p) => `(${py(p.name)}, ${py(p.value as string)})`)
        .join(', ');
      const code = source(sample).replace(/files=\[[\s\S]*?\n {4}\]/, `data=[${fields}]`);
      expect(code).not.toBe(source(sample));
      const { ran, answer, received } = await runPython(code, []);
      expect(ran.status).not.toBe(0);
      expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const error = documentedError(operationOf(sample), answer);
      expect(answer.status).toBe(415);
      expect(error.detail).toContain('multipart/form-data');
    },
  );
});

/** The sample's Python source with its `value` of the boolean part written as Python `value`. */
function withBooleanAs(sample: Sample, value: string) {
  const part = partsOf(sample).find((p) => booleanParts(operationOf(sample)).has(p.name)) as {
    name: string;
    value: string;
  };
  // Both ways the sample can hold it: ("name", (None, "true")) without a file, "name": "true" with one.
  const code = source(sample)
    .replace(`(${py(part.name)}, (None, ${py(part.value)}))`, `(${py(part.name)}, (None, ${value}))`)
    .replace(`${py(part.name)}: ${py(part.value)}`, `${py(part.name)}: ${value}`);
  return { part, code };
}

/** The text-only sample's body as Python `argument=` (`data` URL-encodes it, `json` sends JSON) instead of `files=`. */
function withBodyAs(sample: Sample, argument: 'data' | 'json') {
  const fields = partsOf(sample).map((p) => `${py(p.name)}: ${py(p.value as string)}`);
  return source(sample).replace(/files=\[[\s\S]*?\n {4}\]/, `${argument}={${fields.join(', ')}}`);
}

describe('refusals say what to send', () => {
  // What Python's str() makes of each value, which is what requests sends.
  const booleans: [written: string, sent: string][] = [
    ['True', 'True'],
    ['False', 'False'],
    ['1', '1'],
    ['"yes"', 'yes'],
    ['"TRUE"', 'TRUE'],
  ];
  test.each(
    withBoolean.flatMap((s) =>
      booleans.map(([written, sent]) => [`${s.operationId}.${s.example}`, written, sent, s] as const),
    ),
  )(
    '%s with a boolean written %s: the detail names the part, `true` and `false`, and what was sent',
    async (_, written, sent, sample) => {
      const { part, code } = withBooleanAs(sample, written);
      expect(code).not.toBe(source(sample));
      const { answer } = await runPython(code, sample.files);
      const error = documentedError(operationOf(sample), answer);
      expect(error.detail).toContain(
        `${part.name} must be \`true\` or \`false\` (lowercase); got ${JSON.stringify(sent)}`,
      );
    },
  );

  test.each(
    textOnly.flatMap((s) =>
      (['data', 'json'] as const).map((argument) => [`${s.operationId}.${s.example}`, argument, s] as const),
    ),
  )(
    '%s sent with %s=: a documented 415 naming the type received and how to send multipart from requests and curl',
    async (_, argument, sample) => {
      const code = withBodyAs(sample, argument);
      expect(code).not.toBe(source(sample));
      const { answer, received } = await runPython(code, []);
      const contentType = argument === 'data' ? 'application/x-www-form-urlencoded' : 'application/json';
      expect(received[0]?.headers['content-type']).toBe(contentType);
      expect(answer.status).toBe(415);
      const { detail } = documentedError(operationOf(sample), answer);
      expect(detail).toContain(`The body must be multipart/form-data (got ${contentType})`);
      expect(detail).toContain("your HTTP library's multipart mode");
      expect(detail).toMatch(/Python requests: files=\{"[^"]+": \(None, "[^"]*"\)\}/);
      expect(detail).toContain(`instead of ${argument}=`);
      expect(detail).toContain('curl: --form-string');
    },
  );

  test.each(textOnly.map((s) => [`${s.operationId}.${s.example}`, s] as const))(
    '%s: the advice works: every field sent the way the detail shows (files= with (None, value)) gets the documented answer',
    async (_, sample) => {
      const { answer } = await runPython(withBodyAs(sample, 'data'), []);
      const advice = /files=\{("[^"]+"): \(None, "[^"]*"\)\}/.exec((answer.body as { detail: string }).detail);
      expect(partsOf(sample).map((p) => py(p.name))).toContain(advice?.[1]);
      const files = partsOf(sample).map((p) => `${py(p.name)}: (None, ${py(p.value as string)})`);
      const code = source(sample).replace(/files=\[[\s\S]*?\n {4}\]/, `files={${files.join(', ')}}`);
      const followed = await runPython(code, []);
      expect(followed.ran.status, followed.ran.stderr).toBe(0);
      expect(followed.answer.status).toBe(sample.answer.status);
    },
  );
});
