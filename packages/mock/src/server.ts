// The mock server: plain node:http (routing two operations needs no framework).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHeaders, answerPreflight } from './cors.js';
import { DEFAULT_MAX_BODY_BYTES, MultipartError, readMultipart } from './multipart.js';
import { envelopeForMultipartError, validateParts } from './request.js';
import { type DocumentedError, type ErrorEnvelope, envelopeOf, type OperationId, operations } from './spec.js';

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Largest request body accepted, in bytes (default 50 MiB); larger gets 400 `errors/content_too_large`. */
  maxBodyBytes?: number;
}

export interface MockServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** Request headers that steer the mock (case-insensitive, as all HTTP headers). */
export const CONTROL_HEADERS = {
  error: 'x-postpress-mock-error',
  status: 'x-postpress-mock-status',
  retryAfter: 'x-postpress-mock-retry-after',
  failTimes: 'x-postpress-mock-fail-times',
  scenario: 'x-postpress-mock-scenario',
} as const;

/** Keys the mock accepts in `X-API-KEY`: `pp_live_…` or `pp_test_…`. */
export const API_KEY_PATTERN = /^pp_(live|test)_[A-Za-z0-9_-]+$/;

const JSON_TYPE = 'application/json; charset=utf-8';

class ControlHeaderError extends Error {}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers = {}) {
  const payload = JSON.stringify(body);
  const extra: Record<string, string> = { ...headers };
  // Answering before the body was read: drop the rest and the connection rather than buffer it.
  if (!req.complete) {
    extra.connection = 'close';
    req.resume();
  }
  res.writeHead(status, {
    ...answerHeaders(), // CORS + x-request-id (cors.ts)
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(payload),
    ...extra,
  });
  res.end(payload);
}

function route(method: string, pathname: string): { operationId: OperationId; chatId?: string } | undefined {
  if (method !== 'POST') return undefined;
  if (pathname === '/api/v1/chats') return { operationId: 'startChat' };
  const match = /^\/api\/v1\/chats\/([^/]+)\/messages$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return { operationId: 'sendMessage', chatId: decodeURIComponent(match[1]) };
  } catch {
    return undefined;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The documented error a request forces, if any; throws ControlHeaderError on a bad header. */
function forcedError(req: IncomingMessage, operationId: OperationId): DocumentedError | undefined {
  const type = header(req, CONTROL_HEADERS.error)?.trim();
  const statusHeader = header(req, CONTROL_HEADERS.status)?.trim();
  if (!type) {
    if (statusHeader) throw new ControlHeaderError(`${CONTROL_HEADERS.status} needs ${CONTROL_HEADERS.error}.`);
    return undefined;
  }
  const documented = operations[operationId].errors;
  let candidates = documented.filter((e) => e.type === type);
  if (candidates.length === 0) {
    throw new ControlHeaderError(
      `${type} is not a documented error type of ${operationId}; see the spec's responses for the list.`,
    );
  }
  if (statusHeader) {
    candidates = candidates.filter((e) => String(e.status) === statusHeader);
    if (candidates.length === 0) {
      throw new ControlHeaderError(`${type} is not documented under status ${statusHeader} for ${operationId}.`);
    }
  }
  if (candidates.length > 1) {
    const statuses = candidates.map((e) => e.status).join(', ');
    throw new ControlHeaderError(
      `${type} is documented under ${statuses} for ${operationId}: pick one with ${CONTROL_HEADERS.status}.`,
    );
  }
  return candidates[0];
}

function retryAfter(req: IncomingMessage): string {
  const value = header(req, CONTROL_HEADERS.retryAfter)?.trim();
  if (value === undefined) return '1';
  if (/^\d+$/.test(value) || !Number.isNaN(Date.parse(value))) return value;
  throw new ControlHeaderError(`${CONTROL_HEADERS.retryAfter} must be a number of seconds or an HTTP date.`);
}

function failTimes(req: IncomingMessage): { times: number; scenario: string } | undefined {
  const times = header(req, CONTROL_HEADERS.failTimes)?.trim();
  if (times === undefined) return undefined;
  const scenario = header(req, CONTROL_HEADERS.scenario)?.trim();
  if (!/^\d+$/.test(times)) throw new ControlHeaderError(`${CONTROL_HEADERS.failTimes} must be a whole number.`);
  if (!scenario) throw new ControlHeaderError(`${CONTROL_HEADERS.failTimes} needs ${CONTROL_HEADERS.scenario}.`);
  if (!header(req, CONTROL_HEADERS.error))
    throw new ControlHeaderError(`${CONTROL_HEADERS.failTimes} needs ${CONTROL_HEADERS.error}.`);
  return { times: Number(times), scenario };
}

const notFound: ErrorEnvelope = {
  status: 404,
  type: 'errors/resource_not_found',
  title: 'Resource not found',
  detail: 'No operation of the postpress API answers this method and path.',
};

/** Starts a mock of the postpress API on 127.0.0.1 (by default on a free port). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Requests seen so far per fail-times scenario (per operation).
  const scenarios = new Map<string, number>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (answerPreflight(req, res)) return; // CORS preflight (cors.ts)
    const pathname = new URL(req.url ?? '/', 'http://mock').pathname;
    const target = route(req.method ?? '', pathname);
    if (!target) return send(req, res, 404, notFound);
    const { operationId } = target;

    const key = header(req, 'x-api-key');
    if (!key || !API_KEY_PATTERN.test(key)) {
      const error = operations[operationId].errors.find((e) => e.type === 'errors/missing_credentials');
      if (!error) throw new Error('the spec lost errors/missing_credentials');
      return send(req, res, 401, {
        ...envelopeOf(error),
        detail: `${error.detail} Send an API key (pp_live_… or pp_test_…) in the X-API-KEY header.`,
      });
    }

    let forced: DocumentedError | undefined;
    let retry: { times: number; scenario: string } | undefined;
    let wait = '1';
    try {
      forced = forcedError(req, operationId);
      retry = failTimes(req);
      wait = retryAfter(req);
    } catch (error) {
      if (!(error instanceof ControlHeaderError)) throw error;
      return send(req, res, 400, {
        status: 400,
        type: 'mock/invalid_control_header',
        title: 'Invalid mock control header',
        detail: error.message,
      });
    }

    let parts: Awaited<ReturnType<typeof readMultipart>>;
    try {
      const declared = Number(req.headers['content-length']);
      if (declared > maxBodyBytes)
        throw new MultipartError('too_large', `The request body is larger than ${maxBodyBytes} bytes.`);
      parts = await readMultipart(req, req.headers['content-type'], { maxBodyBytes });
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      return send(req, res, 400, envelopeForMultipartError(error));
    }
    const result = validateParts(operationId, parts);
    if (!result.ok) return send(req, res, 400, result.error);

    if (forced && retry) {
      const id = `${operationId}:${retry.scenario}`;
      const seen = scenarios.get(id) ?? 0;
      scenarios.set(id, seen + 1);
      if (seen >= retry.times) forced = undefined;
    }
    if (forced) {
      return send(req, res, forced.status, envelopeOf(forced), forced.status === 429 ? { 'retry-after': wait } : {});
    }
    const operation = operations[operationId];
    return send(req, res, operation.successStatus, operation.successExample);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) return res.destroy();
      send(req, res, 500, {
        status: 500,
        type: 'errors/unexpected_error',
        title: 'Unexpected error',
        detail: 'The mock failed on this request.',
      });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
