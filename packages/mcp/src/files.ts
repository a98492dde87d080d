// File arguments: local paths, read only from under the directories the user listed in
// POSTPRESS_MCP_FILE_ROOTS. Nothing is ever fetched from a URL.
//
// A file is opened ONCE and everything else is done on that descriptor, so that another process
// swapping the path (a symlink, a hard link, a directory) between a check and a read cannot make the
// server send a file from outside the roots: the path is resolved (symlinks inside the roots are
// followed), opened without following a symlink at its last component, and the descriptor's own
// path (Linux: /proc/self/fd/N) must be under a root; then it must be a regular file with one link
// (a hard link to an outside file would otherwise pass), no larger than the limit; then it is read
// from the descriptor into memory, and refused if it changed meanwhile. A dry run stops before reading.
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, relative, resolve, sep } from 'node:path';
import mime from 'mime-types';

export const FILE_ROOTS_ENV = 'POSTPRESS_MCP_FILE_ROOTS';
/** The environment variable that sets the largest file (and the most bytes of files in one call) sent. */
export const MAX_FILE_BYTES_ENV = 'POSTPRESS_MCP_MAX_FILE_BYTES';
/** The API takes request bodies up to 50 MiB: a larger file could never be sent. */
export const DEFAULT_MAX_FILE_BYTES = 52_428_800;

/** A file argument the server will not read; the message says why and what to do. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
}

/** `POSTPRESS_MCP_FILE_ROOTS` → its directories (separated by the platform's path delimiter, `:` or `;`). */
export function parseFileRoots(value: string | undefined): string[] {
  return (value ?? '')
    .split(delimiter)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The roots that exist, as real paths, and a line for each one that does not. */
export async function resolveFileRoots(roots: readonly string[]): Promise<{ roots: string[]; problems: string[] }> {
  const real: string[] = [];
  const problems: string[] = [];
  for (const root of roots) {
    if (!isAbsolute(root)) {
      problems.push(`${FILE_ROOTS_ENV}: ${JSON.stringify(root)} is not an absolute path; ignored`);
      continue;
    }
    try {
      const path = await realpath(root);
      if ((await stat(path)).isDirectory()) real.push(path);
      else problems.push(`${FILE_ROOTS_ENV}: ${root} is not a directory; ignored`);
    } catch {
      problems.push(`${FILE_ROOTS_ENV}: ${root} does not exist; ignored`);
    }
  }
  return { roots: real, problems };
}

/** Whether `path` is strictly under `root` (both absolute, resolved); `..notes.txt` in a root is under it. */
const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

// O_NOFOLLOW: a symlink put at the last component after the check is refused (ELOOP), not followed.
// O_NONBLOCK: opening a FIFO does not wait for a writer (it is then refused as not a regular file).
const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** A file argument, open and checked: its name (as given), content type, size; read it, or just close it. */
export interface OpenedFile {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** The whole file, read from the descriptor opened at the check; refused if it changed meanwhile. */
  read(): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

const bytes = (n: number) => `${n.toLocaleString('en')} bytes`;

/**
 * Opens the file at `input` (absolute, or relative to the first root) if it is a regular file under one
 * of `roots` (real paths, from resolveFileRoots), with one link and at most `maxBytes`. Throws
 * FileRefusedError otherwise; the descriptor is then already closed.
 */
export async function openAllowedFile(
  input: string,
  roots: readonly string[],
  { maxBytes = DEFAULT_MAX_FILE_BYTES }: { maxBytes?: number } = {},
): Promise<OpenedFile> {
  if (roots.length === 0)
    throw new FileRefusedError(
      `File arguments are disabled: this server reads files only from directories listed in ${FILE_ROOTS_ENV} ` +
        `(separated by "${delimiter}"), and none is set. Ask the user to add, in this MCP server's configuration, ` +
        `"env": { "${FILE_ROOTS_ENV}": "/path/to/a/folder" } and to restart the server.`,
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    throw new FileRefusedError(`${input}: URLs are not fetched; give the path of a local file.`);
  if (input.includes('\0')) throw new FileRefusedError(`${JSON.stringify(input)} is not a valid path.`);
  const [first] = roots as [string];
  const candidate = isAbsolute(input) ? input : resolve(first, input);
  const outside = () =>
    new FileRefusedError(
      `${input} is outside the directories this server may read (${roots.join(', ')}, from ${FILE_ROOTS_ENV}); ` +
        'copy the file into one of them, or ask the user to add its directory to that list.',
    );
  const changed = () =>
    new FileRefusedError(`${input} changed while it was being opened or read, so it was not sent; try again.`);
  const under = (path: string) => roots.some((root) => inside(root, path));
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    // Say "outside" for a missing path outside the roots, so that errors do not reveal what exists there.
    if (!under(resolve(candidate))) throw outside();
    throw new FileRefusedError(`${input}: no such file.`);
  }
  if (!under(real)) throw outside();
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symlink appeared at `real` after realpath resolved it; ENOENT: it went away.
    if (code === 'ELOOP' || code === 'ENOENT' || code === 'ENOTDIR') throw changed();
    throw new FileRefusedError(`${input} cannot be read (${code ?? 'error'}).`);
  }
  try {
    // Where the descriptor really points: a directory on the way may have been swapped for a symlink.
    const opened = await openedPath(handle, real);
    if (!opened || !under(opened)) throw outside();
    const info = await handle.stat();
    if (!info.isFile()) throw new FileRefusedError(`${input} is not a regular file.`);
    if (info.nlink === 0) throw changed(); // replaced or deleted since it was opened
    if (info.nlink !== 1)
      throw new FileRefusedError(
        `${input} has ${info.nlink} hard links, and a hard link can lead outside the allowed directories; ` +
          'send a copy of the file instead.',
      );
    if (info.size > maxBytes)
      throw new FileRefusedError(
        `${input} is ${bytes(info.size)}, over the ${bytes(maxBytes)} limit (${MAX_FILE_BYTES_ENV}); it was not sent.`,
      );
    const name = basename(candidate); // the name the caller gave (a symlink's own name), not its target's
    const { size } = info;
    return {
      name,
      type: mime.lookup(name) || 'application/octet-stream',
      size,
      read: async () => {
        const buffer = new Uint8Array(size);
        let done = 0;
        while (done < size) {
          const { bytesRead } = await handle.read(buffer, done, size - done, done);
          if (bytesRead === 0) throw changed(); // it shrank
          done += bytesRead;
        }
        const after = await handle.stat();
        const more = (await handle.read(new Uint8Array(1), 0, 1, size)).bytesRead;
        if (more || after.size !== size || after.mtimeMs !== info.mtimeMs) throw changed();
        return buffer;
      },
      close: () => handle.close().catch(() => {}),
    };
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}

/**
 * The path the open descriptor refers to. Linux names it in /proc/self/fd; elsewhere the path it was
 * opened by counts only if it still leads, without a symlink, to the very same file (device and inode):
 * with one link only, that file has no other name.
 */
async function openedPath(handle: FileHandle, path: string): Promise<string | undefined> {
  try {
    return (await readlink(`/proc/self/fd/${handle.fd}`)).replace(/ \(deleted\)$/, '');
  } catch {
    const [opened, now] = await Promise.all([handle.stat(), lstat(path)]);
    const same = (other: { dev: number; ino: number }) => other.dev === opened.dev && other.ino === opened.ino;
    if (now.isSymbolicLink() || !same(now)) return undefined;
    // Best effort without /proc (macOS, Windows): the path resolved again must still name that file.
    const real = await realpath(path);
    return same(await lstat(real)) ? real : undefined;
  }
}

/** Opens, reads and closes a file argument (see openAllowedFile): a File in memory, named as given. */
export async function readAllowedFile(
  input: string,
  roots: readonly string[],
  options?: { maxBytes?: number },
): Promise<File> {
  const file = await openAllowedFile(input, roots, options);
  try {
    return new File([await file.read()], file.name, { type: file.type });
  } finally {
    await file.close();
  }
}
