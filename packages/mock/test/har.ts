// Replays a HAR entry (as scripts/author-recordings.mjs and scripts/record.mjs write them) against a
// server: method, path and query of the recorded URL, headers, and the body — multipart or
// URL-encoded params (elided file bytes become `_size` zeros) or the recorded text.
import { request as httpRequest } from 'node:http';
import { KEY } from './helpers.js';

export interface Param {
  name: string;
  value: string;
  fileName?: string;
  contentType?: string;
  _size?: number;
}

export interface Replayed {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when there is none. */
  body: any;
}

/** Sends a recorded request to `base` as it was recorded; `[REDACTED]` keys become a valid one. */
export async function replay(entry: any, base: string, { dropHeaders = [] as string[] } = {}): Promise<Replayed> {
  const { request } = entry;
  const headers: Record<string, string> = {};
  for (const h of request.headers as Param[]) {
    const name = h.name.toLowerCase();
    if (dropHeaders.includes(name)) continue;
    // [REDACTED] stood for a valid key; any other value is an authored malformed one, sent as is.
    headers[name] = h.value === '[REDACTED]' ? KEY : h.value;
  }
  let body: Buffer | undefined;
  const postData = request.postData;
  if (postData?.params && postData.mimeType.startsWith('multipart/form-data')) {
    const form = new FormData();
    for (const p of postData.params as Param[]) {
      if (p.fileName === undefined) form.append(p.name, p.value);
      else form.append(p.name, new Blob([new Uint8Array(p._size ?? 0)], { type: p.contentType }), p.fileName);
    }
    const encoded = new Response(form);
    body = Buffer.from(await encoded.arrayBuffer());
    // Any boundary will do: the platform's own replaces the recorded one, unless none was recorded.
    if (/boundary=/.test(headers['content-type'] ?? ''))
      headers['content-type'] = encoded.headers.get('content-type') ?? '';
  } else if (postData?.params) {
    body = Buffer.from(new URLSearchParams((postData.params as Param[]).map((p) => [p.name, p.value])).toString());
  } else if (postData) {
    body = Buffer.from(postData.text ?? '');
  }
  if (body) headers['content-length'] = String(body.length);
  const recorded = new URL(request.url);
  const url = new URL(`${recorded.pathname}${recorded.search}`, base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method: request.method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') out.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: out, text, body: text ? JSON.parse(text) : undefined });
      });
    });
    // The mock may answer an oversized body before it was all sent and close: the answer is what counts.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    req.end(body);
  });
}
