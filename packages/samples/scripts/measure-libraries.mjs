#!/usr/bin/env node
// Measures the snippet libraries on our wire format: for each library and language, generates the
// snippet of a few requests (HAR in, code out), runs it against @postpress/mock and compares the
// parts the mock received with the parts the request meant. Prints the Markdown table that
// packages/samples/README.md keeps. Not part of `pnpm test` (it spawns ~150 programs); rerun it when
// a library or the wire format changes: `pnpm --filter @postpress/samples measure` (after `pnpm build`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@postpress/mock';
import { HTTPSnippet as ReadmeSnippet } from '@readme/httpsnippet';
import { snippetz } from '@scalar/snippetz';
import { HTTPSnippet } from 'httpsnippet';
import { runProcess } from '../src/run.mjs';
import { findRuntime } from '../src/runtimes.mjs';

const require = createRequire(import.meta.url);
const postman = require('postman-code-generators');
const { Request: PostmanRequest } = require('postman-collection');

const KEY = 'pp_test_measure';
const PDF = Buffer.from('%PDF-1.4\n% a tiny file for the measurement\n%%EOF\n');

/** The requests measured: what the sample means to send, part by part. */
const CASES = [
  {
    id: 'arrays',
    label: '`attendees_ids[]` ×2, `linkedin[api]`, `linkedin[inmail]=true`',
    path: '/api/v1/chats',
    parts: [
      { name: 'account_id', value: 'acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR' },
      { name: 'attendees_ids[]', value: 'ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8' },
      { name: 'attendees_ids[]', value: 'ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI' },
      { name: 'text', value: 'Hello' },
      { name: 'linkedin[api]', value: 'classic' },
      { name: 'linkedin[inmail]', value: 'true' },
    ],
  },
  {
    id: 'textOnly',
    label: 'text only (multipart without a file)',
    path: '/api/v1/chats/chat_1/messages',
    parts: [{ name: 'text', value: 'Got it - thanks!' }],
  },
  {
    id: 'file',
    label: 'a file: filename `cv.pdf`, `application/pdf`',
    path: '/api/v1/chats/chat_1/messages',
    parts: [
      { name: 'text', value: 'My CV' },
      { name: 'attachments', file: 'cv.pdf', contentType: 'application/pdf' },
    ],
  },
  {
    id: 'at',
    label: 'text `@./cv.pdf`',
    path: '/api/v1/chats/chat_1/messages',
    parts: [{ name: 'text', value: '@./cv.pdf' }],
  },
  {
    id: 'lt',
    label: 'text `<./cv.pdf`',
    path: '/api/v1/chats/chat_1/messages',
    parts: [{ name: 'text', value: '<./cv.pdf' }],
  },
  {
    id: 'semicolon',
    label: `text with \`;type=\`, quotes and a newline`,
    path: '/api/v1/chats/chat_1/messages',
    parts: [{ name: 'text', value: `50% off;type=text/html "now" it's\nsecond line` }],
  },
];

const har = (url, c) => ({
  method: 'POST',
  url: `${url}${c.path}`,
  httpVersion: 'HTTP/1.1',
  headers: [{ name: 'X-API-KEY', value: KEY }],
  queryString: [],
  cookies: [],
  headersSize: -1,
  bodySize: -1,
  postData: {
    mimeType: 'multipart/form-data',
    params: c.parts.map((p) =>
      p.file ? { name: p.name, fileName: p.file, contentType: p.contentType } : { name: p.name, value: p.value },
    ),
  },
});

const postmanRequest = (url, c) =>
  new PostmanRequest({
    url: `${url}${c.path}`,
    method: 'POST',
    header: [{ key: 'X-API-KEY', value: KEY }],
    body: {
      mode: 'formdata',
      formdata: c.parts.map((p) =>
        p.file
          ? { key: p.name, src: `./${p.file}`, type: 'file', contentType: p.contentType }
          : { key: p.name, value: p.value, type: 'text' },
      ),
    },
  });

const postmanConvert = (language, variant, request) =>
  new Promise((resolve, reject) =>
    postman.convert(language, variant, request, {}, (error, snippet) => (error ? reject(error) : resolve(snippet))),
  );

/** How each language's snippet is made runnable: a file name and the command, plus any wrapping the fragment needs. */
const RUN = {
  curl: { file: 'sample.sh', command: (f) => ['bash', [f]] },
  python: {
    file: 'sample.py',
    wrap: (s) => (/^import requests/m.test(s) ? s : `import requests\n${s}`),
    command: (f) => [findRuntime('python'), [f]],
  },
  javascript: { file: 'sample.mjs', command: (f) => ['node', [f]] },
  php: { file: 'sample.php', wrap: (s) => (s.startsWith('<?php') ? s : `<?php\n${s}`), command: (f) => ['php', [f]] },
  go: { file: 'main.go', command: (f) => ['go', ['run', f]] },
  java: {
    file: 'Sample.java',
    wrap: (s) =>
      s.includes('class ')
        ? s
        : `import java.net.URI;\nimport java.net.http.*;\nclass Sample { public static void main(String[] args) throws Exception {\n${s}\n} }\n`,
    command: (f) => ['java', [f]],
  },
  ruby: { file: 'sample.rb', command: (f) => ['ruby', [f]] },
};

/** Library → language → snippet maker (absent: the library has no client for it in our runtimes). */
const LIBRARIES = {
  'httpsnippet 3.0.10': {
    curl: (url, c) => new HTTPSnippet(har(url, c)).convert('shell', 'curl'),
    python: (url, c) => new HTTPSnippet(har(url, c)).convert('python', 'requests'),
    javascript: (url, c) => new HTTPSnippet(har(url, c)).convert('javascript', 'fetch'),
    php: (url, c) => new HTTPSnippet(har(url, c)).convert('php', 'curl'),
    go: (url, c) => new HTTPSnippet(har(url, c)).convert('go', 'native'),
    java: (url, c) => new HTTPSnippet(har(url, c)).convert('java', 'nethttp'),
    ruby: (url, c) => new HTTPSnippet(har(url, c)).convert('ruby', 'native'),
  },
  '@readme/httpsnippet 11.4.0': Object.fromEntries(
    [
      ['curl', 'shell', 'curl'],
      ['python', 'python', 'requests'],
      ['javascript', 'javascript', 'fetch'],
      ['php', 'php', 'curl'],
      ['go', 'go', 'native'],
      ['java', 'java', 'nethttp'],
      ['ruby', 'ruby', 'native'],
    ].map(([lang, target, client]) => [
      lang,
      async (url, c) => (await new ReadmeSnippet(har(url, c)).convert(target, client))[0],
    ]),
  ),
  'postman-code-generators 2.1.1': {
    curl: (url, c) => postmanConvert('curl', 'cURL', postmanRequest(url, c)),
    python: (url, c) => postmanConvert('python', 'Requests', postmanRequest(url, c)),
    javascript: (url, c) => postmanConvert('javascript', 'Fetch', postmanRequest(url, c)),
    php: (url, c) => postmanConvert('php', 'cURL', postmanRequest(url, c)),
    go: (url, c) => postmanConvert('go', 'Native', postmanRequest(url, c)),
    ruby: (url, c) => postmanConvert('ruby', 'Net::HTTP', postmanRequest(url, c)),
  },
  '@scalar/snippetz 0.10.21': Object.fromEntries(
    [
      ['curl', 'shell', 'curl'],
      ['python', 'python', 'requests'],
      ['javascript', 'node', 'fetch'],
      ['php', 'php', 'curl'],
      ['go', 'go', 'native'],
      ['java', 'java', 'nethttp'],
      ['ruby', 'ruby', 'native'],
    ].map(([lang, target, client]) => [lang, (url, c) => snippetz().print(target, client, har(url, c))]),
  ),
};

/** The first way `received` differs from what case `c` meant to send, or undefined when it is exact. */
function difference(c, request) {
  if (!request) return 'sent nothing';
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('multipart/form-data')) return `sent \`${type.split(';')[0] || 'no content type'}\``;
  const got = request.parts;
  const want = c.parts;
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const g = got[i];
    const w = want[i];
    if (!w) return `extra part \`${g.name}\``;
    if (!g) {
      const count = got.filter((p) => p.name === w.name).length;
      return count
        ? `\`${w.name}\` sent ${count}× of ${want.filter((p) => p.name === w.name).length}`
        : `no \`${w.name}\``;
    }
    if (g.name !== w.name) return `part \`${g.name}\` where \`${w.name}\` was meant`;
    if (w.file) {
      if (g.kind !== 'file') return `\`${w.name}\` sent as text \`${g.value.slice(0, 20)}\``;
      if (g.filename !== w.file) return `file name \`${g.filename}\``;
      if (g.contentType !== w.contentType) return `file type \`${g.contentType}\``;
      if (g.size !== PDF.length) return `file of ${g.size} bytes`;
    } else {
      if (g.kind === 'file') return `\`${w.name}\` sent as a file`;
      // FormData sends a line break as CRLF (the HTML spec's rule for multipart): the same text.
      if (g.value.replaceAll('\r\n', '\n') !== w.value) {
        const at = [...w.value].findIndex((ch, j) => g.value.replaceAll('\r\n', '\n')[j] !== ch);
        return `\`${w.name}\` = \`${JSON.stringify(g.value.slice(Math.max(0, at - 8), at + 16)).slice(1, -1)}\``;
      }
    }
  }
  return undefined;
}

async function measure() {
  const mock = await startMockServer();
  const results = {};
  try {
    for (const [library, makers] of Object.entries(LIBRARIES)) {
      for (const lang of Object.keys(RUN)) {
        const make = makers[lang];
        for (const c of CASES) {
          results[`${lang}|${library}`] ??= {};
          const cell = results[`${lang}|${library}`];
          if (!make) {
            cell[c.id] = 'no client';
            continue;
          }
          const dir = mkdtempSync(join(tmpdir(), 'pp-measure-'));
          try {
            writeFileSync(join(dir, 'cv.pdf'), PDF);
            const snippet = await make(mock.url, c);
            const run = RUN[lang];
            writeFileSync(join(dir, run.file), run.wrap ? run.wrap(snippet) : snippet);
            const [command, args] = run.command(run.file);
            mock.clearRequests();
            const child = await runProcess(command, args, { cwd: dir, timeoutMs: 60_000 });
            const [request] = mock.requests();
            const failed = child.status !== 0 && !request;
            const output = (child.stderr || child.stdout || child.error?.message || 'timed out').trim().split('\n');
            const reason = output.find((line) => /Error|error:/.test(line))?.trim() ?? output[0];
            const why = failed ? `does not run: ${reason}` : undefined;
            cell[c.id] = why ?? difference(c, request) ?? `✓ ${request.response?.status}`;
          } catch (error) {
            cell[c.id] = `no snippet: ${error.message.split('\n')[0]}`;
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }
      }
    }
  } finally {
    await mock.close();
  }
  return results;
}

const results = await measure();
const clip = (s) => (s.length > 60 ? `${s.slice(0, 57)}…` : s).replaceAll('|', '\\|');
console.log(`| language | library | ${CASES.map((c) => c.label).join(' | ')} |`);
console.log(`| --- | --- | ${CASES.map(() => '---').join(' | ')} |`);
for (const [key, cell] of Object.entries(results).sort()) {
  const [lang, library] = key.split('|');
  console.log(`| ${lang} | ${library} | ${CASES.map((c) => clip(cell[c.id])).join(' | ')} |`);
}
