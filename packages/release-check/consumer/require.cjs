// A CommonJS user's script: require() every package, start the mock, start a chat, handle a forced 422.
// Run on the Node that runs the tests and on the oldest Node the packages' `engines` allow. One JSON line.
const assert = require('node:assert/strict');
const { createPostpressClient, PostpressConfigError } = require('@postpress/client');
const { startMockServer } = require('@postpress/mock');
const types = require('@postpress/types'); // types only: its JavaScript is an empty module

const apiKey = 'pp_test_consumer_cjs_0123456789';

async function main() {
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

    // instanceof holds within one module system (see the client README on CommonJS and ESM).
    let configError;
    try {
      createPostpressClient({ apiKey: '' });
    } catch (error) {
      configError = error;
    }
    console.log(
      JSON.stringify({
        system: 'commonjs',
        clientFile: require('node:path').basename(require.resolve('@postpress/client')),
        node: process.version,
        chat: started.data.object,
        error: `${failed.error.status} ${failed.error.type}`,
        configErrorIsInstance: configError instanceof PostpressConfigError && configError instanceof Error,
        typesExports: Object.keys(types).length,
      }),
    );
  } finally {
    await mock.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
