// The same as require.cjs, as an ES module user writes it (import). One JSON line.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createPostpressClient, PostpressConfigError } from '@postpress/client';
import { startMockServer } from '@postpress/mock';
import * as types from '@postpress/types';

const apiKey = 'pp_test_consumer_esm_0123456789';
const mock = await startMockServer({ port: 0 });
try {
  const client = createPostpressClient({ apiKey, baseUrl: mock.url, timeoutMs: 10_000 });
  const started = await client.startChat({
    account_id: 'acc_consumer',
    attendees_ids: ['ACoAAA_consumer'],
    attachments: [new File(['%PDF-1.4 consumer'], 'cv.pdf', { type: 'application/pdf' })],
  });
  assert.equal(started.error, undefined, JSON.stringify(started.error));

  const limited = createPostpressClient({
    apiKey,
    baseUrl: mock.url,
    headers: { 'X-Postpress-Mock-Error': 'errors/limit_exceeded' },
  });
  const failed = await limited.startChat({ account_id: 'acc_consumer', attendees_ids: ['ACoAAA_consumer'] });
  assert.equal(failed.data, undefined);

  let configError;
  try {
    createPostpressClient({ apiKey: '' });
  } catch (error) {
    configError = error;
  }
  // The dual-package hazard, stated rather than hidden: require() in the same process loads the
  // CommonJS build, a second copy of every class.
  const fromRequire = createRequire(import.meta.url)('@postpress/client');
  console.log(
    JSON.stringify({
      system: 'esm',
      node: process.version,
      chat: started.data.object,
      error: `${failed.error.status} ${failed.error.type}`,
      configErrorIsInstance: configError instanceof PostpressConfigError && configError instanceof Error,
      typesExports: Object.keys(types).length,
      sameClassFromRequire: fromRequire.PostpressConfigError === PostpressConfigError,
    }),
  );
} finally {
  await mock.close();
}
