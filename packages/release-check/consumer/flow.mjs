// A user's integration test, run on Node in a project outside the monorepo: start @postpress/mock,
// start a chat and send a message with @postpress/client, then handle a forced 422. Prints one JSON line.
import assert from 'node:assert/strict';
import { createPostpressClient } from '@postpress/client';
import { startMockServer } from '@postpress/mock';

const apiKey = 'pp_test_consumer_0123456789';
const mock = await startMockServer({ port: 0 });
try {
  const client = createPostpressClient({ apiKey, baseUrl: mock.url, timeoutMs: 10_000 });
  const started = await client.startChat({
    account_id: 'acc_consumer',
    attendees_ids: ['ACoAAA_consumer'],
    text: 'Hi',
    attachments: [new File(['%PDF-1.4 consumer'], 'cv.pdf', { type: 'application/pdf' })],
  });
  assert.equal(started.error, undefined, JSON.stringify(started.error));
  assert.equal(started.data.object, 'ChatStarted');

  const sent = await client.sendMessage(started.data.chat_id, { text: 'Got it' });
  assert.equal(sent.error, undefined, JSON.stringify(sent.error));
  assert.equal(sent.data.object, 'MessageSent');

  // The mock answers with any documented error named in this header (see the mock's README).
  const limited = createPostpressClient({
    apiKey,
    baseUrl: mock.url,
    headers: { 'X-Postpress-Mock-Error': 'errors/limit_exceeded' },
  });
  const failed = await limited.startChat({ account_id: 'acc_consumer', attendees_ids: ['ACoAAA_consumer'] });
  assert.equal(failed.data, undefined);
  assert.equal(failed.error.kind, 'api');
  assert.equal(failed.error.status, 422);
  assert.equal(failed.error.type, 'errors/limit_exceeded');
  assert.equal(failed.error.retryable, false);
  assert.ok(!JSON.stringify(failed.error).includes(apiKey), 'the API key leaked into the error');

  console.log(
    JSON.stringify({
      chat: started.data.object,
      message: sent.data.object,
      error: `${failed.error.status} ${failed.error.type}`,
    }),
  );
} finally {
  await mock.close();
}
