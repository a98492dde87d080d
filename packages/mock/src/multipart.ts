// Reads a multipart/form-data body into its parts, with limits that refuse (never truncate) and
// without keeping file bytes.
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import StreamSearch from 'streamsearch';
import type { Hold } from './limits.js';

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
    /** `busy`: the server holds `maxHeldBytes` of request text already (answered 503, to retry). */
    readonly kind: 'too_large' | 'malformed' | 'busy',
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
  /** Most bytes of all text field values together (default 4 MiB): they are held until the body ends. */
  maxTextBytes?: number;
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
  return readParts(stream, contentType, options);
}

export const DEFAULT_MAX_TEXT_BYTES = 4 * 1024 * 1024;

/**
 * readMultipart, with `hold`: the request's share of the server-wide text budget (maxHeldBytes),
 * charged as text arrives (an unfinished text part as its bytes arrive, at most maxFieldBytes).
 */
export function readParts(
  stream: Readable,
  contentType: string | undefined,
  options: ReadMultipartOptions & { hold?: Hold },
): Promise<MultipartPart[]> {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxParts = options.maxParts ?? 1_000;
  const maxFields = options.maxFields ?? 1_000;
  const maxFiles = options.maxFiles ?? 100;
  const maxFieldBytes = options.maxFieldBytes ?? 1024 * 1024;
  const maxTextBytes = options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES;
  const { hold } = options;
  return new Promise((resolve, reject) => {
    let boundary: string;
    try {
      boundary = multipartBoundary(contentType);
    } catch (error) {
      reject(error);
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        // The boundary as parsed above, in the one spelling busboy reads back unchanged (it has no `"` or `\`).
        headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` },
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
    const delimiters = countDelimiters(boundary);
    let settled = false;
    let received = 0;
    // Text held: `kept` in parts read, `pending` an unfinished text part inside busboy (not a file's bytes).
    let kept = 0;
    let pending = 0;
    let inFile = false;
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
    /** Adds `bytes` of held text to the server's budget; false (and refused as busy) when it is spent. */
    const charge = (bytes: number) => {
      if (!hold || hold.charge(bytes)) return true;
      fail(
        new MultipartError(
          'busy',
          `The requests in flight already hold as much request text as the mock keeps in memory (limit maxHeldBytes: ${hold.max} bytes); retry in a moment.`,
          'maxHeldBytes',
        ),
      );
      return false;
    };
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
      delimiters.push(chunk);
      received += chunk.length;
      if (received > limit) return tooLarge(`The request body is larger than ${limit} bytes`, 'maxBodyBytes', limit);
      // Not a file's bytes: busboy may be gathering them into a text value (it keeps at most maxFieldBytes + 1).
      if (!inFile) {
        const was = pending;
        pending = Math.min(pending + chunk.length, maxFieldBytes + 1);
        charge(pending - was);
      }
    };
    parser.on('field', (name: string | undefined, value, info) => {
      if (!name) return unnamed();
      if (info.valueTruncated) {
        return tooLarge(`The field ${name} is longer than ${maxFieldBytes} bytes`, 'maxFieldBytes', maxFieldBytes);
      }
      const bytes = Buffer.byteLength(value);
      kept += bytes;
      if (kept > maxTextBytes) {
        return tooLarge(`The text fields hold more than ${maxTextBytes} bytes together`, 'maxTextBytes', maxTextBytes);
      }
      if (!charge(bytes - pending)) return;
      pending = 0;
      add({ name, value, contentType: info.mimeType });
    });
    parser.on('file', (name: string | undefined, file, info) => {
      file.on('error', () => {}); // reported through the parser's own 'error'
      charge(-pending);
      pending = 0;
      inFile = true;
      file.once('end', () => {
        inFile = false;
      });
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
      const expected = delimiters.count() - 1;
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

// The media type grammar of RFC 9110 (token "/" token, then `; name=value` with a token or a
// quoted-string). Hand-written: busboy and the `content-type` package both keep one of two
// `boundary` parameters in silence, and refusing that needs every parameter, which neither returns.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t\\x20-\\x7e\\x80-\\xff])*"';
const MEDIA_TYPE = new RegExp(`^[ \\t]*(${TOKEN})/(${TOKEN})`, 'y');
const PARAMETER = new RegExp(`[ \\t]*;[ \\t]*(${TOKEN})=(${TOKEN}|${QUOTED})`, 'y');
/** RFC 2046's boundary: 1 to 70 of these characters, the last not a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/**
 * The boundary of a `multipart/form-data` Content-Type, parsed once, strictly: a header that does
 * not follow the grammar, gives a parameter twice, or whose boundary is not RFC 2046's is refused
 * (`MultipartError` malformed), so no other reading of it (busboy's, a proxy's) can find other parts.
 */
export function multipartBoundary(contentType: string | undefined): string {
  const malformed = (why: string) => new MultipartError('malformed', why);
  const shown = JSON.stringify((contentType ?? '').slice(0, 200));
  const rule = 'let your HTTP library write the Content-Type header (never set it by hand)';
  if (!contentType) throw malformed(`The body must be multipart/form-data with a boundary; ${rule}.`);
  MEDIA_TYPE.lastIndex = 0;
  const media = MEDIA_TYPE.exec(contentType);
  if (!media || `${media[1]}/${media[2]}`.toLowerCase() !== 'multipart/form-data') {
    throw malformed(`The body must be multipart/form-data with a boundary (got Content-Type ${shown}).`);
  }
  const params = new Map<string, string>();
  let at = MEDIA_TYPE.lastIndex;
  for (;;) {
    PARAMETER.lastIndex = at;
    const param = PARAMETER.exec(contentType);
    if (!param) break;
    at = PARAMETER.lastIndex;
    const name = (param[1] as string).toLowerCase();
    const raw = param[2] as string;
    if (params.has(name)) {
      throw malformed(`The Content-Type gives the ${name} parameter twice (${shown}); send it once: ${rule}.`);
    }
    params.set(name, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  if (!/^[ \t]*$/.test(contentType.slice(at))) {
    throw malformed(
      `The Content-Type ${shown} is not a media type with \`; name=value\` parameters (RFC 9110); ${rule}.`,
    );
  }
  const boundary = params.get('boundary');
  if (boundary === undefined) throw malformed(`The Content-Type ${shown} has no boundary parameter; ${rule}.`);
  if (!BOUNDARY.test(boundary)) {
    throw malformed(
      `The multipart boundary ${JSON.stringify(boundary.slice(0, 100))} is not 1 to 70 letters, digits or '()+_,-./:=? and inner spaces (RFC 2046); ${rule}.`,
    );
  }
  return boundary;
}

/** Counts multipart delimiters (`CRLF--boundary`) up to the closing one, as busboy finds them. */
function countDelimiters(value: string): { push(chunk: Buffer): void; count(): number } {
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
