// One value as the text the API reads (`scalar`), and the refusal of one the client will not send
// (`EncodeError`). `scalar` writes path and header parameters (client.ts, request.ts) and is handed to
// an operation's own code for its query string, JSON or multipart body (shapes.ts, which the generated
// file carries: only multipart operations bundle the multipart encoder).
import { toFormData as encode } from './shapes.js';
import type { Reads, WireFormat } from './types.js';

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

/** shapes.ts's multipart encoder with this file's scalar and refusal (for tests, and the interop package's fixtures). */
export const toFormData = (
  body: Record<string, unknown>,
  wire?: Readonly<Record<string, WireFormat>>,
  reads: Reads = { open: 0 },
): FormData => encode(body, wire, reads, scalar, EncodeError);
