// Object → multipart FormData, in the wire format the spec's `encoding` declares:
//   plain field           name=value            (booleans true/false, numbers in decimal)
//   file / file array     name=<file> per file  (filename and content type kept)
//   'brackets' array      name[]=value per item (attendees_ids[]=…)
//   'deepObject' object   name[key][sub]=value  (linkedin[follow_up][scheduled_time][days]=3)
// Written here rather than with object-to-formdata, which names a plain Blob in a file array
// `attachments[]` (its plain-name option only recognises File) and cannot take per-field formats.
export type WireFormat = 'brackets' | 'deepObject';

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

function append(form: FormData, name: string, value: unknown, format?: WireFormat): void {
  if (typeof value === 'string') {
    form.append(name, value);
  } else if (value == null) {
    // absent optional field: no part
  } else if (value instanceof Blob) {
    form.append(name, value); // a File keeps its name; FormData names a bare Blob "blob"
  } else if (Array.isArray(value)) {
    // Files repeat under the plain name; other items of a bracketed array or object use name[].
    for (const item of value) append(form, format && !(item instanceof Blob) ? `${name}[]` : name, item, format);
  } else if (typeof value === 'object' && format === 'deepObject') {
    for (const key of Object.keys(value))
      append(form, `${name}[${key}]`, (value as Record<string, unknown>)[key], format);
  } else if (typeof value === 'boolean') {
    form.append(name, String(value));
  } else if (Number.isFinite(value)) {
    form.append(name, decimal(value as number));
  } else {
    throw new EncodeError(
      `${name}: cannot send ${typeof value === 'number' ? value : typeof value} in a multipart field`,
    );
  }
}

export function toFormData(body: Record<string, unknown>, wire: Readonly<Record<string, WireFormat>>): FormData {
  const form = new FormData();
  for (const name of Object.keys(body)) append(form, name, body[name], wire[name]);
  return form;
}
