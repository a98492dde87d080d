// The public surface of @postpress/types: openapi-typescript's `paths`, `components` and
// `operations` (plus one alias per schema), and named aliases derived from them. Nothing here
// lists a field or an error type by hand: every alias is computed from the generated module.
import type { components, operations } from './generated/openapi.js';

export type * from './generated/openapi.js';

/** The operationIds of the API: `'startChat' | 'sendMessage'`. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type JsonBody<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type IsErrorStatus<S> = `${S & number}` extends `4${string}` | `5${string}` ? true : false;

/** The request body of an operation, as an object (the client encodes it as multipart). */
export type RequestBody<Op extends OperationId> = operations[Op] extends {
  requestBody: { content: { 'multipart/form-data': infer Body } };
}
  ? Body
  : never;

/** The body of an operation's 2xx response. */
export type SuccessBody<Op extends OperationId> = {
  [S in keyof Responses<Op>]: `${S & number}` extends `2${string}` ? JsonBody<Responses<Op>[S]> : never;
}[keyof Responses<Op>];

/** The statuses an operation documents as errors, e.g. `400 | 401 | … | 504`. */
export type ErrorStatus<Op extends OperationId> = {
  [S in keyof Responses<Op>]: IsErrorStatus<S> extends true ? S : never;
}[keyof Responses<Op>];

/** The error envelope an operation returns with status `S`: `status` is `S`, `type` that status's types. */
export type ErrorFor<Op extends OperationId, S extends ErrorStatus<Op>> = JsonBody<Responses<Op>[S]>;

/** Every documented error of an operation. Narrowing on `status` leaves exactly that status's `type` union. */
export type OperationError<Op extends OperationId> = { [S in ErrorStatus<Op>]: ErrorFor<Op, S> }[ErrorStatus<Op>];

/** Every documented error type of an operation (for one status: `ErrorFor<Op, S>['type']`). */
export type ErrorType<Op extends OperationId> =
  OperationError<Op> extends infer E ? (E extends { type: infer T } ? T : never) : never;

export type StartChatBody = RequestBody<'startChat'>;
export type SendMessageBody = RequestBody<'sendMessage'>;
export type StartChatResult = SuccessBody<'startChat'>;
export type SendMessageResult = SuccessBody<'sendMessage'>;
export type StartChatError = OperationError<'startChat'>;
export type SendMessageError = OperationError<'sendMessage'>;

/** The `linkedin` option of `startChat`: Classic, Recruiter or Sales Navigator. */
export type LinkedinOptions = NonNullable<components['schemas']['StartChatRequest']['linkedin']>;
/** When a Recruiter follow-up is sent: `{ days, timezone }` or `{ weeks, timezone }`. */
export type FollowUpSchedule = components['schemas']['LinkedinRecruiterFollowUp']['scheduled_time'];
