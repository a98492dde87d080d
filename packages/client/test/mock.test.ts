// The client against @postpress/mock: a full server that validates requests against the spec,
// for the cases where the whole exchange matters (forced errors, retries with Retry-After).
import { type MockServer, startMockServer } from '@postpress/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostpressClient } from '../src/index.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
});
afterAll(() => mock.close());

const client = (headers: Record<string, string> = {}, apiKey = 'pp_test_mock') =>
  createPostpressClient({ apiKey, baseUrl: mock.url, headers, retryBaseDelayMs: 5 });

describe('client ↔ mock', () => {
  it('a full Recruiter startChat is accepted, then a message is sent', async () => {
    const started = await client().startChat({
      account_id: 'acc_1',
      attendees_ids: ['ACo1', 'ACo2'],
      text: 'Hi',
      attachments: [new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' })],
      linkedin: {
        api: 'recruiter',
        follow_up: { subject: 's', text: 't', scheduled_time: { weeks: 2, timezone: 'Europe/Paris' } },
      },
    });
    expect(started.error).toBeUndefined();
    expect(started.data?.object).toBe('ChatStarted');
    const sent = await client().sendMessage(started.data?.chat_id ?? '', { text: 'Follow-up', typing_duration: '900' });
    expect(sent.data?.object).toBe('MessageSent');
  });

  it('a forced 422 comes back typed', async () => {
    const { error } = await client({ 'X-Postpress-Mock-Error': 'errors/limit_exceeded' }).sendMessage('chat_1', {
      text: 'x',
    });
    expect(error).toMatchObject({ kind: 'api', status: 422, type: 'errors/limit_exceeded', retryable: false });
  });

  it('a wrong API key is the API’s own 401', async () => {
    const { error } = await client({}, 'not-a-key').sendMessage('chat_1', { text: 'x' });
    expect(error).toMatchObject({ kind: 'api', status: 401, type: 'errors/invalid_credentials' });
  });

  it('429 twice with Retry-After, then success: retried, and only these', async () => {
    const headers = {
      'X-Postpress-Mock-Error': 'errors/too_many_requests',
      'X-Postpress-Mock-Retry-After': '0',
      'X-Postpress-Mock-Fail-Times': '2',
      'X-Postpress-Mock-Scenario': `retry-${Date.now()}`,
    };
    const { data, error } = await client(headers).startChat({ account_id: 'a', attendees_ids: ['b'] });
    expect(error).toBeUndefined();
    expect(data?.object).toBe('ChatStarted');
  });

  it('a forced 500 is not retried', async () => {
    const headers = {
      'X-Postpress-Mock-Error': 'errors/unexpected_error',
      'X-Postpress-Mock-Fail-Times': '1',
      'X-Postpress-Mock-Scenario': `no-retry-${Date.now()}`,
    };
    const { error } = await client(headers).startChat({ account_id: 'a', attendees_ids: ['b'] });
    expect(error).toMatchObject({ kind: 'api', status: 500, retryable: false });
  });
});
