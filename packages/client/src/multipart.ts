// Object → multipart FormData, in the wire format the spec's `encoding` declares:
//   plain field           name=value            (booleans true/false, numbers in decimal)
//   file / file array     name=<file> per file  (filename and content type kept)
//   'brackets' array      name[]=value per item (attendees_ids[]=…)
//   'deepObject' object   name[key][sub]=value  (linkedin[follow_up][scheduled_time][days]=3)
// Written here rather than with object-to-formdata, which names a plain Blob in a file array
// `attachments[]` (its plain-name option only recognises File) and cannot take per-field formats.
// `scalar` (one value as the text the API reads) is shared with the query and header encoder (request.ts).
import type { WireFormat } from './types.js';

/** A value the client will not send (caught and returned as an `invalid_request`). */
export class EncodeError extends Error {}

/** A finite number in plain decimal: String(1e21) is "1e+21", the API takes "1000000000000000000000". */
function decimal(n: number): string {
  const [mantissa = '', exponent] = String(n).split('e');
  if (!exponent) return mantissa;
  // String() writes one digit before the point, so the point moves to 1 + exponent.
  const digits = mantissa.replace(/\D/g, '');
  const point = 1 + Number(exponent);
  return (n < 0 ? '-' : '') + (point > 0 ? digits.padEnd(point, '0') : `0.${'0'.repeat(-point)}${digits}`);
}

/** Text with a lone surrogate is refused: FormData and encodeURIComponent would not send it as given. */
export function text(name: string, value: string): string {
  if (/\p{Cs}/u.test(value)) throw new EncodeError(`${name}: text contains a lone surrogate (not valid Unicode)`);
  return value;
}

/** The refusal of a value the client cannot write `where` (a multipart field, a query parameter…). */
export const cannot = (name: string, value: unknown, where: string) =>
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

function append(form: FormData, name: string, value: unknown, format?: WireFormat): void {
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
      throw new EncodeError(
        `${name}: the file name ${JSON.stringify(file)} cannot be sent as named (it must not be empty, "." or "..", nor hold ", \\ or control characters)`,
      );
    form.append(name, value);
  } else if (Array.isArray(value)) {
    // Files repeat under the plain name; other items of a bracketed array or object use name[].
    for (const item of value) append(form, format && !(item instanceof Blob) ? `${name}[]` : name, item, format);
  } else if (typeof value === 'object' && format === 'deepObject' && !(value instanceof Date)) {
    for (const key of Object.keys(value))
      append(form, `${name}[${key}]`, (value as Record<string, unknown>)[key], format);
  } else form.append(name, scalar(name, value, 'a multipart field'));
}

export function toFormData(body: Record<string, unknown>, wire: Readonly<Record<string, WireFormat>> = {}): FormData {
  const form = new FormData();
  for (const name of Object.keys(body)) append(form, name, body[name], wire[name]);
  return form;
}
