// createPostpressFetchClient: openapi-fetch's own client (GET, POST, …, middleware), typed by
// @postpress/types' paths, with the same options and checks as createPostpressClient. Each call is
// matched to its operation by method AND path, and its query and body are encoded as the methods
// client encodes them: the query in each parameter's style, the body as multipart (the spec's
// object, in the operation's wire format) or JSON. No retries, no time limit; a body past
// maxResponseBytes fails its read, and an error from fetch is rebuilt without the key.
import type { paths } from '@postpress/types';
import createClient, { type Client } from 'openapi-fetch';
import { checkDescriptor, checkOptions, DEFAULT_MAX_RESPONSE_BYTES, sanitize, scrubber } from './client.js';
import { PostpressError } from './errors.js';
import { operations as every } from './generated/operations.js';
import { EncodeError, scalar } from './multipart.js';
import type { ClientOptions, OperationDescriptor } from './types.js';

export type PostpressFetchClient = Client<paths>;

/** The options that apply here: time limits and retries are createPostpressClient's. */
export type FetchClientOptions = Pick<
  ClientOptions,
  'apiKey' | 'baseUrl' | 'fetch' | 'headers' | 'allowInsecureHttp' | 'maxResponseBytes'
>;

const METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'] as const;

/**
 * openapi-fetch's client for the API. `operations` are the descriptors calls are matched against
 * (default: every operation of the API; a client generated from another spec passes its own).
 */
export function createPostpressFetchClient(
  options: FetchClientOptions,
  operations: Readonly<Record<string, OperationDescriptor>> = every,
): PostpressFetchClient {
  const { fetch: custom, maxResponseBytes: max = DEFAULT_MAX_RESPONSE_BYTES } = options;
  const scrub = scrubber(options.apiKey);
  const client = createClient<paths>({
    ...checkOptions(options),
    redirect: 'manual', // never followed: a 3xx comes back as it is (see client.ts)
    // Looked up per request, so a fetch replaced after creation (msw, tests) is used.
    fetch: async (request) => {
      let response: Response;
      try {
        response = await (custom ?? fetch)(request);
      } catch (error) {
        throw sanitize(error, scrub); // a custom fetch's error may hold the Request, and its X-API-KEY
      }
      // openapi-fetch reads a body whole: past `max` bytes (after decompression) that read fails instead.
      let size = 0;
      const type = response.headers.get('content-type');
      const limit = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size <= max) return controller.enqueue(chunk);
          controller.error(
            new PostpressError({
              kind: 'invalid_response',
              httpStatus: response.status,
              contentType: type && scrub(type),
              rawBody: '',
              reason: `body larger than maxResponseBytes (${max})`,
              retryable: false,
            }),
          );
        },
      });
      if (!response.body) return response;
      const bounded = new Response(response.body.pipeThrough(limit), response);
      return Object.defineProperty(bounded, 'url', { value: response.url }); // the copy would have none
    },
  });
  for (const [operationId, op] of Object.entries(operations)) checkDescriptor(operationId, op);
  const all = Object.values(operations);
  // openapi-fetch's serializers are not told the operation, so each method is wrapped to pass those of
  // the operation at this method and path (a path no operation has keeps openapi-fetch's defaults).
  for (const method of METHODS) {
    const send = client[method] as (path: string, init?: object) => Promise<unknown>;
    client[method] = ((path: string, init?: object) => {
      const op = all.find((o) => o.method === method && o.path === path);
      return send(
        path,
        op
          ? {
              // The descriptor's own code writes its query and body (shapes.ts).
              querySerializer: (query: Record<string, unknown>) => op.uses?.query?.(op, query, scalar) ?? '',
              bodySerializer: (body: Record<string, unknown>) =>
                op.body === 'multipart'
                  ? op.uses?.form?.(body, op.wire, { open: 0 }, scalar, EncodeError)
                  : op.uses?.json && op.body
                    ? // The body as given, even an empty optional one: the caller chose to send it.
                      (op.uses.json({ body: op.body }, body, body, scalar, {}, EncodeError) as string)
                    : JSON.stringify(body), // an operation without a JSON body: openapi-fetch's own encoding
              ...init,
            }
          : init,
      );
    }) as never;
  }
  return client;
}
