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
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(String(n));
  if (!m) return String(n);
  const [, sign, int, frac = '', exp] = m as unknown as [string, string, string, string | undefined, string];
  const e = Number(exp);
  return e < 0 ? `${sign}0.${'0'.repeat(-e - 1)}${int}${frac}` : `${sign}${int}${frac}${'0'.repeat(e - frac.length)}`;
}

function scalar(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return decimal(value);
  throw new EncodeError(
    `${name}: cannot send ${typeof value === 'number' ? String(value) : typeof value} in a multipart field`,
  );
}

function append(form: FormData, name: string, value: unknown, nested: boolean): void {
  if (value === undefined || value === null) return;
  if (value instanceof Blob) {
    // A File keeps its name; FormData names a bare Blob "blob".
    form.append(name, value);
  } else if (Array.isArray(value)) {
    // Files repeat under the plain name; other arrays inside a bracketed object use name[].
    for (const item of value) append(form, item instanceof Blob || !nested ? name : `${name}[]`, item, nested);
  } else if (typeof value === 'object') {
    if (!nested) throw new EncodeError(`${name}: an object field must be declared deepObject in the spec`);
    for (const [key, inner] of Object.entries(value)) append(form, `${name}[${key}]`, inner, true);
  } else {
    form.append(name, scalar(name, value));
  }
}

export function toFormData(body: Record<string, unknown>, wire: Readonly<Record<string, WireFormat>>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    const format = wire[name];
    if (format === 'brackets' && Array.isArray(value)) for (const item of value) append(form, `${name}[]`, item, false);
    else append(form, name, value, format === 'deepObject');
  }
  return form;
}
