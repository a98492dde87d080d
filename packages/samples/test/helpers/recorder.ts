// A loopback server that records each request byte for byte (multipart parsed into parts by busboy)
// and answers the model's documented success for the route: for running samples of operations the
// published mock does not serve (the fixture spec's GET, PATCH, PUT, DELETE and JSON operations).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationsModel } from '@postpress/openapi/operations.json';
import busboy from 'busboy';

export type RecordedPart =
  | { kind: 'field'; name: string; value: string }
  | { kind: 'file'; name: string; filename: string; contentType: string; size: number };

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  parts: RecordedPart[];
  status: number;
}

export interface Recorder {
  url: string;
  received: Recorded[];
  close(): Promise<void>;
}

function parts(headers: IncomingHttpHeaders, body: Buffer): Promise<RecordedPart[]> {
  return new Promise((resolve, reject) => {
    const out: RecordedPart[] = [];
    const parser = busboy({ headers, preservePath: true });
    parser.on('field', (name, value) => out.push({ kind: 'field', name, value }));
    parser.on('file', (name, stream, info) => {
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      stream.on('end', () =>
        out.push({ kind: 'file', name, filename: info.filename, contentType: info.mimeType, size }),
      );
    });
    parser.on('close', () => resolve(out));
    parser.on('error', reject);
    parser.end(body);
  });
}

/** Starts a recorder answering `model`'s operations (an unknown route gets 404). */
export async function startRecorder(model: OperationsModel): Promise<Recorder> {
  const routes = model.operations.map((operation) => ({
    operation,
    pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const received: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const pathname = new URL(req.url ?? '/', 'http://recorder').pathname;
    const route = routes.find((r) => r.operation.method === req.method && r.pattern.test(pathname));
    const success = route?.operation.responses.find((r) => r.success);
    const status = success?.status ?? 404;
    const type = String(req.headers['content-type'] ?? '');
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      parts: type.startsWith('multipart/form-data') ? await parts(req.headers, body) : [],
      status,
    });
    if (!success?.mediaType) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': success.mediaType });
    res.end(JSON.stringify(success.examples[0]?.value ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
