import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const KEY = 'pp_test_k3yThatMustNeverLeak42';

export const startChatBody = () => {
  const form = new FormData();
  form.append('account_id', 'acc_1');
  form.append('attendees_ids[]', 'ACo1');
  form.append('attendees_ids[]', 'ACo2');
  form.append('text', 'Hi');
  form.append('linkedin[api]', 'recruiter');
  form.append('linkedin[follow_up][subject]', 's');
  form.append('linkedin[follow_up][text]', 't');
  form.append('linkedin[follow_up][scheduled_time][days]', '3');
  form.append('linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris');
  form.append('attachments', new Blob(['%PDF-1.4'], { type: 'application/pdf' }), 'cv.pdf');
  return form;
};

export const sendMessageBody = () => {
  const form = new FormData();
  form.append('text', 'Got it');
  return form;
};

export const paths = {
  startChat: '/api/v1/chats',
  sendMessage: '/api/v1/chats/chat_1/messages',
} as const;

export async function post(url: string, body: FormData | string | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'X-API-KEY': KEY, ...headers },
    body,
    signal: AbortSignal.timeout(30_000), // generous: a loaded 2-core machine
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}
