// The public surface of @postpress/types: openapi-typescript's `paths`, `components` and
// `operations`, one alias per schema and per operation (all generated), and the named helpers
// below, computed from them. Nothing here names an operation, a field or an error type: a new
// operation in the spec gets its helpers and its aliases (`<Op>Body`, `<Op>Params`, `<Op>Result`,
// `<Op>Error`) from `pnpm generate` alone.
import type { components, DateTimeParameters, operations } from './generated/openapi.js';

export type * from './generated/openapi.js';

/** The operationIds of the API. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
/** The schema of a request's or response's one media type; undefined when it has no content (a 204). */
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;
type IsErrorStatus<S> = `${S & number}` extends `4${string}` | `5${string}` ? true : false;
type ParametersIn<Op extends OperationId, Where extends 'path' | 'query' | 'header'> = NonNullable<
  operations[Op]['parameters'][Where]
>;
/** `T`, or nothing to intersect with when there is no `T`. */
type Present<T> = [T] extends [never] ? unknown : T;
/** What a caller may pass: an optional field also takes `undefined` (it is not sent), a date-time parameter a `Date`. */
type Input<T, Dates extends PropertyKey> = {
  [K in keyof T]: (K extends Dates ? T[K] | Date : T[K]) | (object extends Pick<T, K> ? undefined : never);
};
type Dates<Op extends OperationId> = Op extends keyof DateTimeParameters ? DateTimeParameters[Op] : never;

/** The request body of an operation, as an object (the client encodes it as multipart or JSON); never when it has none. */
export type RequestBody<Op extends OperationId> =
  NonNullable<operations[Op]['requestBody']> extends { content: infer C } ? C[keyof C] : never;

/** The query parameters of an operation, by name; never when it has none. */
export type QueryParams<Op extends OperationId> = ParametersIn<Op, 'query'>;

/** The header parameters of an operation, by name; never when it has none. */
export type HeaderParams<Op extends OperationId> = ParametersIn<Op, 'header'>;

/** The path parameters of an operation, by name (the client takes them positionally, in path order); never when it has none. */
export type PathParams<Op extends OperationId> = ParametersIn<Op, 'path'>;

/**
 * What the client's method takes as `params`: the request body's fields together with the query
 * and header parameters, by their spec names (a date-time parameter may be a `Date`). With no
 * query or header parameter, exactly the request body; with nothing at all, an empty object.
 */
export type Params<Op extends OperationId> = [QueryParams<Op> | HeaderParams<Op>] extends [never]
  ? [RequestBody<Op>] extends [never]
    ? Record<string, never>
    : RequestBody<Op>
  : Present<RequestBody<Op>> & Input<Present<QueryParams<Op>> & Present<HeaderParams<Op>>, Dates<Op>>;

/** The body of an operation's 2xx response; undefined for a success without content (204). */
export type SuccessBody<Op extends OperationId> = {
  [S in keyof Responses<Op>]: `${S & number}` extends `2${string}` ? ContentOf<Responses<Op>[S]> : never;
}[keyof Responses<Op>];

/** The statuses an operation documents as errors, e.g. `400 | 401 | … | 504`. */
export type ErrorStatus<Op extends OperationId> = {
  [S in keyof Responses<Op>]: IsErrorStatus<S> extends true ? S : never;
}[keyof Responses<Op>];

/** The error envelope an operation returns with status `S`: `status` is `S`, `type` that status's types. */
export type ErrorFor<Op extends OperationId, S extends ErrorStatus<Op>> = ContentOf<Responses<Op>[S]>;

/** Every documented error of an operation. Narrowing on `status` leaves exactly that status's `type` union. */
export type OperationError<Op extends OperationId> = { [S in ErrorStatus<Op>]: ErrorFor<Op, S> }[ErrorStatus<Op>];

/** Every documented error type of an operation (for one status: `ErrorFor<Op, S>['type']`). */
export type ErrorType<Op extends OperationId> =
  OperationError<Op> extends infer E ? (E extends { type: infer T } ? T : never) : never;

type Schemas = components['schemas'];
/** The `linkedin` option of a chat: Classic, Recruiter or Sales Navigator. */
export type LinkedinOptions =
  | Schemas['LinkedinClassicOptions']
  | Schemas['LinkedinRecruiterOptions']
  | Schemas['LinkedinSalesNavigatorOptions'];
/** When a Recruiter follow-up is sent: `{ days, timezone }` or `{ weeks, timezone }`. */
export type FollowUpSchedule = Schemas['LinkedinRecruiterFollowUp']['scheduled_time'];
