// A FormData as a streamed multipart body, for large files. Node's fetch reads every Blob of a
// FormData body into memory before sending (undici #4058); a ReadableStream body is sent as it is
// read. Web APIs only, so the same code runs in browsers, Deno, Bun and Node. The parts come from
// the FormData that multipart.ts built, so the wire format stays defined in one place.

/** Bodies with a file larger than this are streamed; smaller ones go as FormData. */
export const STREAM_THRESHOLD = 8 * 1024 * 1024;

export interface MultipartStream {
  stream: ReadableStream<Uint8Array>;
  /** `multipart/form-data; boundary=…`: must be sent as the Content-Type, or the server cannot split the parts. */
  contentType: string;
}

// The HTML standard's multipart/form-data escaping of names (after line breaks become CRLF) and file names.
const escapeName = (name: string) => name.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
// FormData serialisation turns every line break of a string value into CRLF.
const crlf = (value: string) => value.replace(/\r\n|\r|\n/g, '\r\n');

function randomBoundary(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `postpress-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The FormData's entries, in order, as the bytes `new Request(url, { body: form })` would send. */
export function toMultipartStream(form: FormData): MultipartStream {
  const boundary = randomBoundary();
  const encoder = new TextEncoder();
  const entries = [...form];
  let next = 0;
  let file: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (file) {
        const { done, value } = await file.read();
        if (!done) return controller.enqueue(value);
        file = undefined;
        return controller.enqueue(encoder.encode('\r\n'));
      }
      const entry = entries[next++];
      if (!entry) {
        controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
        return controller.close();
      }
      const [name, value] = entry;
      const disposition = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(crlf(name))}"`;
      if (typeof value === 'string') {
        return controller.enqueue(encoder.encode(`${disposition}\r\n\r\n${crlf(value)}\r\n`));
      }
      const type = value.type || 'application/octet-stream';
      controller.enqueue(
        encoder.encode(`${disposition}; filename="${escapeName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`),
      );
      file = value.stream().getReader();
    },
    cancel(reason) {
      return file?.cancel(reason);
    },
  });
  return { stream, contentType: `multipart/form-data; boundary=${boundary}` };
}

let streamsSupported: boolean | undefined;

/** Whether fetch can send a ReadableStream body (`duplex: 'half'`): Node 18+, Chromium 105+; not Safari or Firefox yet. */
function supportsRequestStreams(): boolean {
  if (streamsSupported === undefined) {
    let duplexRead = false;
    try {
      // A runtime without request streams ignores `duplex` and sends the stream as the text "[object ReadableStream]".
      const init = {
        method: 'POST',
        body: new ReadableStream(),
        get duplex() {
          duplexRead = true;
          return 'half';
        },
      };
      streamsSupported = !new Request('http://127.0.0.1/', init).headers.has('content-type') && duplexRead;
    } catch {
      streamsSupported = false;
    }
  }
  return streamsSupported;
}

/** The streamed body for this FormData when it holds a file larger than the threshold and the runtime can stream it. */
export function streamedBody(form: FormData, threshold = STREAM_THRESHOLD): MultipartStream | undefined {
  for (const [, value] of form) {
    if (typeof value !== 'string' && value.size > threshold)
      return supportsRequestStreams() ? toMultipartStream(form) : undefined;
  }
  return undefined;
}
