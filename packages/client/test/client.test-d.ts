import type { Params, RequestBody } from '@postpress/types';
import { describe, expectTypeOf, test } from 'vitest';
import {
  createPostpressClient,
  createPostpressClientWith,
  createPostpressFetchClient,
  type ErrorKind,
  operations,
  PostpressError,
  sendMessage,
  unwrap,
} from '../src/index.js';

const client = createPostpressClient({ apiKey: 'pp_test_x' });
const fetchClient = createPostpressFetchClient({ apiKey: 'pp_test_x' });

describe('methods are the operations, typed by the spec', () => {
  test('startChat and sendMessage take the spec bodies; path parameters come first', () => {
    expectTypeOf(client.startChat).parameter(0).toHaveProperty('attendees_ids');
    expectTypeOf(client.sendMessage).parameter(0).toEqualTypeOf<string>();
    // @ts-expect-error attendees_ids is required
    void client.startChat({ account_id: 'a' });
    // @ts-expect-error signature is a Recruiter option
    void client.startChat({ account_id: 'a', attendees_ids: ['b'], linkedin: { api: 'classic', signature: 's' } });
    // @ts-expect-error chatId is required
    void client.sendMessage({ text: 'x' });
  });

  test('params are the body (no query or header parameter here), optional when nothing in them is required', () => {
    expectTypeOf<Params<'startChat'>>().toEqualTypeOf<RequestBody<'startChat'>>();
    expectTypeOf(client.startChat).parameter(0).toEqualTypeOf<Params<'startChat'>>();
    expectTypeOf(client.sendMessage).parameter(1).toEqualTypeOf<Params<'sendMessage'> | undefined>();
    void client.sendMessage('chat_1');
    // @ts-expect-error startChat's body has required fields
    void client.startChat();
    // @ts-expect-error no operation of the spec pages
    void client.startChat.all;
  });

  test('createPostpressClientWith gives the methods of the descriptors given, typed as createPostpressClient types them', () => {
    const one = createPostpressClientWith({ sendMessage }, { apiKey: 'pp_test_x' });
    expectTypeOf(one.sendMessage).toEqualTypeOf(client.sendMessage);
    expectTypeOf<keyof typeof one>().toEqualTypeOf<'sendMessage'>();
    // @ts-expect-error only sendMessage was given
    void one.startChat;
    expectTypeOf(createPostpressClientWith(operations, { apiKey: 'pp_test_x' })).toEqualTypeOf<typeof client>();
  });

  test("the fetch client's POST keeps the body typed as the object, not FormData", () => {
    void fetchClient.POST('/api/v1/chats', { body: { account_id: 'a', attendees_ids: ['b'] } });
    // @ts-expect-error FormData is not the body type
    void fetchClient.POST('/api/v1/chats', { body: new FormData() });
    // @ts-expect-error the methods client has no POST: it is createPostpressFetchClient's
    void client.POST;
    // @ts-expect-error time limits and retries are createPostpressClient's options
    createPostpressFetchClient({ apiKey: 'k', maxRetries: 1 });
  });
});

describe('results', () => {
  test('narrowing on status then type, and on kind for transport outcomes', async () => {
    const { data, error } = await client.startChat({ account_id: 'a', attendees_ids: ['b'] });
    if (error) {
      expectTypeOf(data).toEqualTypeOf<undefined>();
      if (error.status === 422) {
        expectTypeOf(error.kind).toEqualTypeOf<'api'>();
        expectTypeOf(error.type).toExtend<`errors/${string}`>();
        expectTypeOf<'errors/limit_exceeded'>().toExtend<typeof error.type>();
        // @ts-expect-error a 429 type is not a 422 type
        const wrong: typeof error.type = 'errors/too_many_requests';
        void wrong;
      }
      if (error.status === 429) expectTypeOf(error.type).toEqualTypeOf<'errors/too_many_requests'>();
      if (error.kind === 'invalid_response') {
        expectTypeOf(error.httpStatus).toEqualTypeOf<number>();
        expectTypeOf(error.rawBody).toEqualTypeOf<string>();
      }
      if (error.kind === 'undocumented') expectTypeOf(error.body).toEqualTypeOf<Readonly<Record<string, unknown>>>();
      if (error.kind === 'api') expectTypeOf(error.body).toEqualTypeOf<Readonly<Record<string, unknown>>>();
      if (error.kind === 'invalid_response') expectTypeOf(error.accepted).toEqualTypeOf<true | undefined>();
      if (error.kind === 'invalid_request') expectTypeOf(error.sent).toEqualTypeOf<false>();
      if (error.kind === 'network') expectTypeOf(error.sent).toEqualTypeOf<false | undefined>();
      expectTypeOf(error.kind).toEqualTypeOf<
        'api' | 'undocumented' | 'network' | 'timeout' | 'abort' | 'invalid_response' | 'redirect' | 'invalid_request'
      >();
    } else {
      expectTypeOf(data.chat_id).toEqualTypeOf<string>();
    }
  });

  test('sendMessage has no 400 and no 501', () => {
    type SendError = PostpressError<'sendMessage'>;
    expectTypeOf<Extract<SendError, { status: 400 }>>().toBeNever();
    expectTypeOf<Extract<SendError, { status: 501 }>>().toBeNever();
    expectTypeOf<
      Extract<PostpressError<'startChat'>, { status: 501 }>['type']
    >().toEqualTypeOf<'errors/feature_not_implemented'>();
  });
});

describe('options accept explicit undefined (this project compiles with exactOptionalPropertyTypes)', () => {
  test('ClientOptions and CallOptions', () => {
    const maybe = (): number | undefined => undefined;
    const signal: AbortSignal | undefined = undefined;
    createPostpressClient({
      apiKey: 'k',
      baseUrl: undefined,
      fetch: undefined,
      headers: undefined,
      timeoutMs: maybe(),
      maxRetries: undefined,
      retryBaseDelayMs: undefined,
      maxRetryDelayMs: undefined,
      allowInsecureHttp: undefined,
      maxResponseBytes: undefined,
      logger: undefined,
      logLevel: undefined,
      dangerouslyAllowBrowser: undefined,
    });
    void client.sendMessage('c', {}, { signal, timeoutMs: undefined, headers: undefined, maxRetries: maybe() });
    // @ts-expect-error not a log level
    createPostpressClient({ apiKey: 'k', logLevel: 'verbose' });
  });
});

describe('errors are Error subclasses and narrow as before', () => {
  test('PostpressError: instanceof, message, stack, attempts', async () => {
    const result = await client.startChat({ account_id: 'a', attendees_ids: ['b'] });
    expectTypeOf(result.attempts).toEqualTypeOf<number>();
    expectTypeOf(result.requestIds).toEqualTypeOf<(string | null)[]>();
    const { error } = result;
    if (error) {
      expectTypeOf(error).toExtend<Error>();
      expectTypeOf(error.message).toEqualTypeOf<string>();
      expectTypeOf(error.attempts).toEqualTypeOf<number>();
      if (error.kind === 'redirect') expectTypeOf(error.location).toEqualTypeOf<string | null>();
      if (error.status === 422) expectTypeOf(error.kind).toEqualTypeOf<'api'>();
    }
    const caught: unknown = new Error('x');
    if (caught instanceof PostpressError) expectTypeOf(caught.kind).toEqualTypeOf<ErrorKind>();
  });

  test('unwrap gives the data type or throws', async () => {
    const chat = await unwrap(client.startChat({ account_id: 'a', attendees_ids: ['b'] }));
    expectTypeOf(chat.chat_id).toEqualTypeOf<string>();
  });
});

describe('the throwing style', () => {
  test('instanceof PostpressError narrows a caught value to the error union', () => {
    const caught: unknown = new Error('x');
    if (caught instanceof PostpressError) {
      expectTypeOf(caught.kind).toEqualTypeOf<ErrorKind>();
      if (caught.status === 422) expectTypeOf(caught.type).toExtend<`errors/${string}`>();
      expectTypeOf(caught.message).toBeString();
    }
  });
});
