// Contract tests of the authored recordings of the published spec (spec/recordings): coverage of
// every operation of the published model, shape, schema validation, no drift, and each recorded
// request replayed against the mock gets the recorded answer back.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedModel, repoRoot } from './helpers.js';
import { recordingsSuite } from './recordings-suite.js';

const recordingsDir = join(repoRoot, 'spec/recordings');
const model = publishedModel();
const files = recordingsSuite('spec/recordings', recordingsDir, model);

describe('the recordings folder', () => {
  it('holds a folder for each operation of the published model, and nothing else', () => {
    const folders = readdirSync(recordingsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual(model.operations.map((op) => op.operationId).sort());
  });

  it('the schema check itself refuses an error type a response does not document', () => {
    const ajv = new Ajv2020({ strict: false });
    const response = model.operations[0]?.responses.find((r) => r.errors.length > 0);
    const validate = ajv.compile(response?.schema ?? false);
    const [error] = response?.errors ?? [];
    expect(validate({ status: response?.status, type: 'errors/not_a_type', title: 'x' })).toBe(false);
    expect(validate({ status: response?.status, type: error?.type, title: error?.title })).toBe(true);
  });
});

describe('author-recordings.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'postpress-recordings-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('regenerates byte for byte what is committed (no drift)', async () => {
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts/author-recordings.mjs'), '--out', out], {
      timeout: 90_000, // generous: a loaded 2-core machine
    });
    for (const { file } of files) {
      expect(readFileSync(join(out, file), 'utf8'), `${file} differs: run pnpm recordings:author and commit`).toBe(
        readFileSync(join(recordingsDir, file), 'utf8'),
      );
    }
    const regenerated = model.operations.flatMap((op) =>
      readdirSync(join(out, op.operationId)).map((f) => `${op.operationId}/${f}`),
    );
    expect(regenerated.sort()).toEqual(files.map((f) => f.file).sort());
  });

  it('names a model file it cannot read', async () => {
    const broken = join(out, 'not-a-model.json');
    const run = promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'scripts/author-recordings.mjs'), '--out', out, '--model', broken],
      { timeout: 90_000 },
    );
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not-a-model.json') });
  });

  it('shows the real error when the mock cannot be loaded, and says "build" only when it is not built', async () => {
    // A copy of the script in a tree whose packages/mock/dist/internal.js fails on import, then is absent.
    const tree = mkdtempSync(join(tmpdir(), 'postpress-author-'));
    mkdirSync(join(tree, 'scripts/recordings'), { recursive: true });
    mkdirSync(join(tree, 'packages/mock/dist'), { recursive: true });
    for (const file of ['scripts/author-recordings.mjs', 'scripts/recordings/har.mjs']) {
      copyFileSync(join(repoRoot, file), join(tree, file));
    }
    const run = () =>
      promisify(execFile)(process.execPath, [join(tree, 'scripts/author-recordings.mjs'), '--out', out], {
        timeout: 90_000,
      });
    writeFileSync(join(tree, 'packages/mock/dist/internal.js'), "throw new Error('boom in internal.js');\n");
    const failing = await run().catch((error) => error);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('boom in internal.js');
    expect(failing.stderr).not.toContain('pnpm build');
    rmSync(join(tree, 'packages/mock/dist/internal.js'));
    const missing = await run().catch((error) => error);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ERR_MODULE_NOT_FOUND');
    expect(missing.stderr).toContain('pnpm build');
    rmSync(tree, { recursive: true, force: true });
  });
});
