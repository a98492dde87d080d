// A consumer of @postpress/openapi, type-checked with TypeScript 5.9 and 7 in a project outside the monorepo.
import spec from '@postpress/openapi' with { type: 'json' };
import type { Operation, OperationsModel } from '@postpress/openapi/operations.json';

const startChat: string = spec.paths['/api/v1/chats'].post.operationId;
const version: string = spec.openapi;
// @ts-expect-error -- the JSON's shape is typed: a path the document does not have is an error
spec.paths['/api/v1/nope'];

export const summary = `${startChat} (OpenAPI ${version})`;

// The operations model, typed by its declarations (operations.d.ts); a program loads the JSON with require().
declare const model: OperationsModel;
const methods: Operation['method'][] = model.operations.map((op) => op.method);
// @ts-expect-error -- the model's methods are the five the pipeline handles
const head: Operation['method'] = 'HEAD';
export const counted = `${methods.length} operations, ${String(head)}`;
