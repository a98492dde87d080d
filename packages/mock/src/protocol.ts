// Answers for what node:http could not parse as a request (or refused before it became one),
// written straight to the socket as a complete HTTP/1.1 response with the API's error envelope.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorEnvelope } from './spec.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
/** How long a refused connection may linger (reading and discarding) before it is destroyed. */
const LINGER_MS = 1_000;

const malformed = (detail: string): ErrorEnvelope => ({
  status: 400,
  type: 'errors/malformed_request',
  title: 'Malformed request',
  detail,
});

/** Whether the bytes start like a request line (`TOKEN SP target…`). */
const looksLikeRequestLine = (raw: string) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S/.test(raw);

/** The closest HTTP status and an envelope for a node:http `clientError`. */
export function parserErrorAnswer(
  error: Error & { code?: string; rawPacket?: Buffer },
  timeouts: { headersTimeoutMs: number; requestTimeoutMs: number },
  headersDone: boolean,
): ErrorEnvelope {
  const raw = error.rawPacket ? error.rawPacket.subarray(0, 1024).toString('latin1') : '';
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        type: 'mock/request_timeout',
        title: 'Request timeout',
        detail: headersDone
          ? `The request was not received in full within ${timeouts.requestTimeoutMs} ms (limit requestTimeoutMs).`
          : `The request headers did not arrive within ${timeouts.headersTimeoutMs} ms (limit headersTimeoutMs).`,
      };
    case 'HPE_HEADER_OVERFLOW':
      // One packet of request target with no line end: the path itself is what is too long.
      if (looksLikeRequestLine(raw) && !raw.includes('\n')) {
        return {
          status: 414,
          type: 'mock/uri_too_long',
          title: 'URI too long',
          detail: 'The request line is longer than the 16 KiB node:http reads for the request line and headers.',
        };
      }
      return {
        status: 431,
        type: 'mock/header_fields_too_large',
        title: 'Header fields too large',
        detail: 'The request line and headers are larger than the 16 KiB node:http accepts.',
      };
    case 'HPE_INVALID_METHOD':
      if (!/^\S+ \S+ HTTP\/\d\.\d\r?\n/.test(raw)) {
        return malformed('The request does not start with an HTTP request line (METHOD target HTTP/1.1).');
      }
      return {
        status: 501,
        type: 'mock/method_not_implemented',
        title: 'Method not implemented',
        detail:
          'The request method is not one HTTP/1.1 servers know; the API answers GET, PUT, POST, PATCH and DELETE.',
      };
    case 'HPE_INVALID_VERSION':
      if (/^\S+ \S+ HTTP\/\d\.\d\r\n/.test(raw) && !/^\S+ \S+ HTTP\/1\.[01]\r\n/.test(raw)) {
        return {
          status: 505,
          type: 'mock/http_version_not_supported',
          title: 'HTTP version not supported',
          detail: 'The mock speaks HTTP/1.0 and HTTP/1.1.',
        };
      }
      break;
  }
  // llhttp's reasons are fixed texts ("Transfer-Encoding can't be present with Content-Length", …).
  const reason = (error as { reason?: unknown }).reason;
  return malformed(
    `The request could not be parsed as HTTP/1.1${typeof reason === 'string' ? `: ${reason}` : ''}${
      error.code?.startsWith('HPE_') ? ` (${error.code})` : ''
    }.`,
  );
}

/** The bytes of a complete `Connection: close` response carrying `envelope`. */
export function rawResponse(envelope: ErrorEnvelope, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(envelope);
  const lines = [
    `HTTP/1.1 ${envelope.status} ${STATUS_CODES[envelope.status] ?? 'Error'}`,
    `content-type: ${JSON_TYPE}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const answeredSockets = new WeakSet<Duplex>();

/**
 * Writes `envelope` as the last response on `socket` and closes it gracefully: what the client
 * still sends is read and discarded for up to a second, so the answer is not lost to a reset.
 * Returns false (and does nothing) if the socket was already answered or cannot be written.
 */
export function answerRaw(socket: Duplex, envelope: ErrorEnvelope, headers: Record<string, string> = {}): boolean {
  if (answeredSockets.has(socket)) return false;
  answeredSockets.add(socket);
  if (!socket.writable) {
    socket.destroy();
    return false;
  }
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.on('error', () => {});
  socket.end(rawResponse(envelope, headers));
  return true;
}

export const wasAnsweredRaw = (socket: Duplex) => answeredSockets.has(socket);
