// Object → multipart FormData, in the wire format the spec's `encoding` declares:
//   plain field           name=value            (booleans true/false, numbers in decimal)
//   file / file array     name=<file> per file  (filename and content type kept)
//   'brackets' array      name[]=value per item (attendees_ids[]=…)
//   'deepObject' object   name[key][sub]=value  (linkedin[follow_up][scheduled_time][days]=3)
// Written here rather than with object-to-formdata, which names a plain Blob in a file array
// `attachments[]` (its plain-name option only recognises File) and cannot take per-field formats.
// `scalar` (one value as the text the API reads) also writes header parameters (request.ts), and is
// handed to an operation's own code for its query string and JSON body (shapes.ts).
import type { WireFormat } from './types.js';

/** A value the client will not send (caught and returned as an `invalid_request`). */
export class EncodeError extends Error {}

/** A finite number in plain decimal: String(1e21) is "1e+21", the API takes "1000000000000000000000". */
function decimal(n: number): string {
  const text = String(n);
  // Intl writes the same shortest round-trip digits as String, in full (checked on 300,000 doubles).
  return text.includes('e') ? n.toLocaleString('en', { useGrouping: false, maximumSignificantDigits: 21 }) : text;
}

/** Text with a lone surrogate is refused: FormData and encodeURIComponent would not send it as given. */
function text(name: string, value: string): string {
  if (/\p{Cs}/u.test(value)) throw new EncodeError(`${name}: text contains a lone surrogate`);
  return value;
}

/** The refusal of a value the client cannot write `where` (a multipart field, a query parameter…). */
const cannot = (name: string, value: unknown, where: string) =>
  new EncodeError(
    `${name}: cannot send ${value instanceof Date ? 'an invalid Date' : typeof value === 'number' ? value : typeof value} in ${where}`,
  );

/** A text, boolean, finite number or valid Date as the text the API reads (a Date in ISO 8601); anything else is refused. */
export function scalar(name: string, value: unknown, where: string): string {
  if (typeof value === 'string') return text(name, value);
  if (typeof value === 'boolean') return String(value);
  if (Number.isFinite(value)) return decimal(value as number);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw cannot(name, value, where);
}

/** What became of one request body's files: streams begun and not read to their end, and whether a read failed. */
export interface Reads {
  open: number;
  failed?: true;
}

/**
 * `blob` as a File whose stream never errors. A file-backed Blob (fs.openAsBlob) fails its read when
 * the file changed after it was opened, and some Node versions' fetch then rejects where nothing
 * awaits it: the process dies. Here a failed read, or one that is not the Blob's size (fetch would
 * wait forever for a longer one), ends the part early instead: fetch then fails on the content length,
 * and `reads` lets the call say the request was not sent. Chunks pass through as read, nothing
 * buffered: a 256 MiB upload takes the same memory as with the Blob itself.
 */
function watched(blob: Blob, name: string, reads: Reads): File {
  const file = new File([blob], name, { type: blob.type });
  file.stream = () => {
    const reader = blob.stream().getReader();
    let size = 0;
    reads.open++;
    return new ReadableStream({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          size += value?.byteLength ?? 0;
          if (size > blob.size || (done && size < blob.size)) throw 0;
          if (!done) return controller.enqueue(value);
          reads.open--;
        } catch {
          reads.failed = true;
          reader.cancel().catch(() => {});
        }
        controller.close();
      },
      cancel: (reason) => reader.cancel(reason),
    });
  };
  return file;
}

function append(form: FormData, name: string, value: unknown, format: WireFormat | undefined, reads: Reads): void {
  if (value == null) {
    // absent optional field: no part
  } else if (value instanceof Blob) {
    // A File keeps its name; FormData names a bare Blob "blob". Names that would not arrive as
    // named are refused (checked with busboy, test/filenames.test.ts): fetch's FormData writes `"`,
    // CR and LF as %22, %0D, %0A; a parser reads `\"` as an escaped quote, so a name ending in `\`
    // loses its file; control characters other than tab break the part header (the whole request
    // fails); an empty name makes the part a text field; parsers that strip paths empty `.`/`..`.
    const file = (value as File).name;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (typeof file === 'string' && /[\0-\x08\n-\x1f\x7f"\\]|^\.{0,2}$/.test(file))
      throw new EncodeError(`${name}: the file name ${JSON.stringify(file)} would not arrive as named`);
    form.append(name, watched(value, file ?? 'blob', reads));
  } else if (Array.isArray(value)) {
    // Files repeat under the plain name; other items of a bracketed array or object use name[].
    for (const item of value) append(form, format && !(item instanceof Blob) ? `${name}[]` : name, item, format, reads);
  } else if (typeof value === 'object' && format === 'deepObject' && !(value instanceof Date)) {
    for (const key of Object.keys(value))
      append(form, `${name}[${key}]`, (value as Record<string, unknown>)[key], format, reads);
  } else form.append(name, scalar(name, value, 'a multipart field'));
}

export function toFormData(
  body: Record<string, unknown>,
  wire: Readonly<Record<string, WireFormat>> = {},
  reads: Reads = { open: 0 },
): FormData {
  const form = new FormData();
  for (const name of Object.keys(body)) append(form, name, body[name], wire[name], reads);
  return form;
}
