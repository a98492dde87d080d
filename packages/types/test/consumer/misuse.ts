// Must NOT compile: proves the consumer check really type-checks against the package.
import type { StartChatBody } from '@postpress/types';

export const body: StartChatBody = {
  account_id: 'acc',
  attendees_ids: ['x'],
  linkedin: { api: 'classic', signature: 'no' },
};
