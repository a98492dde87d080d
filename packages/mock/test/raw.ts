// Raw TCP exchanges, for what fetch cannot send (broken request lines, bad chunks, stalled bodies).
import { connect } from 'node:net';
import { KEY } from './helpers.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent, for pipelined responses. */
  text: string;
}

/** Parses the first HTTP/1.1 response of `text`. */
export function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  if (end === -1) throw new Error(`no complete response in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  return { status, headers, body: text.slice(end + 4, end + 4 + length), text };
}

/**
 * Connects, writes `chunks` (strings are sent as latin-1 bytes; numbers are pauses in ms), then
 * collects what the server sends until it closes the connection (or `waitMs` passes).
 */
export function exchange(
  port: number,
  chunks: (string | Buffer | number)[],
  { end = false, waitMs = 30_000 } = {},
): Promise<{ text: string; closed: boolean; error?: string }> {
  return new Promise((resolve) => {
    let text = '';
    let error: string | undefined;
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false, error });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, error });
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (typeof chunk === 'number') await new Promise((r) => setTimeout(r, chunk));
        else if (!socket.destroyed) socket.write(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
      }
      if (end && !socket.destroyed) socket.end();
    });
  });
}

/** Like helpers' `post`, with a time limit for a busy machine (bodies of 10,000 parts take a while). */
export async function post(url: string, body: FormData | string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-API-KEY': KEY, ...headers },
    body,
    signal: AbortSignal.timeout(50_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}
