import { readFile } from 'node:fs/promises';
import { createPostpressClient } from '@postpress/client';

const apiKey = process.env.POSTPRESS_API_KEY;
if (!apiKey) throw new Error('Set POSTPRESS_API_KEY to your API key');
const client = createPostpressClient({
  apiKey,
  baseUrl: process.env.POSTPRESS_BASE_URL ?? 'https://api.postpress.ai',
});

// Start a chat with a LinkedIn Recruiter InMail, a follow-up in 3 days and a CV attached.
const cv = new File([await readFile('./cv.pdf')], 'cv.pdf', { type: 'application/pdf' });
const { data, error } = await client.startChat({
  account_id: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  attendees_ids: ['ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8', 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI'],
  subject: 'Senior Backend Engineer at Acme',
  text: 'Hi! Your profile stood out for our backend role. Open to a chat?',
  linkedin: {
    api: 'recruiter',
    follow_up: {
      subject: 'Following up on the backend role',
      text: 'Just checking whether you saw my message.',
      scheduled_time: { days: 3, timezone: 'Europe/Paris' },
    },
  },
  attachments: [cv],
});

if (error) {
  // `kind: 'api'` errors carry the spec's status and type: narrow on them to handle one case.
  if (error.kind === 'api' && error.status === 422 && error.type === 'errors/limit_exceeded') {
    console.error('LinkedIn limit reached for this account; try again tomorrow.');
  } else {
    console.error('startChat failed:', error);
  }
  process.exit(1);
}
console.log(`chat ${data.chat_id} started, first message ${data.message_id}`);
