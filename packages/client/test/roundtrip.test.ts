// Property: any valid body, encoded by the client and parsed back from real multipart bytes
// (bracket notation included), is the body it started from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SendMessageBody, StartChatBody } from '../src/index.js';
import { operations } from '../src/index.js';
import { toFormData } from '../src/multipart.js';
import { type FilePart, nest, parts } from './helpers/server.js';

const ARRAYS = new Set(['attachments', 'linkedin.follow_up.attachments']);
const NUMBERS = /\[(days|weeks)\]$/;

// Multipart (per the HTML standard) sends every line break as CRLF.
const crlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', 'two\nlines', 'a\r\nb', 'ü €'));
const id = fc.string({ minLength: 1, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-') });
const file = fc
  .record({
    name: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/), { nil: undefined }),
    type: fc.constantFrom('', 'application/pdf', 'image/png', 'audio/ogg', 'text/plain'),
    text: fc.string(),
  })
  .map(({ name, type, text }) => (name ? new File([text], name, { type }) : new Blob([text], { type })));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const count = fc.oneof(fc.integer({ min: 0, max: 400 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

const followUp = fc.record(
  {
    subject: text,
    text,
    scheduled_time: fc.oneof(fc.record({ days: count, timezone: id }), fc.record({ weeks: count, timezone: id })),
    attachments: fc.array(file, { maxLength: 2 }),
  },
  { requiredKeys: ['subject', 'text', 'scheduled_time'] },
);
const linkedin = fc.oneof(
  fc.record(
    {
      api: fc.constant('classic' as const),
      topic: fc.constantFrom('service_request', 'request_demo', 'support', 'careers', 'other' as const),
      applicant_id: id,
      invitation_id: id,
      inmail: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      api: fc.constant('recruiter' as const),
      signature: text,
      hiring_project_id: id,
      job_posting_id: id,
      sourcing_channel: fc.constantFrom('JOB_POSTING', 'REFERRAL', 'CAREER_SITE' as const),
      email_address: id,
      visibility: fc.constantFrom('PUBLIC', 'PRIVATE', 'PROJECT' as const),
      follow_up: followUp,
    },
    { requiredKeys: ['api'] },
  ),
  fc.constant({ api: 'sales_navigator' as const }),
);
const startChatBody: fc.Arbitrary<StartChatBody> = fc.record(
  {
    account_id: id,
    attendees_ids: fc.array(id, { minLength: 1, maxLength: 4 }),
    text: optional(text),
    subject: text,
    attachments: fc.array(file, { maxLength: 3 }),
    voice_message: file,
    video_message: file,
    linkedin,
  },
  { requiredKeys: ['account_id', 'attendees_ids'] },
) as fc.Arbitrary<StartChatBody>;
const sendMessageBody: fc.Arbitrary<SendMessageBody> = fc.record(
  {
    text,
    account_id: id,
    thread_id: id,
    quote_id: id,
    voice_message: file,
    video_message: file,
    attachments: fc.array(file, { maxLength: 3 }),
    typing_duration: id,
  },
  { requiredKeys: [] },
);

/** The value a server should read back: files as {filename, type, text}, lines in CRLF, booleans as text, no empty arrays or objects. */
async function expected(value: unknown): Promise<unknown> {
  if (value instanceof Blob) {
    return {
      filename: value instanceof File ? value.name : 'blob',
      type: value.type || 'application/octet-stream',
      text: await value.text(),
    } satisfies FilePart;
  }
  if (typeof value === 'string') return crlf(value);
  if (typeof value === 'boolean') return String(value);
  if (Object.is(value, -0)) return 0; // decimal text has no negative zero: -0 is sent as "0"
  if (Array.isArray(value)) return Promise.all(value.map(expected));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value)
        .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
        .map(async ([k, v]) => [k, await expected(v)]),
    );
    // An object with no leaves has no parts on the wire: `linkedin: {}` reads back as absent.
    const isEmpty = (v: unknown) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
    return Object.fromEntries(entries.filter(([, v]) => !isEmpty(v)));
  }
  return value;
}

async function roundTrip(body: object, wire: Readonly<Record<string, 'brackets' | 'deepObject'>>) {
  const response = new Response(toFormData(body as Record<string, unknown>, wire));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const raw = await parts(bytes, response.headers.get('content-type') ?? '');
  // Numbers travel as decimal text: read them back as numbers.
  return nest(
    raw.map(([name, v]) => [name, NUMBERS.test(name) ? Number(v) : v]),
    ARRAYS,
  );
}

// The main run searches wide; the runs under other Node majors (scripts/test-node.mjs) check that
// runtime's FormData with fewer bodies.
const RUNS = process.env.POSTPRESS_TEST_NODE
  ? { startChat: 1_000, sendMessage: 300 }
  : { startChat: 5_000, sendMessage: 1_000 };

describe('encode → multipart bytes → parse', () => {
  it(`startChat: ${RUNS.startChat.toLocaleString('en')} random valid bodies come back equal`, async () => {
    await fc.assert(
      fc.asyncProperty(startChatBody, async (body) => {
        expect(await roundTrip(body, operations.startChat.wire ?? {})).toEqual(await expected(body));
      }),
      { numRuns: RUNS.startChat },
    );
    // CPU-bound (~6 s alone for 5,000); the time limit is generous, never a benchmark.
  }, 600_000);

  it(`sendMessage: ${RUNS.sendMessage.toLocaleString('en')} random valid bodies come back equal`, async () => {
    await fc.assert(
      fc.asyncProperty(sendMessageBody, async (body) => {
        expect(await roundTrip(body, operations.sendMessage.wire ?? {})).toEqual(await expected(body));
      }),
      { numRuns: RUNS.sendMessage },
    );
  }, 300_000);
});
