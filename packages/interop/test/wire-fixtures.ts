// Requests for the wire-view interop tests: documented success requests (the spec's own examples,
// the success recordings, a few more bodies covering every variant) and the shapes the API
// reference calls wrong. Success bodies are written canonically (nested) and encoded by the
// client's own encoder, so they do not depend on the wire-view generator under test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The client's own encoder (this package depends on @postpress/client; the encoder is not public API).
import { toFormData, type WireFormat } from '../../client/src/multipart.js';
import { distDir, repoRoot, wireJsonPath } from './helpers.js';

type Json = Record<string, any>;
export const canonical: Json = JSON.parse(readFileSync(join(distDir, 'openapi.json'), 'utf8'));
export const wire: Json = JSON.parse(readFileSync(wireJsonPath, 'utf8'));

export const operationPaths = {
  startChat: '/api/v1/chats',
  sendMessage: '/api/v1/chats/chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR/messages',
} as const;
export type Op = keyof typeof operationPaths;
const specPaths = { startChat: '/api/v1/chats', sendMessage: '/api/v1/chats/{chat_id}/messages' } as const;

/** An operation's canonical multipart media type (schema, encoding, examples). */
export const canonicalMedia = (op: Op): Json =>
  canonical.paths[specPaths[op]].post.requestBody.content['multipart/form-data'];
export const wireMedia = (op: Op): Json => wire.paths[specPaths[op]].post.requestBody.content['multipart/form-data'];

const model: Json = JSON.parse(readFileSync(join(distDir, 'operations.json'), 'utf8'));
/** Each field's wire format, from the operations model (what @postpress/client is generated from). */
function wireFormats(op: Op): Record<string, WireFormat> {
  const fields = model.operations.find((o: Json) => o.operationId === op).requestBody.multipart.fields;
  return Object.fromEntries(Object.entries<string>(fields).filter(([, f]) => f !== 'plain')) as Record<
    string,
    WireFormat
  >;
}

/** A canonical (nested) body as the documented multipart parts, by the client's encoder. */
export const encodeCanonical = (op: Op, body: Json): FormData => toFormData(body, wireFormats(op));

/**
 * The parts of the call the generated clients' tests make (two attendees, a Recruiter follow-up in
 * 3 days, a PDF of 11 bytes), in order, as the API documents them.
 */
export const DOCUMENTED_CALL_PARTS: [string, string | { filename: string; contentType: string; size: number }][] = [
  ['account_id', 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR'],
  ['attendees_ids[]', 'ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8'],
  ['attendees_ids[]', 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI'],
  ['text', 'Hi! Open to a chat?'],
  ['linkedin[api]', 'recruiter'],
  ['linkedin[follow_up][subject]', 'Following up'],
  ['linkedin[follow_up][text]', 'Did you see my message?'],
  ['linkedin[follow_up][scheduled_time][days]', '3'],
  ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
  ['attachments', { filename: 'cv.pdf', contentType: 'application/pdf', size: 11 }],
];

/**
 * That call as the source of a generated client's call file (its `StartChatRequest` keyed by wire
 * names), with the unbracketed mistake that must not compile.
 */
export const DOCUMENTED_CALL_SOURCE = `const body: StartChatRequest = {
  account_id: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR',
  'attendees_ids[]': ['ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8', 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI'],
  text: 'Hi! Open to a chat?',
  'linkedin[api]': 'recruiter',
  'linkedin[follow_up][subject]': 'Following up',
  'linkedin[follow_up][text]': 'Did you see my message?',
  'linkedin[follow_up][scheduled_time][days]': 3,
  'linkedin[follow_up][scheduled_time][timezone]': 'Europe/Paris',
  attachments: [new File(['%PDF-1.4 cv'], 'cv.pdf', { type: 'application/pdf' })],
};

// @ts-expect-error the generated types have no unbracketed attendees_ids: the mistake does not compile
export const unbracketed: StartChatRequest = { account_id: 'acc_1', attendees_ids: ['ACo1'] };`;

export const pdf = (name = 'cv.pdf') =>
  new File(['%PDF-1.4 /Type /Catalog [1 0 R] +#'], name, { type: 'application/pdf' });
const audio = () => new File(['ID3 voice/+'], 'voice.mp3', { type: 'audio/mpeg' });
const video = () => new File(['ftypmp42 video/+'], 'clip.mp4', { type: 'video/mp4' });

export interface Sample {
  name: string;
  op: Op;
  form: () => FormData;
}

/** The request examples of both operations, as the docs publish them. */
export function exampleSamples(): Sample[] {
  return (['startChat', 'sendMessage'] as const).flatMap((op) =>
    Object.entries<Json>(canonicalMedia(op).examples ?? {}).map(([key, example]) => ({
      name: `${op} example ${key}`,
      op,
      form: () => encodeCanonical(op, example.value),
    })),
  );
}

/** The success recordings' requests (spec/recordings/<op>/201-*.har), part for part. */
export function recordingSamples(): Sample[] {
  return (['startChat', 'sendMessage'] as const).flatMap((op) => {
    const dir = join(repoRoot, 'spec/recordings', op);
    return readdirSync(dir)
      .filter((file) => /^2\d\d-.*\.har$/.test(file))
      .map((file) => {
        const har = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        const params: Json[] = har.log.entries[0].request.postData.params;
        return {
          name: `${op} recording ${file}`,
          op,
          form: () => {
            const form = new FormData();
            for (const p of params) {
              if (p.fileName !== undefined) {
                // Recordings elide file bytes; any bytes of the recorded type stand in for them.
                form.append(p.name, new File([`bytes of ${p.fileName}`], p.fileName, { type: p.contentType }));
              } else form.append(p.name, p.value);
            }
            return form;
          },
        };
      });
  });
}

/** More documented bodies, one per variant the examples do not cover. */
export function variantSamples(): Sample[] {
  const base = { account_id: 'acc_1', attendees_ids: ['ACo1', 'ACo2'] };
  const bodies: [string, Op, Json][] = [
    [
      'startChat, no linkedin options, voice and video',
      'startChat',
      { ...base, voice_message: audio(), video_message: video() },
    ],
    [
      'startChat, Classic to a company page',
      'startChat',
      { ...base, text: 'Hi', linkedin: { topic: 'careers', inmail: false } },
    ],
    ['startChat, Sales Navigator', 'startChat', { ...base, text: 'Hi', linkedin: { api: 'sales_navigator' } }],
    [
      'startChat, Recruiter, follow-up in weeks with a file',
      'startChat',
      {
        ...base,
        text: 'Hi',
        attachments: [pdf(), pdf('portfolio.pdf')],
        linkedin: {
          api: 'recruiter',
          follow_up: {
            subject: 'Again',
            text: 'Ping',
            scheduled_time: { weeks: 1, timezone: 'Europe/Paris' },
            attachments: [pdf('jd.pdf')],
          },
        },
      },
    ],
    [
      'sendMessage, two files and a voice message',
      'sendMessage',
      { text: 'Files', attachments: [pdf(), pdf('b.pdf')], voice_message: audio() },
    ],
  ];
  return bodies.map(([name, op, body]) => ({ name, op, form: () => encodeCanonical(op, body) }));
}

type PartSpec = [name: string, value: string | File];
const formOf = (parts: PartSpec[]) => () => {
  const form = new FormData();
  for (const [name, value] of parts) form.append(name, value);
  return form;
};

export interface WrongShape extends Sample {
  /** What a validator's complaint should mention: the wire name expected instead, or the rule broken. */
  expected: string;
}

const account: PartSpec = ['account_id', 'acc_1'];
const two: PartSpec[] = [
  ['attendees_ids[]', 'ACo1'],
  ['attendees_ids[]', 'ACo2'],
];
const recruiter: PartSpec[] = [
  ['linkedin[api]', 'recruiter'],
  ['linkedin[follow_up][subject]', 'Again'],
  ['linkedin[follow_up][text]', 'Ping'],
];
const wrong = (name: string, expected: string, parts: PartSpec[]): WrongShape => ({
  name,
  op: 'startChat',
  expected,
  form: formOf(parts),
});

/** Shapes the reference calls wrong that a validator reading the wire view's schema can reject. */
export function wrongShapes(): WrongShape[] {
  return [
    wrong('unbracketed attendees_ids, one part per id', 'attendees_ids[]', [
      account,
      ['attendees_ids', 'ACo1'],
      ['attendees_ids', 'ACo2'],
    ]),
    wrong('indexed attendees_ids[0], attendees_ids[1]', 'attendees_ids[]', [
      account,
      ['attendees_ids[0]', 'ACo1'],
      ['attendees_ids[1]', 'ACo2'],
    ]),
    wrong('a JSON-encoded array in one attendees_ids part', 'attendees_ids[]', [
      account,
      ['attendees_ids', '["ACo1","ACo2"]'],
    ]),
    wrong('missing account_id', 'account_id', [...two, ['text', 'Hi']]),
    wrong('a follow-up without its schedule', 'linkedin[follow_up][scheduled_time][days]', [
      account,
      ...two,
      ...recruiter,
    ]),
    wrong('a follow-up scheduled in days and in weeks at once', 'exactly one schema in oneOf', [
      account,
      ...two,
      ...recruiter,
      ['linkedin[follow_up][scheduled_time][days]', '3'],
      ['linkedin[follow_up][scheduled_time][weeks]', '1'],
      ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
    ]),
    wrong('a Recruiter-only option without linkedin[api]=recruiter', 'linkedin[api]', [
      account,
      ...two,
      ['linkedin[signature]', 'Jane'],
    ]),
    wrong('a Classic-only option on Sales Navigator', 'linkedin[api]', [
      account,
      ...two,
      ['linkedin[api]', 'sales_navigator'],
      ['linkedin[inmail]', 'true'],
    ]),
    wrong('an unknown linkedin[api]', 'linkedin[api]', [account, ...two, ['linkedin[api]', 'premium']]),
    wrong('days that are not a number', 'linkedin[follow_up][scheduled_time][days]', [
      account,
      ...two,
      ...recruiter,
      ['linkedin[follow_up][scheduled_time][days]', 'three'],
      ['linkedin[follow_up][scheduled_time][timezone]', 'Europe/Paris'],
    ]),
  ];
}

/**
 * Wrong shapes whose remaining parts form a valid body: a validator that drops part names the
 * schema does not list (Prism) or cannot tell a file part from a text part cannot reject them.
 */
export function wrongShapesHiddenInValidBodies(): WrongShape[] {
  return [
    wrong('an unknown field', 'account_id', [account, ...two, ['acount_id', 'acc_1']]),
    wrong('attachments[] for files', 'attachments', [account, ...two, ['attachments[]', pdf()]]),
    wrong('linkedin as one JSON part', 'linkedin[api]', [account, ...two, ['linkedin', '{"api":"recruiter"}']]),
    wrong('a JSON-encoded array in one attendees_ids[] part', 'attendees_ids[]', [
      account,
      ['attendees_ids[]', '["ACo1","ACo2"]'],
    ]),
    wrong('a file part for a text field', 'account_id', [['account_id', new File(['acc_1'], 'acc.txt')], ...two]),
    wrong('a text part for a file field', 'voice_message', [account, ...two, ['voice_message', 'not a file']]),
  ];
}
