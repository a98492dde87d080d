// Issue 13: every file arrives exactly as named, or the call is refused before anything is sent
// with an `invalid_request` that names it. Property: random Unicode file names (and random file
// bytes), sent through the client to a real multipart parser (busboy, which @postpress/mock
// uses; here with `defParamCharset: 'utf8'` and `preservePath: true` so that it keeps every name
// as sent), arrive whole; and each name the client refuses really would not have (sent with raw
// fetch + FormData, it is lost, renamed or fails the whole request).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../src/index.js';

interface Received {
  files: { field: string; filename: string | undefined; bytes: string }[];
  failed?: string;
}
const received: Received[] = [];
let url = '';
const server = createServer((req, res) => {
  const got: Received = { files: [] };
  received.push(got);
  const parser = busboy({ headers: req.headers, defParamCharset: 'utf8', preservePath: true });
  parser.on('file', (field, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () =>
      got.files.push({ field, filename: info.filename, bytes: Buffer.concat(chunks).toString('hex') }),
    );
  });
  parser.on('error', (error: Error) => {
    got.failed = error.message;
    req.unpipe(parser);
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' }).end('{}');
  });
  parser.on('close', () =>
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"object":"MessageSent","message_id":"m"}'),
  );
  req.pipe(parser);
});
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

// The names the client must refuse: busboy or fetch's FormData would not deliver them as named.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const unsendable = (name: string) => /[\0-\x08\n-\x1f\x7f"\\]|^\.{0,2}$/.test(name);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// Names: any code points (lone surrogates too: File turns them into U+FFFD), plus the awkward
// characters of multipart headers mixed into ordinary text.
const awkward = fc.constantFrom(
  '"',
  '\\',
  '\r',
  '\n',
  '\t',
  '\0',
  '\x7f',
  '%',
  ';',
  '=',
  '/',
  '.',
  ' ',
  'é',
  '😀',
  '\u2028',
);
const nameArb = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 16 }), weight: 1 },
  {
    arbitrary: fc.string({
      unit: fc.oneof(awkward, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 })),
      maxLength: 8,
    }),
    weight: 1,
  },
  { arbitrary: fc.constantFrom('', '.', '..', 'x\\', 'a"b'), weight: 1 },
);
const fileArb = fc.record({ name: nameArb, bytes: fc.uint8Array({ maxLength: 64 }) });

describe('file names, through the client and busboy', () => {
  const stats = { names: 0, sent: 0, refused: 0, lost: 0, failedRequests: 0 };

  it('≥ 5,000 random names delivered: each arrives exactly as named, or is refused before sending, naming the file', {
    timeout: 300_000,
  }, async () => {
    const client = createPostpressClient({ apiKey: 'pp_test_names', baseUrl: url, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(fileArb, { minLength: 5, maxLength: 8 }), fc.string(), async (specs, text) => {
        const files = specs.map(({ name, bytes }) => new File([bytes], name));
        stats.names += files.length;
        const good = files.filter((f) => !unsendable(f.name));
        for (const file of files.filter((f) => unsendable(f.name))) {
          const before = received.length;
          const { error } = await client.sendMessage('chat_1', { text, attachments: [file] });
          expect(error?.kind).toBe('invalid_request');
          expect((error as { message: string }).message).toContain(JSON.stringify(file.name));
          expect(received.length).toBe(before); // nothing sent
          stats.refused++;
        }
        if (good.length === 0) return;
        const before = received.length;
        const { data, error } = await client.sendMessage('chat_1', { text, attachments: good });
        const got = received[before];
        if (got?.failed) stats.failedRequests++;
        expect(error).toBeUndefined();
        expect(data?.message_id).toBe('m');
        const expected = await Promise.all(
          good.map(async (f) => ({
            field: 'attachments',
            filename: f.name,
            bytes: hex(new Uint8Array(await f.arrayBuffer())),
          })),
        );
        stats.lost += expected.filter((e, i) => JSON.stringify(got?.files[i]) !== JSON.stringify(e)).length;
        expect(got?.files).toEqual(expected);
        stats.sent += good.length;
      }),
      { numRuns: 1200 },
    );
    expect(stats.sent).toBeGreaterThanOrEqual(5000); // delivered; the refused ones come on top
    expect(stats.lost).toBe(0);
    expect(stats.failedRequests).toBe(0);
    console.info(`file names: ${JSON.stringify(stats)}`);
  });

  it.each(['x\\', 'a"b', 'a\nb', 'a\rb', 'a\0b', 'a\x01b', 'a\x7fb', ''])(
    'the refusal is needed: %j sent with raw fetch + FormData is lost, renamed or fails the request',
    async (name) => {
      const form = new FormData();
      form.append('text', 'hi');
      form.append('attachments', new File(['data'], name));
      const before = received.length;
      await fetch(`${url}/x`, { method: 'POST', body: form });
      const got = received[before];
      const intact = got?.files.some((f) => f.field === 'attachments' && f.filename === name);
      expect(got).toBeDefined();
      expect(intact).toBe(false);
    },
  );

  it('"." and ".." are emptied by a parser that strips paths (busboy without preservePath, as the mock uses it)', async () => {
    for (const name of ['.', '..']) {
      const form = new FormData();
      form.append('attachments', new File(['data'], name));
      const encoded = new Response(form);
      const type = encoded.headers.get('content-type') ?? '';
      const body = new Uint8Array(await encoded.arrayBuffer());
      const names: string[] = [];
      await new Promise<void>((resolve) => {
        const parser = busboy({ headers: { 'content-type': type } });
        parser.on('file', (_field, stream, info) => {
          names.push(info.filename);
          stream.resume();
        });
        parser.on('close', resolve);
        parser.end(body);
      });
      expect(names).toEqual(['']);
    }
  });
});
