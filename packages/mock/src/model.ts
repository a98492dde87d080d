// The operations model's types, from @postpress/openapi's generated declarations by relative path
// (built before this package): tsup then inlines them into this package's declarations, because a
// CommonJS or node10 consumer cannot import `@postpress/openapi/operations.json`'s ESM-only ones
// (TS1479, TS2732). Every other file imports the model's types from here.
export type { Operation, OperationsModel } from '../../openapi/dist/operations.js';
