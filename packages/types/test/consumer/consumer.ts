// A user's file: compiled against the *built* package (dist/), as an npm consumer would.
import type { ChatStarted, SendMessageBody, StartChatBody, StartChatError } from '@postpress/types';

const cv = new File(['%PDF-1.7'], 'cv.pdf', { type: 'application/pdf' });

export const body: StartChatBody = {
  account_id: 'acc_01HXYZ',
  attendees_ids: ['ACoAACr-1eYBl'],
  text: 'Hi!',
  attachments: [cv],
  linkedin: {
    api: 'recruiter',
    sourcing_channel: 'RECRUITER_SEARCH',
    follow_up: { subject: 'Following up', text: 'Any news?', scheduled_time: { weeks: 1, timezone: 'Europe/Paris' } },
  },
};

export const reply: SendMessageBody = { text: 'Thanks', typing_duration: '1500' };

export function describeError(error: StartChatError): string {
  switch (error.status) {
    case 422:
      return error.type === 'errors/limit_exceeded' ? 'slow down' : error.title;
    case 429:
      return error.type;
    default:
      return `${error.status} ${error.type}`;
  }
}

export const started = (data: ChatStarted): string => data.chat_id;
