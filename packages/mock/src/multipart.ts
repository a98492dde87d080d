// Reads a multipart/form-data body into its parts, with limits that refuse (never truncate) and
// without keeping file bytes.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import StreamSearch from 'streamsearch';

/** A file part: what the mock keeps of it (never its bytes). */
export interface UploadedFile {
  /** The part's field name as sent, e.g. `attachments`. */
  field: string;
  /** The file name exactly as sent (UTF-8, path kept: `../a.txt` stays `../a.txt`). */
  filename: string;
  contentType: string;
  size: number;
}

export type MultipartPart =
  | { name: string; value: string; contentType?: string }
  | { name: string; file: UploadedFile };

/** Why a body could not be read; the server maps each kind to the API's own error type. */
export class MultipartError extends Error {
  constructor(
    readonly kind: 'too_large' | 'malformed',
    message: string,
    /** The limit that was passed (`maxParts`, `maxFieldBytes`, …), for `too_large`. */
    readonly limit?: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ReadMultipartOptions {
  /** Largest body accepted, in bytes (default 50 MiB). */
  maxBodyBytes?: number;
  /** Most parts, text fields, files (defaults 1,000, 1,000, 100); one more is refused. */
  maxParts?: number;
  maxFields?: number;
  maxFiles?: number;
  /** Largest text field value in bytes (default 1 MiB); a longer one is refused. */
  maxFieldBytes?: number;
  /** Called with each part as soon as it starts (a file's `size` keeps growing until it ends). */
  onPart?: (part: MultipartPart) => void;
}

/**
 * Reads the parts of a multipart body from `stream`. Rejects with a `MultipartError` on a body
 * that is not multipart, truncated or garbled, or has a part without a name (`malformed`), or that
 * passes a limit (`too_large`, naming the limit). On rejection it stops reading: the rest of the
 * body is left in `stream` for the caller to drain.
 */
export function readMultipart(
  stream: Readable,
  contentType: string | undefined,
  options: ReadMultipartOptions = {},
): Promise<MultipartPart[]> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxParts = options.maxParts ?? 1_000;
  const maxFields = options.maxFields ?? 1_000;
  const maxFiles = options.maxFiles ?? 100;
  const maxFieldBytes = options.maxFieldBytes ?? 1024 * 1024;
  return new Promise((resolve, reject) => {
    if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) {
      reject(new MultipartError('malformed', 'The body must be multipart/form-data with a boundary.'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        // UTF-8 names and file names, and no basename(): a test sees exactly what was sent.
        defParamCharset: 'utf8',
        preservePath: true,
        // busboy flags a field at exactly fieldSize and counts parts as they end: one more than
        // each limit, so a body right at the limit passes and one past it is refused below.
        limits: {
          fieldSize: maxFieldBytes + 1,
          fileSize: Number.POSITIVE_INFINITY,
          fields: maxFields,
          files: maxFiles,
          parts: maxParts + 1,
        },
      });
    } catch (error) {
      reject(new MultipartError('malformed', `Invalid multipart content type: ${(error as Error).message}`));
      return;
    }
    const parts: MultipartPart[] = [];
    // busboy skips a part whose headers it cannot read (no Content-Disposition, no form-data, a
    // filename ending in a backslash) without a word: count the delimiters with the same search to notice.
    const delimiters = countDelimiters(contentType);
    let settled = false;
    let received = 0;
    const fail = (error: MultipartError) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      stream.unpipe(parser);
      stream.pause();
      parser.removeAllListeners();
      parser.on('error', () => {});
      parser.destroy();
      reject(error);
    };
    const tooLarge = (what: string, name: string, value: number) =>
      fail(new MultipartError('too_large', `${what} (limit ${name}: ${value}).`, name));
    const unnamed = () =>
      fail(
        new MultipartError(
          'malformed',
          'A part has an empty or missing name: every part needs Content-Disposition: form-data; name="…".',
        ),
      );
    const add = (part: MultipartPart) => {
      parts.push(part);
      options.onPart?.(part);
    };
    const onData = (chunk: Buffer) => {
      delimiters?.push(chunk);
      received += chunk.length;
      if (received > limit) tooLarge(`The request body is larger than ${limit} bytes`, 'maxBodyBytes', limit);
    };
    parser.on('field', (name: string | undefined, value, info) => {
      if (!name) return unnamed();
      if (info.valueTruncated) {
        return tooLarge(`The field ${name} is longer than ${maxFieldBytes} bytes`, 'maxFieldBytes', maxFieldBytes);
      }
      add({ name, value, contentType: info.mimeType });
    });
    parser.on('file', (name: string | undefined, file, info) => {
      file.on('error', () => {}); // reported through the parser's own 'error'
      if (!name) {
        file.resume();
        return unnamed();
      }
      const part: UploadedFile = { field: name, filename: info.filename ?? '', contentType: info.mimeType, size: 0 };
      add({ name, file: part });
      file.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
      });
    });
    parser.on('partsLimit', () => tooLarge(`The body has more than ${maxParts} parts`, 'maxParts', maxParts));
    parser.on('fieldsLimit', () => tooLarge(`The body has more than ${maxFields} text fields`, 'maxFields', maxFields));
    parser.on('filesLimit', () => tooLarge(`The body has more than ${maxFiles} files`, 'maxFiles', maxFiles));
    parser.on('error', (error: Error) =>
      fail(new MultipartError('malformed', `Malformed multipart body: ${error.message}`)),
    );
    parser.on('close', () => {
      if (settled) return;
      const expected = (delimiters?.count() ?? 1) - 1;
      if (parts.length < expected) {
        return fail(
          new MultipartError(
            'malformed',
            `${expected - parts.length} of ${expected} parts could not be read: each needs a Content-Disposition: form-data header with a name (and a filename that does not end in a backslash).`,
          ),
        );
      }
      settled = true;
      stream.off('data', onData);
      resolve(parts);
    });
    stream.on('error', (error) =>
      fail(new MultipartError('malformed', `The request body could not be read: ${error.message}`)),
    );
    stream.on('aborted', () => fail(new MultipartError('malformed', 'The request body was cut off.')));
    stream.on('data', onData);
    stream.pipe(parser);
  });
}

/** Counts multipart delimiters (`CRLF--boundary`) up to the closing one, as busboy finds them. */
function countDelimiters(contentType: string): { push(chunk: Buffer): void; count(): number } | undefined {
  const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) return undefined;
  let closed = false;
  let count = 0;
  let dashes = -1; // after a match: how many `-` follow it so far (2 = that was the closing delimiter)
  // The callback gets the bytes before each match, then the match flag: bytes after match n arrive with match n+1.
  const search = new StreamSearch(`\r\n--${value}`, (isMatch, data, start, end) => {
    if (closed) return;
    if (data && dashes >= 0) {
      for (let i = start; i < end && dashes >= 0 && dashes < 2; i++) dashes = data[i] === 0x2d ? dashes + 1 : -1;
      if (dashes === 2) {
        closed = true;
        return;
      }
    }
    if (isMatch) {
      count++;
      dashes = 0;
    }
  });
  search.push(Buffer.from('\r\n')); // busboy starts the same way, so a body may open with the delimiter
  return {
    push(chunk) {
      if (!closed) search.push(chunk);
    },
    count: () => count,
  };
}
