// The ways of sending the same startChat that the benchmark compares: raw fetch with a FormData
// built by hand (the baseline), the same with a 60 s time limit, @postpress/client with no time
// limit (like raw fetch and unipile-node-sdk) and with its default 60 s one, and unipile-node-sdk.
// Each reads the response body as JSON, so all do the same work end to end.
import { createPostpressClient } from '@postpress/client';
import { UnipileClient } from 'unipile-node-sdk';

export const API_KEY = 'pp_test_bench';
const CV = new TextEncoder().encode(`%PDF-1.7\n${'cv '.repeat(300)}\n%%EOF`); // ~1 KB: a small attachment

/** The full body from the issue: Recruiter options with a follow-up, two attendees, one attachment. */
export function startChatBody(file = new File([CV], 'cv.pdf', { type: 'application/pdf' })) {
  return {
    account_id: 'acc_bench',
    attendees_ids: ['ACoAAA1', 'ACoAAA2'],
    text: 'Hi, are you open to a backend role?',
    attachments: [file],
    linkedin: {
      api: 'recruiter',
      signature: 'Jane, Acme',
      hiring_project_id: 'hp_1',
      email_address: 'jane@acme.test',
      follow_up: {
        subject: 'Following up',
        text: 'Any news?',
        scheduled_time: { days: 3, timezone: 'Europe/Paris' },
      },
    },
  };
}

/** The wire format by hand, exactly as the API reference shows it. */
export function rawForm(body = startChatBody()) {
  const form = new FormData();
  form.append('account_id', body.account_id);
  for (const id of body.attendees_ids) form.append('attendees_ids[]', id);
  form.append('text', body.text);
  for (const file of body.attachments) form.append('attachments', file);
  const { linkedin } = body;
  form.append('linkedin[api]', linkedin.api);
  form.append('linkedin[signature]', linkedin.signature);
  form.append('linkedin[hiring_project_id]', linkedin.hiring_project_id);
  form.append('linkedin[email_address]', linkedin.email_address);
  form.append('linkedin[follow_up][subject]', linkedin.follow_up.subject);
  form.append('linkedin[follow_up][text]', linkedin.follow_up.text);
  form.append('linkedin[follow_up][scheduled_time][days]', String(linkedin.follow_up.scheduled_time.days));
  form.append('linkedin[follow_up][scheduled_time][timezone]', linkedin.follow_up.scheduled_time.timezone);
  return form;
}

// unipile-node-sdk takes attachments as [name, Buffer]; a caller would hold the Buffer already,
// so it is made once per file, outside what is compared.
const buffers = new WeakMap();
async function asBuffer(file) {
  if (!buffers.has(file)) buffers.set(file, Buffer.from(await file.arrayBuffer()));
  return [file.name, buffers.get(file)];
}

function check(data) {
  if (data?.object !== 'ChatStarted') throw new Error(`unexpected answer: ${JSON.stringify(data)}`);
}

const TIME_LIMIT_MS = 60_000; // the client's default timeoutMs

/** What a caller writes to give fetch the client's default time limit: `send(signal)` within it. */
export async function withTimeLimit(send) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIME_LIMIT_MS);
  try {
    return await send(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** A startChat through one @postpress/client instance; throws on any error. */
export const viaClient =
  (client, accept = () => {}) =>
  async (body = startChatBody()) => {
    const { data, error } = await client.startChat(body);
    if (error) throw new Error(`client error: ${error.kind}`);
    accept(data);
  };

/** @returns {Record<'raw' | 'rawTimeout' | 'client' | 'clientNoLimit' | 'unipile', (body?: object) => Promise<void>>} */
export function variants(baseUrl) {
  // unipile-node-sdk takes "protocol://host:port" and appends /api/v1 itself.
  const unipile = new UnipileClient(baseUrl, API_KEY);
  const raw = async (body = startChatBody(), signal = undefined) => {
    const init = { method: 'POST', headers: { 'X-API-KEY': API_KEY }, body: rawForm(body), signal };
    check(await (await fetch(`${baseUrl}/api/v1/chats`, init)).json());
  };
  return {
    raw: (body) => raw(body),
    rawTimeout: (body) => withTimeLimit((signal) => raw(body, signal)),
    client: viaClient(createPostpressClient({ apiKey: API_KEY, baseUrl }), check),
    clientNoLimit: viaClient(createPostpressClient({ apiKey: API_KEY, baseUrl, timeoutMs: 0 }), check),
    async unipile(body = startChatBody()) {
      const { linkedin } = body;
      // Its startNewChat has no follow-up option; extra_params is its documented escape hatch
      // for extra form fields, so the follow-up travels in the same bracket names as ours.
      const data = await unipile.messaging.startNewChat(
        {
          account_id: body.account_id,
          attendees_ids: body.attendees_ids,
          text: body.text,
          attachments: await Promise.all(body.attachments.map(asBuffer)),
          options: {
            linkedin: {
              api: linkedin.api,
              signature: linkedin.signature,
              hiring_project_id: linkedin.hiring_project_id,
              email_address: linkedin.email_address,
            },
          },
        },
        {
          extra_params: {
            'linkedin[follow_up][subject]': linkedin.follow_up.subject,
            'linkedin[follow_up][text]': linkedin.follow_up.text,
            'linkedin[follow_up][scheduled_time][days]': String(linkedin.follow_up.scheduled_time.days),
            'linkedin[follow_up][scheduled_time][timezone]': linkedin.follow_up.scheduled_time.timezone,
          },
        },
      );
      check(data);
    },
  };
}
