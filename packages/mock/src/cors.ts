// Lets a web page call the mock: CORS preflights, CORS headers on every answer, and an `x-request-id`
// on every answer (as the API sends one), so a browser test and the client's `requestId` can use it.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_HEADERS } from './control-headers.js';

/** Request headers a page may send: the API's own (`extra`: the model's key and header parameters) plus the mock's control headers. */
export const corsAllowedHeaders = (extra: readonly string[] = []): string[] => [
  ...new Set([
    'x-api-key',
    'content-type',
    'accept',
    'x-request-id',
    ...extra.map((name) => name.toLowerCase()),
    ...Object.values(CONTROL_HEADERS),
  ]),
];

/** Response headers a page may read besides the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after'] as const;

/** A fresh request id, `req_` + 24 hex digits (the API's ids are opaque strings; this only has to be unique). */
export const newRequestId = () => `req_${randomBytes(12).toString('hex')}`;

/** Headers every answer carries: any origin may read it (the key travels in a header, never a cookie). */
export function answerHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': CORS_EXPOSED_HEADERS.join(', '),
    'x-request-id': newRequestId(),
  };
}

/**
 * Answers a CORS preflight (OPTIONS with Access-Control-Request-Method) with 204 allowing `methods()`
 * (the operations' methods at that path, worked out only for a preflight) and returns true; returns false for any other request.
 * Headers the page asks for beyond the list are allowed too, so a client that adds its own
 * identification header is not refused by a mock meant for tests.
 */
export function answerPreflight(
  req: IncomingMessage,
  res: ServerResponse,
  methods: () => readonly string[],
  extraHeaders: readonly string[] = [],
): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const allowed = [...new Set([...corsAllowedHeaders(extraHeaders), ...asked])];
  res.writeHead(204, {
    ...answerHeaders(),
    'access-control-allow-methods': methods().join(', '),
    'access-control-allow-headers': allowed.join(', '),
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
  return true;
}
