import { readFile } from 'node:fs/promises';
import { createPostpressClient } from '@postpress/client';

const apiKey = process.env.POSTPRESS_API_KEY;
if (!apiKey) throw new Error('Set POSTPRESS_API_KEY to your API key');
const client = createPostpressClient({
  apiKey,
  baseUrl: process.env.POSTPRESS_BASE_URL ?? 'https://api.postpress.ai',
});

// Reply in a chat (the chat_id returned by startChat) with a file attached.
const cv = new File([await readFile('./cv.pdf')], 'cv.pdf', { type: 'application/pdf' });
const { data, error } = await client.sendMessage('chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR', {
  text: 'Got it - thanks!',
  attachments: [cv],
});

if (error) {
  // 429 and 503 were already retried by the client (honouring Retry-After) before you see them.
  console.error('sendMessage failed:', error.kind === 'api' ? `${error.status} ${error.type}` : error.kind);
  process.exit(1);
}
console.log(`message ${data.message_id} sent`);
