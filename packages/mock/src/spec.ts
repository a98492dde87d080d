// What the mock knows about the API: a thin view of the operations model
// (@postpress/openapi/operations.json), by operationId. Every fact (parameters, parts, schemas,
// examples, documented errors) is read from the model; nothing here follows a `$ref` or reads the bundle.
import { createRequire } from 'node:module';
import type { Operation, OperationsModel } from './model.js';
import { Router } from './routes.js';

export type { Operation, OperationsModel };

/** An operation's `operationId` in the model. */
export type OperationId = string;

type ModelResponse = Operation['responses'][number];

/** A documented error of one operation: its status, type and the envelope the API answers with. */
export interface DocumentedError {
  status: number;
  type: string;
  title: string;
  /** What the type means (the spec's `x-enumDescriptions`): the envelope's `detail`. */
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

/** One operation as the mock answers it. */
export interface OperationInfo {
  operationId: OperationId;
  method: Operation['method'];
  /** The spec's path template, e.g. `/api/v1/chats/{chat_id}/messages`. */
  path: string;
  /** The operation in the model (parameters, request body, responses). */
  operation: Operation;
  /** The success response the mock answers with: the operation's first 2xx. */
  success: ModelResponse;
  successStatus: number;
  /** The body of the success answer: the success response's first example (undefined without one, or without a body). */
  successExample: unknown;
  /** Every documented (status, type), in spec order. */
  errors: DocumentedError[];
}

/** An operations model made ready for serving: operations by id, and the routes to them. */
export interface MockModel {
  model: OperationsModel;
  operations: Map<OperationId, OperationInfo>;
  router: Router;
  /** Lower-cased names of the headers that carry an API key in any operation (redacted in records). */
  keyHeaders: string[];
}

function infoOf(operation: Operation): OperationInfo {
  const success = operation.responses.find((r) => r.success);
  // The model's schema guarantees one; a hand-made model may not.
  if (!success) throw new TypeError(`${operation.operationId}: the model documents no 2xx response`);
  return {
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    operation,
    success,
    successStatus: success.status,
    successExample: success.mediaType === null ? undefined : success.examples[0]?.value,
    errors: operation.responses.flatMap((r) =>
      r.errors.map((e) => ({
        status: r.status,
        type: e.type,
        title: e.title,
        detail: e.meaning,
        retryable: r.retryable,
      })),
    ),
  };
}

const views = new WeakMap<object, MockModel>();

/**
 * The mock's view of `model` (made once per model object). Throws a TypeError naming the problem when
 * `model` is not an operations model this mock reads (`modelVersion` 1).
 */
export function viewOf(model: OperationsModel): MockModel {
  if (!model || typeof model !== 'object' || !Array.isArray((model as { operations?: unknown }).operations)) {
    throw new TypeError('model must be an operations model (@postpress/openapi/operations.json)');
  }
  let view = views.get(model);
  if (view) return view;
  if (model.modelVersion !== 1) {
    throw new TypeError(`model has modelVersion ${String(model.modelVersion)}; this mock reads version 1`);
  }
  const operations = new Map<OperationId, OperationInfo>();
  for (const operation of model.operations) operations.set(operation.operationId, infoOf(operation));
  view = {
    model,
    operations,
    router: new Router([...operations.values()]),
    keyHeaders: [...new Set(model.operations.flatMap((op) => op.security.map((s) => s.name.toLowerCase())))],
  };
  views.set(model, view);
  return view;
}

let published: OperationsModel | undefined;

/** The published operations model (@postpress/openapi/operations.json), loaded on first use. */
export function publishedModel(): OperationsModel {
  // createRequire: JSON import attributes still warn on Node 20.
  published ??= createRequire(import.meta.url)('@postpress/openapi/operations.json') as OperationsModel;
  return published;
}

/** Every operation of the published model, by operationId. */
export const operations: Readonly<Record<OperationId, OperationInfo>> = Object.fromEntries(
  viewOf(publishedModel()).operations,
);

/** Every documented error of each operation of the published model, in spec order. */
export const documentedErrors: Readonly<Record<OperationId, readonly DocumentedError[]>> = Object.fromEntries(
  Object.values(operations).map((info) => [info.operationId, info.errors]),
);

/** The envelope the API answers a documented error with. */
export function envelopeOf(error: DocumentedError): ErrorEnvelope {
  return { status: error.status, type: error.type, title: error.title, detail: error.detail };
}

/** The operation `operationId` of `model` (default: the published one); a TypeError when it has none. */
export function operationOf(operationId: OperationId | OperationInfo, model?: OperationsModel): OperationInfo {
  if (typeof operationId === 'object' && operationId !== null) return operationId;
  const info = viewOf(model ?? publishedModel()).operations.get(operationId);
  if (!info) throw new TypeError(`Unknown operation ${String(operationId)}`);
  return info;
}
