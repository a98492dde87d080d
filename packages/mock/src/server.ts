// The mock server: plain node:http (a route table from the model's path templates needs no
// framework), bounded by the limits of ./limits.ts, answering every request (even unparseable ones)
// with the error envelope. Everything about the API comes from the operations model (./spec.ts).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CONTROL_HEADERS } from './control-headers.js';
import { answerHeaders, answerPreflight, newRequestId } from './cors.js';
import { type ReceivedRequest, type RecordHandle, RequestLog } from './inspect.js';
import { HeldBytes, type Hold, LruMap, type MockLimits, resolveLimits } from './limits.js';
import { answerRaw, JSON_TYPE, parserErrorAnswer, wasAnsweredRaw } from './protocol.js';
import { refusal } from './refusal.js';
import { BUSY_TYPE, checkRequest, contractOf, controlHeaderRefusal } from './request.js';
import {
  type DocumentedError,
  type ErrorEnvelope,
  envelopeOf,
  type OperationInfo,
  type OperationsModel,
  publishedModel,
  viewOf,
} from './spec.js';

export interface MockServerOptions extends Partial<MockLimits> {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /**
   * The operations model to serve: default the published one (`@postpress/openapi/operations.json`).
   * Pass another (a fixture spec's) to mock its operations.
   */
  model?: OperationsModel;
  /**
   * Who may read and clear the received requests over HTTP (`GET`/`DELETE /__mock/requests`):
   * `'key'` (the default) a caller presenting an API key, who sees only the requests sent with that
   * key; `'open'` anyone on this machine (a request addressed to a loopback host) sees all of them,
   * for a local single-user run. Never a page of another web origin.
   */
  inspect?: InspectMode;
}

export type InspectMode = 'key' | 'open';

export interface MockServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** The limits in force (the defaults filled in). */
  limits: Readonly<MockLimits>;
  /** What the mock received: the last `recordRequests` requests, oldest first, key redacted. */
  requests(): ReceivedRequest[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

export { CONTROL_HEADERS } from './control-headers.js';

/** Keys the mock accepts in `X-API-KEY`: `pp_live_…` or `pp_test_…`. */
export const API_KEY_PATTERN = /^pp_(live|test)_[A-Za-z0-9_-]+$/;

/** Path of the inspection endpoint: `GET` lists what was received, `DELETE` forgets it. */
export const INSPECT_PATH = '/__mock/requests';
/** Who may use the inspection endpoint, by `inspect` mode. */
export const INSPECT_MODES: readonly InspectMode[] = ['key', 'open'];
/** Prefix reserved for the mock's own endpoints; no API path starts with it. */
export const MOCK_PREFIX = '/__mock/';
/** Longest `X-Postpress-Mock-Scenario` id, in characters (keeps the scenario map bounded in bytes too). */
export const MAX_SCENARIO_ID_LENGTH = 256;

class ControlHeaderError extends Error {}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The documented error a request forces, if any; throws ControlHeaderError on a bad header. */
function forcedError(req: IncomingMessage, info: OperationInfo): DocumentedError | undefined {
  const { operationId } = info;
  const type = header(req, CONTROL_HEADERS.error)?.trim();
  const statusHeader = header(req, CONTROL_HEADERS.status)?.trim();
  if (!type) {
    if (statusHeader) throw new ControlHeaderError(`${CONTROL_HEADERS.status} needs ${CONTROL_HEADERS.error}.`);
    return undefined;
  }
  const documented = info.errors;
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
  if (scenario.length > MAX_SCENARIO_ID_LENGTH) {
    throw new ControlHeaderError(`${CONTROL_HEADERS.scenario} must be at most ${MAX_SCENARIO_ID_LENGTH} characters.`);
  }
  if (!header(req, CONTROL_HEADERS.error))
    throw new ControlHeaderError(`${CONTROL_HEADERS.failTimes} needs ${CONTROL_HEADERS.error}.`);
  return { times: Number(times), scenario };
}

const notFound: ErrorEnvelope = {
  status: 404,
  type: 'errors/resource_not_found',
  title: 'Resource not found',
  detail: 'No operation of the API has this path.',
};

/** The methods of the mock's own endpoint (INSPECT_PATH). */
const INSPECT_METHODS = ['GET', 'HEAD', 'DELETE'];

const tooManyConnections = (max: number): ErrorEnvelope => ({
  status: 503,
  type: 'mock/too_many_connections',
  title: 'Too many connections',
  detail: `The mock already has ${max} open connections (limit maxConnections); retry after one closes.`,
});

/**
 * What an early answer reads and discards at least, even when maxBodyBytes is smaller: Node 24's
 * fetch reports EPIPE instead of the answer when the server stops reading mid-upload, so a body a
 * little over a small limit is still read to its end before the 400 goes out.
 */
const MIN_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads and discards what is left of `req`'s body, up to `budget` bytes, so a client still uploading
 * reads the answer instead of a reset. Resolves true when the body was read to its end (the
 * connection can be kept), false when it is larger than the budget or the connection went away.
 */
function drain(req: IncomingMessage, budget: number): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  if (req.destroyed) return Promise.resolve(false);
  if (Number(req.headers['content-length']) > budget) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (whole: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!whole) req.pause();
      resolve(whole);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > budget) done(false);
    };
    const onEnd = () => done(true);
    const onClose = () => done(req.readableEnded);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    req.resume();
  });
}

/** A request target as a URL, or undefined when it is not one. */
function urlOf(target: string): URL | undefined {
  try {
    return new URL(target, 'http://mock');
  } catch {
    return undefined;
  }
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record?: RecordHandle;
  /** The request's share of maxHeldBytes, given back when its answer is done. */
  hold?: Hold;
}

/** Whether a Host header names this machine: `localhost`, 127.0.0.0/8 or `[::1]`, any port. */
function isLoopbackHost(host: string | undefined): boolean {
  const name = (host ?? '').replace(/:\d*$/, '').toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
}

const forbidden = (detail: string): ErrorEnvelope => ({
  status: 403,
  type: 'mock/forbidden',
  title: 'Forbidden',
  detail,
});

/** Starts a mock of the postpress API on 127.0.0.1 (by default on a free port). */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const limits = resolveLimits(options);
  const inspectMode = options.inspect ?? 'key';
  if (!INSPECT_MODES.includes(inspectMode)) {
    throw new RangeError(
      `inspect must be ${INSPECT_MODES.map((m) => `'${m}'`).join(' or ')}, got ${String(inspectMode)}.`,
    );
  }
  const view = viewOf(options.model ?? publishedModel());
  // Every operation's contract up front: a model whose parts do not fit together fails here, by name.
  for (const info of view.operations.values()) contractOf(info);
  // Headers a page may send: the key headers and every header parameter of the model.
  const apiHeaders = [
    ...view.keyHeaders,
    ...view.model.operations.flatMap((op) => op.parameters.filter((p) => p.in === 'header').map((p) => p.name)),
  ];
  // Requests seen so far per fail-times scenario (per operation), least recently used forgotten first.
  const scenarios = new LruMap<string, number>(limits.maxScenarios);
  const log = new RequestLog(limits.recordRequests, view.keyHeaders);
  const held = new HeldBytes(limits.maxHeldBytes);
  // The headers a key may come in, for the inspection endpoint too (X-API-KEY when the model has none).
  const keyHeaderNames = view.keyHeaders.length ? view.keyHeaders : ['x-api-key'];
  const keyHeaderShown = view.model.operations.flatMap((op) => op.security.map((s) => s.name))[0] ?? 'X-API-KEY';
  // A digest of the request's API key, naming whose record it is; the key itself is never kept.
  const salt = newRequestId();
  const ownerOf = (req: IncomingMessage): string | undefined => {
    const key = keyHeaderNames.map((name) => header(req, name)?.trim()).find((k) => k && API_KEY_PATTERN.test(k));
    return key === undefined ? undefined : createHash('sha256').update(`${salt}\0${key}`).digest('hex');
  };
  const startRecord = (req: IncomingMessage) => log.start(req.method ?? '', req.url ?? '', req.headers, ownerOf(req));
  // The request in flight on each connection, so a timeout or parse error can answer it.
  const inflight = new WeakMap<Socket, Exchange>();

  /**
   * Writes the answer, after draining the rest of the body (up to maxBodyBytes) if it is still
   * arriving. `body` undefined: an answer without a body (204), without Content-Type.
   */
  async function send(
    ex: Exchange,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    { drainBody = true, contentType = JSON_TYPE, cors = true } = {},
  ) {
    const { req, res } = ex;
    ex.hold?.close(); // what the request held is no longer needed: only its answer is left
    const whole = drainBody ? await drain(req, Math.max(limits.maxBodyBytes, MIN_DRAIN_BYTES)) : req.readableEnded;
    if (res.headersSent || res.destroyed || wasAnsweredRaw(req.socket)) return; // a timeout answered first
    ex.record?.answered({ status, type: (body as { type?: string } | undefined)?.type });
    const extra: Record<string, string> = whole ? { ...headers } : { ...headers, connection: 'close' };
    // The mock's own endpoints carry no CORS headers: no page of another origin may read them.
    const common = cors ? answerHeaders() : { 'x-request-id': newRequestId(), 'cache-control': 'no-store' };
    if (body === undefined) {
      // 204 and 304 carry no Content-Length; any other status without a body says 0.
      res.writeHead(status, {
        ...common,
        ...(status === 204 || status === 304 ? {} : { 'content-length': '0' }),
        ...extra,
      });
      res.end();
      return;
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      ...common, // CORS (cors.ts) + x-request-id
      'content-type': contentType,
      'content-length': Buffer.byteLength(payload),
      ...extra,
    });
    res.end(payload); // node:http sends no body to a HEAD request
  }

  /** GET / DELETE INSPECT_PATH: never to a page of another origin; in `key` mode only a key's own records. */
  function inspectEndpoint(ex: Exchange, pathname: string) {
    const { req } = ex;
    const own = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      send(ex, status, body, { vary: 'origin, sec-fetch-site', ...headers }, { cors: false });
    const origin = header(req, 'origin');
    const site = header(req, 'sec-fetch-site');
    if (
      (origin !== undefined && origin !== `http://${req.headers.host}`) ||
      (site && !['same-origin', 'none'].includes(site))
    ) {
      return own(403, forbidden(`${MOCK_PREFIX}… does not answer web pages of other origins.`));
    }
    if (pathname !== INSPECT_PATH) {
      return own(404, { ...notFound, detail: `The mock's own endpoints are ${INSPECT_PATH} (GET, DELETE).` });
    }
    let owner: string | undefined;
    if (inspectMode === 'key') {
      owner = ownerOf(req);
      if (owner === undefined) {
        return own(401, {
          status: 401,
          type: 'mock/unauthorized',
          title: 'Unauthorized',
          detail: `Send your API key (pp_live_… or pp_test_…) in the ${keyHeaderShown} header: ${INSPECT_PATH} lists and clears the requests sent with that key (a mock started with inspect 'open' lists every request).`,
        });
      }
    } else if (!isLoopbackHost(req.headers.host)) {
      return own(
        403,
        forbidden(`With inspect 'open', ${INSPECT_PATH} answers requests addressed to localhost or 127.0.0.1 only.`),
      );
    }
    if (req.method === 'GET' || req.method === 'HEAD') return own(200, { requests: log.list(owner) });
    if (req.method === 'DELETE') return own(200, { cleared: log.clear(owner) });
    return own(
      405,
      {
        status: 405,
        type: 'mock/method_not_allowed',
        title: 'Method not allowed',
        detail: `${INSPECT_PATH} answers GET (list) and DELETE (clear).`,
      },
      { allow: INSPECT_METHODS.join(', ') },
    );
  }

  /** A CORS preflight for the mock's own endpoints: refused, with no `Access-Control-Allow-*`, so the browser sends nothing. */
  function refusePreflight(ex: Exchange) {
    return send(ex, 403, forbidden(`${MOCK_PREFIX}… does not answer web pages of other origins.`), {}, { cors: false });
  }

  /** The success answer: the success response's status and first example; no body when it has none. */
  function answerSuccess(ex: Exchange, info: OperationInfo) {
    const { success } = info;
    if (success.mediaType === null) return send(ex, success.status, undefined);
    if (info.successExample === undefined) {
      return send(ex, 501, {
        status: 501,
        type: 'mock/no_example',
        title: 'No example',
        detail: `The spec gives no example of ${info.operationId}'s ${success.status} response to answer with; add one.`,
      });
    }
    const contentType = /^application\/json$/i.test(success.mediaType)
      ? JSON_TYPE
      : `${success.mediaType}; charset=utf-8`;
    return send(ex, success.status, info.successExample, {}, { contentType });
  }

  async function handle(ex: Exchange) {
    const { req } = ex;
    const url = urlOf(req.url ?? '/');
    const pathname = url?.pathname;
    // CORS preflight (cors.ts): the methods of the operations at that path (all of them for a path none has).
    if (pathname?.startsWith(MOCK_PREFIX)) {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return refusePreflight(ex);
      return inspectEndpoint(ex, pathname);
    }
    const methods = () => (pathname === undefined ? undefined : view.router.methodsAt(pathname)) ?? view.router.methods;
    if (answerPreflight(req, ex.res, methods, apiHeaders)) return;
    ex.record = startRecord(req);
    if (url === undefined || pathname === undefined) {
      return send(ex, 400, {
        status: 400,
        type: 'errors/malformed_request',
        title: 'Malformed request',
        detail: 'The request target is not a valid path or URL.',
      });
    }
    if (req.httpVersionMajor !== 1) {
      return send(ex, 505, {
        status: 505,
        type: 'mock/http_version_not_supported',
        title: 'HTTP version not supported',
        detail: 'The mock speaks HTTP/1.0 and HTTP/1.1.',
      });
    }
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      return send(ex, 400, {
        status: 400,
        type: 'errors/malformed_request',
        title: 'Malformed request',
        detail: 'An HTTP/1.1 request needs a Host header.',
      });
    }
    const target = view.router.match(req.method ?? '', pathname);
    if (target.kind === 'not_found') return send(ex, 404, notFound);
    if (target.kind === 'method_not_allowed') {
      const allow = target.allow.join(', ');
      return send(
        ex,
        405,
        {
          status: 405,
          type: 'mock/method_not_allowed',
          title: 'Method not allowed',
          detail: `${target.template} answers ${allow}; send one of those methods.`,
        },
        { allow },
      );
    }
    const info = target.operation;
    const { operationId } = info;

    const keyHeaders = info.operation.security.map((s) => s.name);
    if (keyHeaders.length > 0) {
      const key = keyHeaders.map((name) => header(req, name.toLowerCase())?.trim()).find(Boolean);
      if (!key || !API_KEY_PATTERN.test(key)) {
        // Absent or empty: missing. Present but not a postpress key: invalid. Never echoed either way.
        const refused = key
          ? refusal(
              info,
              'invalid_credentials',
              `The ${keyHeaders[0]} header does not hold a postpress API key (pp_live_… or pp_test_…).`,
            )
          : refusal(
              info,
              'missing_credentials',
              `Send an API key (pp_live_… or pp_test_…) in the ${keyHeaders[0]} header.`,
            );
        return send(ex, refused.status, refused);
      }
    }

    let forced: DocumentedError | undefined;
    let retry: { times: number; scenario: string } | undefined;
    let wait = '1';
    try {
      forced = forcedError(req, info);
      retry = failTimes(req);
      wait = retryAfter(req);
    } catch (error) {
      if (!(error instanceof ControlHeaderError)) throw error;
      const refused = controlHeaderRefusal(info, error.message);
      return send(ex, refused.status, refused);
    }

    const declared = Number(req.headers['content-length']);
    if (declared > limits.maxBodyBytes) {
      const refused = refusal(
        info,
        'content_too_large',
        `The request body is larger than ${limits.maxBodyBytes} bytes (limit maxBodyBytes: ${limits.maxBodyBytes}).`,
      );
      return send(ex, refused.status, refused);
    }
    const record = ex.record;
    ex.hold = held.open();
    const result = await checkRequest(
      info,
      {
        path: target.rawParams,
        query: url.searchParams,
        header: (name) => header(req, name.toLowerCase()),
        body: req,
      },
      { ...limits, onPart: record.addPart, onText: record.setBody, hold: ex.hold },
    );
    if (!result.ok) {
      const busy: Record<string, string> = result.error.type === BUSY_TYPE ? { 'retry-after': '1' } : {};
      return send(ex, result.error.status, result.error, busy);
    }

    if (forced && retry) {
      const id = `${operationId}:${retry.scenario}`;
      const seen = scenarios.get(id) ?? 0;
      scenarios.set(id, seen + 1);
      if (seen >= retry.times) forced = undefined;
    }
    if (forced) {
      return send(ex, forced.status, envelopeOf(forced), forced.status === 429 ? { 'retry-after': wait } : {});
    }
    return answerSuccess(ex, info);
  }

  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // node:http enforces the two timeouts above on this tick (its default, 30 s, would let them overrun).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
      // Answered by handle() with the envelope instead of node's bare 400.
      requireHostHeader: false,
      // Set, not inherited from --max-http-header-size: a record's path and headers stay within 16 KiB.
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      const ex: Exchange = { req, res };
      inflight.set(req.socket, ex);
      res.once('finish', () => {
        if (inflight.get(req.socket) === ex) inflight.delete(req.socket);
      });
      res.once('close', () => ex.hold?.close());
      handle(ex).catch(() => {
        if (res.headersSent) return res.destroy();
        send(ex, 500, {
          status: 500,
          type: 'errors/unexpected_error',
          title: 'Unexpected error',
          detail: 'The mock failed on this request.',
        }).catch(() => res.destroy());
      });
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;

  // A connection silent for idleTimeoutMs: answer its request 408 if it has one unanswered, else close it.
  server.on('timeout', (socket: Socket) => {
    const ex = inflight.get(socket);
    if (!ex || ex.res.headersSent) return socket.destroy();
    ex.record?.answered({ status: 408, type: 'mock/request_timeout' });
    answerRaw(socket, {
      status: 408,
      type: 'mock/request_timeout',
      title: 'Request timeout',
      detail: `Nothing arrived for ${limits.idleTimeoutMs} ms in the middle of the request (limit idleTimeoutMs).`,
    });
  });
  // What node:http could not parse (or a request that ran out of time): the closest status, as an envelope.
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    const ex = inflight.get(socket);
    if (error.code === 'ECONNRESET' || ex?.res.headersSent) return socket.destroy();
    const envelope = parserErrorAnswer(error, limits, ex !== undefined);
    ex?.record?.answered({ status: envelope.status, type: envelope.type });
    answerRaw(socket, envelope);
  });
  // CONNECT never reaches the request handler; node would drop the socket without an answer.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    startRecord(req).answered({ status: 405, type: 'mock/method_not_allowed' });
    const allow = view.router.methods.join(', ');
    answerRaw(
      socket,
      {
        status: 405,
        type: 'mock/method_not_allowed',
        title: 'Method not allowed',
        detail: `The mock is not a proxy: CONNECT is not supported. The API answers ${allow}.`,
      },
      { allow },
    );
  });
  // An `Expect` other than 100-continue: node's own 417 has no body.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const ex: Exchange = { req, res, record: startRecord(req) };
    // Not drained: a client that asked first waits for this answer before it sends the body.
    send(
      ex,
      417,
      {
        status: 417,
        type: 'mock/expectation_failed',
        title: 'Expectation failed',
        detail: 'The mock only understands Expect: 100-continue.',
      },
      {},
      { drainBody: false },
    ).catch(() => res.destroy());
  });

  // The connection cap, with an answer: node's own maxConnections closes extra sockets silently.
  const sockets = new Set<Socket>();
  const refused = new Set<Socket>();
  const [httpConnection] = server.listeners('connection') as ((socket: Socket) => void)[];
  if (!httpConnection) throw new Error('node:http registered no connection listener');
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    if (sockets.size >= limits.maxConnections) {
      refused.add(socket);
      socket.once('close', () => refused.delete(socket));
      socket.resume(); // read and discard: the answer must not be lost to a reset
      answerRaw(socket, tooManyConnections(limits.maxConnections), { 'retry-after': '1' });
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    httpConnection.call(server, socket);
  });

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
    limits: Object.freeze({ ...limits }),
    requests: () => log.list(),
    clearRequests: () => {
      log.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        for (const socket of [...sockets, ...refused]) socket.destroy();
      }),
  };
}
