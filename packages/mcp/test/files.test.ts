import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRefusedError, parseFileRoots, readAllowedFile, resolveFileRoots } from '../src/files.js';

let base: string;
let root: string;
let other: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'postpress-mcp-roots-')));
  root = join(base, 'root');
  other = join(base, 'other');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(other);
  writeFileSync(join(root, 'cv.pdf'), 'pdf bytes');
  writeFileSync(join(root, 'notes.unknownext'), 'x');
  writeFileSync(join(root, 'sub', 'voice.ogg'), 'ogg!');
  writeFileSync(join(other, 'secret.txt'), 'secret');
  symlinkSync(other, join(root, 'escape')); // a directory symlink leading out
  symlinkSync(join(root, 'cv.pdf'), join(root, 'sub', 'resume.pdf')); // a symlink that stays inside
  symlinkSync(root, join(base, 'root-link')); // a root given through a symlink
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'read',
    (error) => (error instanceof FileRefusedError ? error.message : `unexpected ${error}`),
  );

describe('file roots', () => {
  it('parses the path-delimited list, skipping empty entries', () => {
    expect(parseFileRoots(['/a', '', ' /b '].join(delimiter))).toEqual(['/a', '/b']);
    expect(parseFileRoots(undefined)).toEqual([]);
  });

  it('keeps existing absolute directories as real paths, and says why it drops the others', async () => {
    const { roots, problems } = await resolveFileRoots([
      join(base, 'root-link'),
      'relative/dir',
      join(base, 'nope'),
      join(root, 'cv.pdf'),
    ]);
    expect(roots).toEqual([root]);
    expect(problems).toEqual([
      expect.stringMatching(/"relative\/dir" is not an absolute path/),
      expect.stringMatching(/nope does not exist/),
      expect.stringMatching(/cv\.pdf is not a directory/),
    ]);
  });
});

describe('readAllowedFile', () => {
  it('reads a file under a root, named as given, typed from its extension', async () => {
    const file = await readAllowedFile(join(root, 'cv.pdf'), [root]);
    expect([file.name, file.type, file.size, await file.text()]).toEqual(['cv.pdf', 'application/pdf', 9, 'pdf bytes']);
    expect((await readAllowedFile('sub/voice.ogg', [root])).type).toBe('audio/ogg');
    expect((await readAllowedFile('notes.unknownext', [root])).type).toBe('application/octet-stream');
    const link = await readAllowedFile(join(root, 'sub', 'resume.pdf'), [root]);
    expect([link.name, await link.text()]).toEqual(['resume.pdf', 'pdf bytes']);
  });

  it('refuses everything when no root is set, saying how to allow files', async () => {
    const message = await refusal(readAllowedFile(join(root, 'cv.pdf'), []));
    expect(message).toMatch(/File arguments are disabled/);
    expect(message).toContain('"env": { "POSTPRESS_MCP_FILE_ROOTS": "/path/to/a/folder" }');
  });

  it('refuses paths that lead outside the roots: absolute, `..`, symlinked directory, missing', async () => {
    for (const path of [
      join(other, 'secret.txt'),
      `${root}/../other/secret.txt`,
      '../other/secret.txt',
      join(root, 'escape', 'secret.txt'),
      join(other, 'missing.txt'),
      root,
    ])
      expect(await refusal(readAllowedFile(path, [root])), path).toMatch(
        /is outside the directories this server may read/,
      );
  });

  it('refuses URLs, directories and missing files inside a root', async () => {
    expect(await refusal(readAllowedFile('file:///etc/passwd', [root]))).toMatch(/URLs are not fetched/);
    expect(await refusal(readAllowedFile('https://example.com/cv.pdf', [root]))).toMatch(/URLs are not fetched/);
    expect(await refusal(readAllowedFile(join(root, 'sub'), [root]))).toMatch(/is not a regular file/);
    expect(await refusal(readAllowedFile(join(root, 'missing.pdf'), [root]))).toMatch(/no such file/);
  });
});
