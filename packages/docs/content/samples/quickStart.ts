import { createPostpressClient } from '@postpress/client';

const apiKey = process.env.POSTPRESS_API_KEY;
if (!apiKey) throw new Error('Set POSTPRESS_API_KEY to your API key');
const client = createPostpressClient({
  apiKey,
  baseUrl: process.env.POSTPRESS_BASE_URL ?? 'https://api.postpress.ai',
});

// 1. Start a chat: the response carries the new chat's id.
const started = await client.startChat({
  account_id: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  attendees_ids: ['ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8'],
  text: 'Hi! Open to a chat about the backend role?',
});
if (started.error) throw new Error(`startChat failed: ${started.error.kind}`);

// 2. Send a message in it.
const sent = await client.sendMessage(started.data.chat_id, { text: 'Here is the job description.' });
if (sent.error) throw new Error(`sendMessage failed: ${sent.error.kind}`);
console.log(sent.data.message_id);
