// A user's file compiled with exactOptionalPropertyTypes: true (test/consumers.test.ts): every optional
// field of a request body accepts an explicit `undefined`, as the client skips undefined fields.
import type { components, SendMessageBody, StartChatBody } from '@postpress/types';

type Schemas = components['schemas'];
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** The optional keys of T that do NOT accept `undefined` (under exactOptionalPropertyTypes). */
type RejectsUndefined<T> = T extends unknown
  ? { [K in OptionalKeys<T>]-?: undefined extends Required<T>[K] ? never : K }[OptionalKeys<T>]
  : never;
type Assert<T extends never> = T;

// Every schema a request body reaches (scripts/generate-types.mjs: requestSchemaRefs).
export type Checked = [
  Assert<RejectsUndefined<StartChatBody>>,
  Assert<RejectsUndefined<SendMessageBody>>,
  Assert<RejectsUndefined<Schemas['StartChatRequest']>>,
  Assert<RejectsUndefined<Schemas['SendMessageRequest']>>,
  Assert<RejectsUndefined<Schemas['LinkedinClassicOptions']>>,
  Assert<RejectsUndefined<Schemas['LinkedinRecruiterOptions']>>,
  Assert<RejectsUndefined<Schemas['LinkedinRecruiterFollowUp']>>,
  Assert<RejectsUndefined<Schemas['LinkedinSalesNavigatorOptions']>>,
  Assert<RejectsUndefined<Schemas['ScheduledTimeDays']>>,
  Assert<RejectsUndefined<Schemas['ScheduledTimeWeeks']>>,
  // @ts-expect-error -- a response body keeps the plain `detail?: string`: proves the check can fail
  Assert<RejectsUndefined<Schemas['ErrorEnvelope']>>,
];

declare const maybeString: string | undefined;
declare const maybeFile: Blob | undefined;
declare const maybeFlag: boolean | undefined;

export const body: StartChatBody = {
  account_id: 'acc_01HXYZ',
  attendees_ids: ['ACoAACr-1eYBl'],
  subject: maybeString,
  text: maybeString,
  attachments: undefined,
  voice_message: maybeFile,
  linkedin: { api: 'classic', inmail: maybeFlag, topic: undefined },
};

export const recruiter: StartChatBody = {
  account_id: 'acc_01HXYZ',
  attendees_ids: ['ACoAACr-1eYBl'],
  linkedin: {
    api: 'recruiter',
    signature: maybeString,
    hiring_project_id: undefined,
    follow_up: {
      subject: 'Following up',
      text: 'Any news?',
      scheduled_time: { days: 3, timezone: 'Europe/Paris' },
      attachments: undefined,
    },
  },
};

export const reply: SendMessageBody = { text: maybeString, attachments: undefined, video_message: maybeFile };

export const missing: StartChatBody = {
  // @ts-expect-error -- a required field does not accept undefined
  account_id: maybeString,
  attendees_ids: ['ACoAACr-1eYBl'],
};
