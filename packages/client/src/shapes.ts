// Code only some operations need: query strings, JSON and multipart bodies, paging.
// scripts/generate-client.mjs copies this file into a generated operations file whose operations use
// it, and their descriptors point at it (`uses`): an app bundles it only with an operation that needs
// it, and a generated file, wherever it lies, still imports nothing but types. So this file imports
// nothing but types either.
import type { OperationDescriptor, PageCall, Reads, Scalar, WireFormat } from './types.js';

/**
 * The query string (without `?`) of the operation's parameters in `values`; absent ones and empty
 * lists are left out. A list goes in its style (`form`: `a=1&a=2` exploded or `a=1,2`;
 * `spaceDelimited`: `a=1%202`; `pipeDelimited`: `a=1|2`), an object as a `deepObject` (`a[k]=v`);
 * the generator refuses objects in any other style. Written here rather than with openapi-fetch's
 * serializers, which write a deepObject's keys unencoded and carry path styles the spec never uses.
 */
export function queryString(
  op: Pick<OperationDescriptor, 'query'>,
  values: Record<string, unknown>,
  scalar: Scalar,
): string {
  const parts: string[] = [];
  for (const [name, [style, explode]] of Object.entries(op.query ?? {})) {
    const value = values[name];
    const text = (v: unknown) => encodeURIComponent(scalar(name, v, 'a query parameter'));
    if (
      style === 'deepObject' &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date)
    ) {
      for (const [k, v] of Object.entries(value)) if (v != null) parts.push(`${name}[${text(k)}]=${text(v)}`);
    } else {
      // One value is a list of one; an exploded list repeats the name.
      const list = value == null ? [] : [value].flat();
      const separator = explode ? `&${name}=` : ({ spaceDelimited: '%20', pipeDelimited: '|' }[style as string] ?? ',');
      if (list.length) parts.push(`${name}=${list.map(text).join(separator)}`);
    }
  }
  return parts.join('&');
}

/**
 * The JSON body: `params` itself (`json-value`), or the body's `fields` from them, left out (undefined)
 * when the body is optional and nothing of it is given, refused (an `error`) when it is required; with
 * its content type in `headers`. Plain data only: a Blob, Map, function or NaN would reach the API as
 * `{}`, nothing or `null`.
 */
export function toJson(
  op: Pick<OperationDescriptor, 'body' | 'optionalBody' | 'mediaType'>,
  params: unknown,
  fields: Record<string, unknown>,
  scalar: Scalar,
  headers: Record<string, string>,
  error: new (message: string) => Error,
): string | undefined {
  if (op.body === 'json') {
    if (op.optionalBody && !Object.keys(fields).length) return undefined;
    params = fields;
  } else if (params === undefined) {
    if (op.optionalBody) return undefined;
    throw new error('this operation needs a request body');
  }
  headers['content-type'] = op.mediaType ?? 'application/json';
  return JSON.stringify(params, (key, v: unknown) => {
    // Lists and plain objects are walked; every other value is checked the way a multipart field is.
    if (
      v != null &&
      !(typeof v === 'object' && (Array.isArray(v) || [Object.prototype, null].includes(Object.getPrototypeOf(v))))
    )
      scalar(key || 'body', v, 'a JSON body');
    return v;
  });
}

/**
 * Object → multipart FormData, in the wire format the spec's `encoding` declares:
 *   plain field           name=value            (booleans true/false, numbers in decimal)
 *   file / file array     name=<file> per file  (filename and content type kept)
 *   'brackets' array      name[]=value per item (attendees_ids[]=…)
 *   'deepObject' object   name[key][sub]=value  (linkedin[follow_up][scheduled_time][days]=3)
 * Written here rather than with object-to-formdata, which names a plain Blob in a file array
 * `attachments[]` (its plain-name option only recognises File) and cannot take per-field formats.
 * `reads` follows the files' streams; a refusal is an `error` (the client's EncodeError).
 */
export function toFormData(
  body: Record<string, unknown>,
  wire: Readonly<Record<string, WireFormat>> = {},
  reads: Reads,
  scalar: Scalar,
  error: new (message: string) => Error,
): FormData {
  const form = new FormData();
  const WATCHED_FROM = 256 * 1024;
  // `blob` as a File whose stream never errors: a failed read, or one that is not the Blob's size (fetch
  // would wait forever for a longer one), ends the part early instead. fetch then fails on the content
  // length, and `reads` lets the call say the request was not sent (or not sent whole: safe to send
  // again). Chunks pass through as read, nothing buffered: a 256 MiB upload takes the same memory as
  // with the Blob itself. Only where it is worth a new File (a quarter of a small call's cost on Node
  // 20): a Blob with a stream of its own (a subclass's: it can fail or lie in any way), and one over
  // WATCHED_FROM, whose upload lasts long enough to be cut. A runtime's own small Blob is sent as it
  // is: its reader fails with a NotReadableError (a file changed after fs.openAsBlob) or yields fewer
  // bytes than its size (a /sys file), and fetch rejects with that error or a content-length
  // mismatch, which the client reads as not sent (Node 20, 22 and 24: test/hostile.test.ts).
  const watched = (blob: Blob, name: string): File => {
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
  };
  const append = (name: string, value: unknown, format: WireFormat | undefined): void => {
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
        throw new error(`${name}: the file name ${JSON.stringify(file)} would not arrive as named`);
      form.append(
        name,
        value.stream !== Blob.prototype.stream || value.size > WATCHED_FROM ? watched(value, file ?? 'blob') : value,
      );
    } else if (Array.isArray(value)) {
      // Files repeat under the plain name; other items of a bracketed array or object use name[].
      for (const item of value) append(format && !(item instanceof Blob) ? `${name}[]` : name, item, format);
    } else if (typeof value === 'object' && format === 'deepObject' && !(value instanceof Date)) {
      for (const key of Object.keys(value)) append(`${name}[${key}]`, (value as Record<string, unknown>)[key], format);
    } else form.append(name, scalar(name, value, 'a multipart field'));
  };
  for (const name of Object.keys(body)) append(name, body[name], wire[name]);
  return form;
}

/**
 * Every item of every page: `call` again with the next page's cursor, until there is none. A failed
 * page is thrown as its error; a page without its list, or whose next cursor is its own (the same
 * page forever), as an `invalid_response` (`error` is the client's PostpressError class).
 */
export async function* pages(
  call: PageCall,
  op: OperationDescriptor,
  args: unknown[],
  error: new (fields: Record<string, unknown>) => Error,
): AsyncGenerator<unknown> {
  const n = op.pathParams.length;
  const [cursor, items, next] = op.page as readonly [string, string, string];
  let params = { ...(args[n] as object) } as Record<string, unknown>;
  for (;;) {
    const result = await call(...args.slice(0, n), params, args[n + 1]);
    if (result.error) throw result.error;
    const page = result.data as Record<string, unknown>;
    const list = page[items];
    if (!Array.isArray(list) || (page[next] != null && page[next] === params[cursor]))
      throw new error({
        kind: 'invalid_response',
        httpStatus: result.response?.status,
        contentType: result.response?.headers.get('content-type'),
        rawBody: '',
        reason: `no list of ${items}, or a ${next} that repeats this page's`,
        retryable: false,
        attempts: result.attempts,
        requestIds: result.requestIds,
      });
    yield* list;
    if (page[next] == null || page[next] === '') return;
    params = { ...params, [cursor]: page[next] };
  }
}
