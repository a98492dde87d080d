// A consumer of @postpress/openapi, type-checked with TypeScript 5.9 and 7 in a project outside the monorepo.
import spec from '@postpress/openapi' with { type: 'json' };

const startChat: string = spec.paths['/api/v1/chats'].post.operationId;
const version: string = spec.openapi;
// @ts-expect-error -- the JSON's shape is typed: a path the document does not have is an error
spec.paths['/api/v1/nope'];

export const summary = `${startChat} (OpenAPI ${version})`;
