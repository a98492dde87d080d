import { describe, expectTypeOf, test } from 'vitest';
import type {
  ChatStarted,
  ErrorFor,
  ErrorStatus,
  FollowUpSchedule,
  HeaderParams,
  LinkedinOptions,
  MessageSent,
  OperationError,
  Params,
  PathParams,
  paths,
  QueryParams,
  RequestBody,
  SendMessageBody,
  SendMessageError,
  SendMessageParams,
  SendMessageResult,
  StartChatBody,
  StartChatError,
  StartChatParams,
  StartChatResult,
  SuccessBody,
} from '../src/index.js';

type Is<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const base = { account_id: 'acc_1', attendees_ids: ['ACo1'] };

describe('request bodies', () => {
  test('account_id and attendees_ids are required; the rest is optional', () => {
    expectTypeOf<{ account_id: string; attendees_ids: string[] }>().toExtend<StartChatBody>();
    // @ts-expect-error account_id is required
    const noAccount: StartChatBody = { attendees_ids: ['ACo1'] };
    // @ts-expect-error attendees_ids is required
    const noAttendees: StartChatBody = { account_id: 'acc_1' };
    expectTypeOf<SendMessageBody>().toExtend<{ text?: string }>();
    const empty: SendMessageBody = {};
    void [noAccount, noAttendees, empty];
  });

  test('recruiter-only fields are rejected with api: classic and accepted with api: recruiter', () => {
    // @ts-expect-error signature is a Recruiter option
    const classic: StartChatBody = { ...base, linkedin: { api: 'classic', signature: 'Jane' } };
    const recruiter: StartChatBody = { ...base, linkedin: { api: 'recruiter', signature: 'Jane' } };
    const implicitClassic: StartChatBody = { ...base, linkedin: { inmail: true, topic: 'careers' } };
    // @ts-expect-error topic is not one of the documented values
    const badTopic: StartChatBody = { ...base, linkedin: { topic: 'sales' } };
    // @ts-expect-error Sales Navigator takes no other option
    const salesNav: StartChatBody = { ...base, linkedin: { api: 'sales_navigator', inmail: true } };
    expectTypeOf<LinkedinOptions['api']>().toEqualTypeOf<'classic' | 'recruiter' | 'sales_navigator' | undefined>();
    void [classic, recruiter, implicitClassic, badTopic, salesNav];
  });

  test('follow_up.scheduled_time needs days or weeks, with a timezone', () => {
    const days: FollowUpSchedule = { days: 3, timezone: 'Europe/Paris' };
    const weeks: FollowUpSchedule = { weeks: 1, timezone: 'Europe/Paris' };
    // @ts-expect-error timezone is required
    const noZone: FollowUpSchedule = { days: 3 };
    // @ts-expect-error days or weeks is required
    const neither: FollowUpSchedule = { timezone: 'Europe/Paris' };
    const body: StartChatBody = {
      ...base,
      linkedin: {
        api: 'recruiter',
        // @ts-expect-error scheduled_time is required in a follow-up
        follow_up: { subject: 'Hello again', text: 'Any news?' },
      },
    };
    void [days, weeks, noZone, neither, body];
  });

  test('a Blob (so a File) is accepted for attachments and voice/video messages; a string is not', () => {
    const blob = new Blob(['%PDF']);
    const withFiles: StartChatBody = { ...base, attachments: [blob, new File([], 'cv.pdf')], voice_message: blob };
    const send: SendMessageBody = { attachments: [blob], video_message: blob };
    // @ts-expect-error a path string is not a file
    const path: SendMessageBody = { attachments: ['/tmp/cv.pdf'] };
    void [withFiles, send, path];
  });
});

describe('responses', () => {
  test('success bodies', () => {
    expectTypeOf<ChatStarted>().toEqualTypeOf<{ object: 'ChatStarted'; chat_id: string; message_id: string }>();
    expectTypeOf<MessageSent['object']>().toEqualTypeOf<'MessageSent'>();
  });

  // Which types each status has is the spec's (held to the reference pages by packages/openapi's tests,
  // through the model openapi-typescript reads too): here, that narrowing keeps them apart.
  test('narrowing a startChat error on status 422 leaves the 422 types only, on 429 exactly one', () => {
    const handle = (error: StartChatError) => {
      if (error.status === 422) {
        expectTypeOf<Extract<typeof error.type, 'errors/invalid_parameters'>>().toBeNever(); // a 400 type
        expectTypeOf(error.type).toExtend<'errors/limit_exceeded' | 'errors/insufficient_job_slot' | (string & {})>();
        const ok: true = true as Is<Extract<typeof error.type, 'errors/limit_exceeded'>, 'errors/limit_exceeded'>;
        void ok;
      } else if (error.status === 429) {
        expectTypeOf(error.type).toEqualTypeOf<'errors/too_many_requests'>();
      } else if (error.status === 400) {
        expectTypeOf<'errors/invalid_parameters'>().toExtend<typeof error.type>();
        expectTypeOf<Extract<typeof error.type, 'errors/limit_exceeded'>>().toBeNever(); // a 422 type
      }
    };
    void handle;
    expectTypeOf<400 | 422 | 429 | 501>().toExtend<ErrorStatus<'startChat'>>();
    expectTypeOf<Extract<ErrorStatus<'startChat'>, 200 | 201 | 204>>().toBeNever();
    expectTypeOf<422 | 429>().toExtend<ErrorStatus<'sendMessage'>>();
  });

  test('every status carries its own envelope; types do not leak between statuses', () => {
    expectTypeOf<ErrorFor<'startChat', 404>['type']>().toEqualTypeOf<
      'errors/resource_not_found' | 'errors/invalid_resource_identifier'
    >();
    expectTypeOf<ErrorFor<'sendMessage', 422>['status']>().toEqualTypeOf<422>();
    // 400 is not a documented status of sendMessage.
    expectTypeOf<Extract<SendMessageError, { status: 400 }>>().toBeNever();
  });

  test('paths keeps openapi-typescript shape for openapi-fetch', () => {
    expectTypeOf<'/api/v1/chats' | '/api/v1/chats/{chat_id}/messages'>().toExtend<keyof paths>();
    expectTypeOf<paths['/api/v1/chats/{chat_id}/messages']['post']['parameters']['path']>().toEqualTypeOf<{
      chat_id: string;
    }>();
  });
});

describe('named helpers, for every operation', () => {
  test('parameters: path parameters by name; no query or header parameter where the operation has none', () => {
    expectTypeOf<PathParams<'sendMessage'>>().toEqualTypeOf<{ chat_id: string }>();
    expectTypeOf<PathParams<'startChat'>>().toBeNever();
    expectTypeOf<QueryParams<'startChat' | 'sendMessage'>>().toBeNever();
    expectTypeOf<HeaderParams<'startChat' | 'sendMessage'>>().toBeNever();
  });

  test('Params is the request body when there is no query or header parameter', () => {
    expectTypeOf<Params<'startChat'>>().toEqualTypeOf<StartChatBody>();
    expectTypeOf<Params<'sendMessage'>>().toEqualTypeOf<RequestBody<'sendMessage'>>();
  });

  test('the generated aliases are the helpers of each operation (and the published names keep working)', () => {
    expectTypeOf<StartChatParams>().toEqualTypeOf<Params<'startChat'>>();
    expectTypeOf<SendMessageParams>().toEqualTypeOf<Params<'sendMessage'>>();
    expectTypeOf<StartChatResult>().toEqualTypeOf<ChatStarted>();
    expectTypeOf<SendMessageResult>().toEqualTypeOf<SuccessBody<'sendMessage'>>();
    expectTypeOf<StartChatError>().toEqualTypeOf<OperationError<'startChat'>>();
    expectTypeOf<SendMessageError>().toEqualTypeOf<OperationError<'sendMessage'>>();
  });
});
