// A real HTTP server on loopback that records every request (raw bytes included) and answers
// with whatever the test scripts. Multipart bodies are parsed with the platform's own parser.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RequestValidation, validateRequest } from '@postpress/mock';
import { model } from './spec.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: Recorded, res: ServerResponse) => void | Promise<void>;

/** The published spec's operation a request is for (by method and path template), from the operations model. */
const routes = model.operations.map((op) => ({
  operationId: op.operationId,
  method: op.method,
  path: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}(\\?|$)`),
}));

/** The contract check: the request (parameters and body), read as the API reads it, against its operation. */
function contractCheck(recorded: Recorded): Promise<RequestValidation> | undefined {
  const route = routes.find((r) => r.method === recorded.method && r.path.test(recorded.url));
  if (!route) return undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(recorded.headers))
    if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
  const body = recorded.body.length ? new Uint8Array(recorded.body) : null;
  const request = new Request(`http://x${recorded.url}`, { method: recorded.method, headers, body });
  return validateRequest(route.operationId, request);
}

/**
 * Every request the client sends is also validated against the spec (or those `validate` picks);
 * `close()` fails the test file if any was not a valid request of its operation.
 */
export async function startServer(handler: Handler, validate: (req: Recorded) => boolean = () => true) {
  const requests: Recorded[] = [];
  const checks: Promise<string | undefined>[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(recorded);
    const check = validate(recorded) ? contractCheck(recorded) : undefined;
    if (check) checks.push(check.then((v) => (v.ok ? undefined : `${recorded.url}: ${v.problems.join('; ')}`)));
    await handler(recorded, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Requests checked against the spec so far. */
    checked: () => checks.length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const invalid = (await Promise.all(checks)).filter(Boolean);
      if (invalid.length > 0) throw new Error(`the client sent requests the spec rejects:\n${invalid.join('\n')}`);
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export interface FilePart {
  filename: string;
  type: string;
  text: string;
}

/** The parts of a multipart body, in order, with their raw names. */
export async function parts(body: Buffer | Uint8Array, contentType: string): Promise<[string, string | FilePart][]> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  const out: [string, string | FilePart][] = [];
  for (const [name, value] of form) {
    out.push([
      name,
      typeof value === 'string' ? value : { filename: value.name, type: value.type, text: await value.text() },
    ]);
  }
  return out;
}

/**
 * Bracket-notation part names → the nested object they describe: `a[b][]=1` → `{a: {b: ['1']}}`.
 * A plain name repeated (files) becomes an array; `arrays` names the paths that are arrays even
 * with one part (`attachments`, `linkedin.follow_up.attachments`).
 */
export function nest(entries: [string, unknown][], arrays: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const keys = name.replace(/\]/g, '').split('[');
    const brackets = keys.at(-1) === '';
    if (brackets) keys.pop();
    let node = root;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const leaf = keys.at(-1) as string;
    if (brackets || arrays.has(keys.join('.'))) {
      node[leaf] ??= [];
      (node[leaf] as unknown[]).push(value);
    } else if (leaf in node) node[leaf] = ([] as unknown[]).concat(node[leaf], value);
    else node[leaf] = value;
  }
  return root;
}
