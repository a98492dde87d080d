// What the mock knows about the API, all read from the bundled spec (@postpress/openapi):
// operations, request schemas, the documented (status, type) pairs and their examples.
import { createRequire } from 'node:module';

// biome-ignore lint/suspicious/noExplicitAny: the bundled document is plain JSON
type Json = any;

export type OperationId = 'startChat' | 'sendMessage';

/** A documented error of one operation: its status, type and the envelope the API answers with. */
export interface DocumentedError {
  status: number;
  type: string;
  title: string;
  detail: string;
  /** `x-retryable: true` in the spec (429 and 503): the API did not process the request. */
  retryable: boolean;
}

export interface ErrorEnvelope {
  status: number;
  type: string;
  title: string;
  detail?: string;
  instance?: string;
}

export interface OperationInfo {
  operationId: OperationId;
  method: 'POST';
  /** The spec's path template, e.g. `/api/v1/chats/{chat_id}/messages`. */
  path: string;
  /** The request body schema with every `$ref` inlined. */
  requestSchema: Json;
  /** The multipart `encoding` map of the request body (per field: `contentType`, `x-array-format`, `style`). */
  requestEncoding: Record<string, Json>;
  successStatus: number;
  successExample: Json;
  /** Schema of each documented response, by status, with every `$ref` inlined. */
  responseSchemas: Record<number, Json>;
  errors: DocumentedError[];
  /** The named request examples of the spec (`requestBody.content['multipart/form-data'].examples`). */
  requestExamples: Record<string, Json>;
}

// createRequire: JSON import attributes still warn on Node 20.
export const openapi: Json = createRequire(import.meta.url)('@postpress/openapi');

function resolvePointer(ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node: Json, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], openapi);
}

/** A copy of `node` with every local `$ref` replaced by its target (the spec has no cycles). */
export function inline(node: Json, seen: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => inline(n, seen));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`Cyclic $ref ${node.$ref}`);
    const { $ref, ...siblings } = node;
    return { ...inline(resolvePointer($ref), [...seen, $ref]), ...inline(siblings, seen) };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, seen)]));
}

/** `errors/limit_exceeded` → `Limit exceeded`. */
export function humanise(type: string): string {
  const words = type.replace(/^errors\//, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function readOperation(path: string, method: string): OperationInfo {
  const op = openapi.paths[path][method];
  const responses: Record<number, Json> = {};
  for (const [code, response] of Object.entries<Json>(op.responses)) {
    responses[Number(code)] = inline(response);
  }
  const success = Object.keys(responses)
    .map(Number)
    .find((code) => code >= 200 && code < 300);
  if (success === undefined) throw new Error(`${op.operationId} has no success response`);
  const errors: DocumentedError[] = [];
  for (const [code, response] of Object.entries<Json>(responses)) {
    if (Number(code) < 400) continue;
    const schema = response.content['application/json'].schema;
    const own = schema.allOf.find((part: Json) => part.properties?.type?.enum);
    const descriptions = own.properties.type['x-enumDescriptions'] ?? {};
    for (const type of own.properties.type.enum as string[]) {
      errors.push({
        status: Number(code),
        type,
        title: humanise(type),
        detail: descriptions[type],
        retryable: response['x-retryable'] === true,
      });
    }
  }
  const body = op.requestBody.content['multipart/form-data'];
  return {
    operationId: op.operationId,
    method: 'POST',
    path,
    requestSchema: inline(body.schema),
    requestEncoding: inline(body.encoding ?? {}),
    successStatus: success,
    successExample: responses[success].content['application/json'].example,
    responseSchemas: Object.fromEntries(
      Object.entries(responses).map(([code, r]) => [Number(code), r.content['application/json'].schema]),
    ),
    errors,
    requestExamples: Object.fromEntries(Object.entries<Json>(body.examples ?? {}).map(([k, v]) => [k, v.value])),
  };
}

function findOperations(): Record<OperationId, OperationInfo> {
  const found: Partial<Record<OperationId, OperationInfo>> = {};
  for (const [path, item] of Object.entries<Json>(openapi.paths)) {
    for (const method of Object.keys(item)) {
      const info = readOperation(path, method);
      found[info.operationId] = info;
    }
  }
  return found as Record<OperationId, OperationInfo>;
}

/** Every operation of the spec, by operationId. */
export const operations: Record<OperationId, OperationInfo> = findOperations();

/** The envelope the API answers a documented error with. */
export function envelopeOf(error: DocumentedError): ErrorEnvelope {
  return { status: error.status, type: error.type, title: error.title, detail: error.detail };
}

/** Every documented error of each operation, in spec order (79 for startChat, 70 for sendMessage). */
export const documentedErrors: Record<OperationId, readonly DocumentedError[]> = {
  startChat: operations.startChat.errors,
  sendMessage: operations.sendMessage.errors,
};
