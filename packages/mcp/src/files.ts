// File arguments: local paths, read only from under the directories the user listed in
// POSTPRESS_MCP_FILE_ROOTS. Each path is resolved with realpath (symlinks and `..` followed) before
// the check, so neither can lead outside a root. Nothing is ever fetched from a URL.
import { openAsBlob } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, delimiter, isAbsolute, relative, resolve } from 'node:path';
import mime from 'mime-types';

export const FILE_ROOTS_ENV = 'POSTPRESS_MCP_FILE_ROOTS';

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

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * Reads the file at `input` (absolute, or relative to the first root) if its real path is under one of
 * `roots` (real paths, from resolveFileRoots). Throws FileRefusedError otherwise.
 */
export async function readAllowedFile(input: string, roots: readonly string[]): Promise<File> {
  if (roots.length === 0)
    throw new FileRefusedError(
      `File arguments are disabled: this server reads files only from directories listed in ${FILE_ROOTS_ENV} ` +
        `(separated by "${delimiter}"), and none is set. Ask the user to add, in this MCP server's configuration, ` +
        `"env": { "${FILE_ROOTS_ENV}": "/path/to/a/folder" } and to restart the server.`,
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    throw new FileRefusedError(`${input}: URLs are not fetched; give the path of a local file.`);
  const [first] = roots as [string];
  const candidate = isAbsolute(input) ? input : resolve(first, input);
  const outside = () =>
    new FileRefusedError(
      `${input} is outside the directories this server may read (${roots.join(', ')}, from ${FILE_ROOTS_ENV}); ` +
        'copy the file into one of them, or ask the user to add its directory to that list.',
    );
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    // Say "outside" for a missing path outside the roots, so that errors do not reveal what exists there.
    if (!roots.some((root) => inside(root, resolve(candidate)))) throw outside();
    throw new FileRefusedError(`${input}: no such file.`);
  }
  if (!roots.some((root) => inside(root, real))) throw outside();
  if (!(await stat(real)).isFile()) throw new FileRefusedError(`${input} is not a regular file.`);
  // The name and extension the caller gave (a symlink's own name), not the link target's.
  const name = basename(candidate);
  return new File([await openAsBlob(real)], name, { type: mime.lookup(name) || 'application/octet-stream' });
}
