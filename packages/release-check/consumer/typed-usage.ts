// Type-checked (never run) as typed-usage.cts, .mts and .ts under each module resolution a user may
// pick (tsconfig.node16.json, tsconfig.nodenext.json, tsconfig.bundler.json, tsconfig.commonjs.json):
// the same code compiles whether the project is CommonJS or ESM.
import { createPostpressClient, type PostpressClient, PostpressConfigError } from '@postpress/client';
import { startMockServer } from '@postpress/mock';
import type { StartChatBody, StartChatError } from '@postpress/types';

export function explain(error: StartChatError): string {
  if (error.status === 422 && error.type === 'errors/limit_exceeded') return 'try again tomorrow';
  // @ts-expect-error -- 999 is not a documented status: proves the types are really read
  if (error.status === 999) return 'impossible';
  return error.title;
}

export async function run(): Promise<string> {
  const mock = await startMockServer({ port: 0 });
  try {
    const client: PostpressClient = createPostpressClient({ apiKey: 'pp_test_x', baseUrl: mock.url });
    const body: StartChatBody = { account_id: 'acc_1', attendees_ids: ['ACoAAA'], subject: undefined };
    const { data, error } = await client.startChat(body);
    if (error) return error.kind;
    return data.chat_id;
  } catch (error) {
    return error instanceof PostpressConfigError ? error.message : 'unexpected';
  } finally {
    await mock.close();
  }
}
