// Reads a multipart/form-data body into its parts, with a byte limit and without keeping file bytes.
import type { Readable } from 'node:stream';
import busboy from 'busboy';

/** A file part: what the mock keeps of it (never its bytes). */
export interface UploadedFile {
  /** The part's field name as sent, e.g. `attachments`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

export type MultipartPart = { name: string; value: string } | { name: string; file: UploadedFile };

/** Why a body could not be read; the server maps each kind to the API's own error type. */
export class MultipartError extends Error {
  constructor(
    readonly kind: 'too_large' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'MultipartError';
  }
}

export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ReadMultipartOptions {
  /** Largest body accepted, in bytes (default 50 MiB). */
  maxBodyBytes?: number;
}

/**
 * Reads the parts of a multipart body from `stream`. Rejects with a `MultipartError` on a body
 * that is not multipart, truncated or garbled (`malformed`) or larger than the limit (`too_large`);
 * on `too_large` it stops reading at once.
 */
export function readMultipart(
  stream: Readable,
  contentType: string | undefined,
  options: ReadMultipartOptions = {},
): Promise<MultipartPart[]> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise((resolve, reject) => {
    if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) {
      reject(new MultipartError('malformed', 'The body must be multipart/form-data with a boundary.'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        // The total is checked on the raw bytes below; these only lift busboy's smaller defaults.
        limits: { fieldSize: limit, fileSize: limit, fields: 10_000, files: 1_000, parts: 11_000 },
      });
    } catch (error) {
      reject(new MultipartError('malformed', `Invalid multipart content type: ${(error as Error).message}`));
      return;
    }
    const parts: MultipartPart[] = [];
    let settled = false;
    let received = 0;
    const fail = (error: MultipartError) => {
      if (settled) return;
      settled = true;
      stream.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => {});
      parser.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        stream.off('data', onData);
        fail(new MultipartError('too_large', `The request body is larger than ${limit} bytes.`));
      }
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) {
        fail(new MultipartError('too_large', `The field ${name} is too large.`));
        return;
      }
      parts.push({ name, value });
    });
    parser.on('file', (name, file, info) => {
      const part: UploadedFile = { field: name, filename: info.filename ?? '', contentType: info.mimeType, size: 0 };
      parts.push({ name, file: part });
      file.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
      });
      file.on('error', () => {}); // reported through the parser's own 'error'
    });
    parser.on('partsLimit', () => fail(new MultipartError('too_large', 'Too many parts.')));
    parser.on('error', (error: Error) =>
      fail(new MultipartError('malformed', `Malformed multipart body: ${error.message}`)),
    );
    parser.on('close', () => {
      if (settled) return;
      settled = true;
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
