// createPostpressFetchClient: openapi-fetch's own client (GET, POST, …, middleware), typed by
// @postpress/types' paths, with the same options and checks as createPostpressClient. A body is
// the spec's object, encoded as multipart in the operation's wire format. No retries, no time limit.
import type { paths } from '@postpress/types';
import createClient, { type Client } from 'openapi-fetch';
import { checkOptions } from './client.js';
import { operations } from './generated/operations.js';
import { toFormData } from './multipart.js';
import type { ClientOptions } from './types.js';

export type PostpressFetchClient = Client<paths>;

/** The options that apply here: time limits and retries are createPostpressClient's. */
export type FetchClientOptions = Pick<ClientOptions, 'apiKey' | 'baseUrl' | 'fetch' | 'headers' | 'allowInsecureHttp'>;

export function createPostpressFetchClient(options: FetchClientOptions): PostpressFetchClient {
  const custom = options.fetch;
  const client = createClient<paths>({
    ...checkOptions(options),
    redirect: 'manual', // never followed: a 3xx comes back as it is (see client.ts)
    // Looked up per request, so a fetch replaced after creation (msw, tests) is used.
    fetch: (request) => (custom ?? fetch)(request),
  });
  const post = client.POST as (path: string, init: object) => ReturnType<PostpressFetchClient['POST']>;
  // openapi-fetch's bodySerializer is not told the path, so POST is wrapped to pass the operation's.
  client.POST = ((path: string, init: object) =>
    post(path, {
      bodySerializer: (body: Record<string, unknown>) =>
        toFormData(body, Object.values(operations).find((op) => op.path === path)?.wire ?? {}),
      ...init,
    })) as PostpressFetchClient['POST'];
  return client;
}
