// The same flow as flow.mjs, type-checked (not run) with TypeScript 5.9 and 7: the published types must
// let a user narrow an error on `kind`, then `status`, then `type`, exactly.
import { createPostpressClient } from '@postpress/client';
import { startMockServer } from '@postpress/mock';
import type { paths } from '@postpress/types';

type StartChatPath = paths['/api/v1/chats'];
export const operation: keyof StartChatPath = 'post';

export async function flow(): Promise<string> {
  const mock = await startMockServer({ port: 0 });
  try {
    const client = createPostpressClient({ apiKey: 'pp_test_consumer', baseUrl: mock.url });
    const { data, error } = await client.startChat({
      account_id: 'acc_1',
      attendees_ids: ['ACoAAA'],
      text: 'Hi',
      linkedin: {
        api: 'recruiter',
        follow_up: { subject: 's', text: 't', scheduled_time: { days: 3, timezone: 'Europe/Paris' } },
      },
      attachments: [new File(['x'], 'cv.pdf', { type: 'application/pdf' })],
    });
    if (error) {
      if (error.kind === 'api' && error.status === 422 && error.type === 'errors/limit_exceeded') {
        const retry: boolean = error.retryable;
        return `limit exceeded (retryable: ${retry})`;
      }
      // @ts-expect-error -- 999 is not a status the spec documents: the literal union rejects it
      if (error.kind === 'api' && error.status === 999) return 'impossible';
      return error.kind;
    }
    const chatId: string = data.chat_id;
    const sent = await client.sendMessage(chatId, { text: 'Got it' });
    // @ts-expect-error -- sendMessage needs a chat id first
    await client.sendMessage({ text: 'no chat id' });
    return sent.data ? sent.data.message_id : sent.error.kind;
  } finally {
    await mock.close();
  }
}
