// A web app's code, bundled for the browser with esbuild (test/browser.ts) and run in Chromium against
// @postpress/mock on another origin: startChat, a forced 422, and the refusal without the browser flag.
import { createPostpressClient } from '@postpress/client';

const apiKey = 'pp_test_browser_0123456789';

globalThis.postpressFlow = async (baseUrl) => {
  // A secret key in a browser is the app's explicit choice (here: a test against a local mock).
  const client = createPostpressClient({ apiKey, baseUrl, dangerouslyAllowBrowser: true, timeoutMs: 10_000 });
  const started = await client.startChat({
    account_id: 'acc_browser',
    attendees_ids: ['ACoAAA_browser'],
    text: 'Hi from a browser',
    attachments: [new File(['%PDF-1.4 browser'], 'cv.pdf', { type: 'application/pdf' })],
  });
  const limited = createPostpressClient({
    apiKey,
    baseUrl,
    dangerouslyAllowBrowser: true,
    headers: { 'X-Postpress-Mock-Error': 'errors/limit_exceeded' },
  });
  const failed = await limited.startChat({ account_id: 'acc_browser', attendees_ids: ['ACoAAA_browser'] });
  return {
    chat: started.data?.object ?? `error: ${JSON.stringify(started.error)}`,
    error: failed.error ? `${failed.error.kind} ${failed.error.status} ${failed.error.type}` : 'no error',
    requestId: failed.error?.requestId ?? null,
    keyLeaked: JSON.stringify([started, failed]).includes(apiKey),
  };
};

globalThis.postpressWithoutFlag = (baseUrl) => {
  try {
    createPostpressClient({ apiKey, baseUrl });
    return 'created';
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};
