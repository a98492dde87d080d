import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRefusedError, openAllowedFile, parseFileRoots, readAllowedFile, resolveFileRoots } from '../src/files.js';

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
  writeFileSync(join(root, '..notes.txt'), 'dots'); // inside, though its name starts with `..`
  linkSync(join(other, 'secret.txt'), join(root, 'hard.txt')); // a hard link to an outside file
  execFileSync('mkfifo', [join(root, 'pipe')]);
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

  it('reads a name starting with `..` inside a root', async () => {
    const file = await readAllowedFile(join(root, '..notes.txt'), [root]);
    expect([file.name, await file.text()]).toEqual(['..notes.txt', 'dots']);
    expect(await (await readAllowedFile('..notes.txt', [root])).text()).toBe('dots');
  });

  it('refuses a hard link (to a file outside, or any), and a FIFO without waiting for a writer', async () => {
    expect(await refusal(readAllowedFile(join(root, 'hard.txt'), [root]))).toMatch(
      /hard\.txt has 2 hard links, .*send a copy of the file instead\./,
    );
    expect(await refusal(readAllowedFile(join(root, 'pipe'), [root]))).toMatch(/pipe is not a regular file/);
  });

  it('refuses a file over the size limit, naming the limit and its variable, never a part of it', async () => {
    const big = join(root, 'eleven.bin');
    writeFileSync(big, 'x'.repeat(11));
    expect(await refusal(readAllowedFile(big, [root], { maxBytes: 10 }))).toBe(
      `${big} is 11 bytes, over the 10 bytes limit (POSTPRESS_MCP_MAX_FILE_BYTES); it was not sent.`,
    );
    expect((await readAllowedFile(big, [root], { maxBytes: 11 })).size).toBe(11);
  });

  it('reads from the descriptor it checked, and refuses a file that grew, shrank or changed since', async () => {
    const path = join(root, 'changing.txt');
    for (const change of [
      () => appendFileSync(path, ' and more'),
      () => truncateSync(path, 3),
      () => writeFileSync(path, 'other text'), // same size, new content (a new write time)
    ]) {
      writeFileSync(path, 'some text!');
      const opened = await openAllowedFile(path, [root]);
      expect([opened.name, opened.type, opened.size]).toEqual(['changing.txt', 'text/plain', 10]);
      await new Promise((done) => setTimeout(done, 15)); // a write time the file system can tell apart
      change();
      expect(await refusal(opened.read())).toMatch(
        /changing\.txt changed while it was being opened or read, so it was not sent/,
      );
      await opened.close();
    }
    // Replaced by another file under the same name after the check: the checked one is what is read.
    writeFileSync(path, 'the first');
    const opened = await openAllowedFile(path, [root]);
    rmSync(path);
    writeFileSync(path, 'a replacement, longer');
    expect(Buffer.from(await opened.read()).toString()).toBe('the first');
    await opened.close();
  });
});
