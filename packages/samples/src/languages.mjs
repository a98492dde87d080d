// One renderer per language: request (./requests.mjs) → the sample's source text. Where
// @scalar/snippetz writes our wire format right (measured against the mock: README.md), its code
// is the request and the renderer only adds the header, the environment and the printed answer;
// Go and TypeScript are templates (why: in their entries below).
import {
  BASE_URL_STAND_IN,
  checked,
  comment,
  headerLines,
  indent,
  SNIPPETZ,
  snippet,
  swap,
  TEMPLATE,
} from './snippet.mjs';

const base = BASE_URL_STAND_IN.replaceAll('.', '\\.');
const KEY = 'POSTPRESS_API_KEY_STAND_IN';
const missingKey = 'Set POSTPRESS_API_KEY to your API key';

const curl = {
  id: 'curl',
  label: 'curl',
  ext: 'sh',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'shell', 'curl');
    // The URL, quoted or not, becomes "${POSTPRESS_BASE_URL:-…}/path?query".
    code = swap(
      code,
      new RegExp(`^curl '?${base}([^\\s']*)'?`, 'm'),
      (_, rest) => `curl "\${POSTPRESS_BASE_URL:-${request.baseUrl}}${rest}"`,
      'URL',
    );
    code = swap(code, new RegExp(`'([^':]+): ${KEY}'`), (_, name) => `"${name}: $POSTPRESS_API_KEY"`, 'API key header');
    const guard = `: "\${POSTPRESS_API_KEY:?${missingKey}}"`;
    return checked(`${comment('#', headerLines(request, this.generator))}\n${guard}\n\n${code}`);
  },
};

const python = {
  id: 'python',
  label: 'Python',
  ext: 'py',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'python', 'requests');
    code = swap(code, new RegExp(`"${base}`), 'base_url + "', 'URL');
    code = swap(code, `"${KEY}"`, 'api_key', 'API key');
    code = swap(code, /^requests\./m, 'response = requests.', 'call');
    const prologue = [
      'import os',
      '',
      'import requests',
      '',
      `base_url = os.environ.get("POSTPRESS_BASE_URL", ${JSON.stringify(request.baseUrl)})`,
      'api_key = os.environ["POSTPRESS_API_KEY"]',
    ].join('\n');
    const epilogue = 'print(response.status_code, response.text)\nresponse.raise_for_status()';
    return checked(`${comment('#', headerLines(request, this.generator))}\n${prologue}\n\n${code}\n${epilogue}`);
  },
};

const javascript = {
  id: 'javascript',
  label: 'JavaScript',
  ext: 'mjs',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'node', 'fetch');
    code = swap(code, new RegExp(`'${base}([^']*)'`), (_, rest) => `\`\${baseUrl}${rest}\``, 'URL');
    code = swap(code, `'${KEY}'`, 'apiKey', 'API key');
    code = swap(code, /^fetch\(/m, 'const response = await fetch(', 'call');
    const imports = code.match(/^import .*\n+/gm)?.join('') ?? '';
    code = code.replace(/^import .*\n+/gm, '');
    const prologue = [
      `const baseUrl = process.env.POSTPRESS_BASE_URL ?? ${JSON.stringify(request.baseUrl)};`,
      'const apiKey = process.env.POSTPRESS_API_KEY;',
      `if (!apiKey) throw new Error(${JSON.stringify(missingKey)});`,
    ].join('\n');
    const epilogue = 'console.log(response.status, await response.text());\nif (!response.ok) process.exitCode = 1;';
    const head = comment('//', headerLines(request, this.generator));
    return checked(`${head}\n${imports}${prologue}\n\n${code}\n${epilogue}`);
  },
};

const php = {
  id: 'php',
  label: 'PHP',
  ext: 'php',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'php', 'curl');
    code = swap(code, new RegExp(`'${base}`), "$baseUrl . '", 'URL');
    code = swap(code, new RegExp(`'([^':]+): ${KEY}'`), (_, name) => `'${name}: ' . $apiKey`, 'API key header');
    code = swap(
      code,
      /^curl_exec\(\$ch\);$/m,
      [
        'curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);',
        '$answer = curl_exec($ch);',
        'if ($answer === false) {',
        '    fwrite(STDERR, curl_error($ch) . "\\n");',
        '    exit(1);',
        '}',
        '$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);',
        'echo $status, \' \', $answer, "\\n";',
        'exit($status >= 400 ? 1 : 0);',
      ].join('\n'),
      'curl_exec',
    );
    const prologue = [
      `$baseUrl = getenv('POSTPRESS_BASE_URL') ?: ${JSON.stringify(request.baseUrl).replaceAll('"', "'")};`,
      "$apiKey = getenv('POSTPRESS_API_KEY');",
      'if (!$apiKey) {',
      `    fwrite(STDERR, "${missingKey}\\n");`,
      '    exit(1);',
      '}',
    ].join('\n');
    return checked(`<?php\n${comment('//', headerLines(request, this.generator))}\n${prologue}\n\n${code}`);
  },
};

const java = {
  id: 'java',
  label: 'Java',
  ext: 'java',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'java', 'nethttp');
    code = swap(code, new RegExp(`"${base}`), 'baseUrl + "', 'URL');
    code = swap(code, `"${KEY}"`, 'apiKey', 'API key');
    code = swap(
      code,
      'System.out.println(response.body());',
      'System.out.println(response.statusCode() + " " + response.body());\nif (response.statusCode() >= 400) System.exit(1);',
      'println',
    );
    const body = [
      `String baseUrl = System.getenv().getOrDefault("POSTPRESS_BASE_URL", ${JSON.stringify(request.baseUrl)});`,
      'String apiKey = System.getenv("POSTPRESS_API_KEY");',
      `if (apiKey == null) throw new IllegalStateException(${JSON.stringify(missingKey)});`,
      '',
      code,
    ].join('\n');
    return checked(
      [
        comment('//', headerLines(request, this.generator)),
        `// Run it with \`java ${request.operationId}.${request.example}.java\` (JDK 11 or later).`,
        'import java.net.http.HttpClient;',
        'import java.net.http.HttpRequest;',
        'import java.net.http.HttpResponse;',
        '',
        `class ${javaClass(request)} {`,
        '    public static void main(String[] args) throws Exception {',
        indent(body, '        '),
        '    }',
        '}',
      ].join('\n'),
    );
  },
};

/** The sample's class: `StartChatClassicInmail` (unique per sample, so all compile in one javac run). */
export const javaClass = (request) =>
  [request.operationId, ...request.example.split(/[^A-Za-z0-9]+/)]
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

const ruby = {
  id: 'ruby',
  label: 'Ruby',
  ext: 'rb',
  generator: SNIPPETZ,
  render(request) {
    let code = snippet(request, 'ruby', 'native');
    code = swap(code, new RegExp(`URI\\("${base}`), 'URI(base_url + "', 'URL');
    code = swap(code, `'${KEY}'`, 'api_key', 'API key');
    code = swap(code, 'http.use_ssl = true', "http.use_ssl = url.scheme == 'https'", 'use_ssl');
    code = swap(
      code,
      'puts response.read_body',
      'puts "#{response.code} #{response.body}"\nexit 1 if response.code.to_i >= 400',
      'puts',
    );
    const requires = code.match(/^require .*\n/gm)?.join('') ?? '';
    code = code.replace(/^require .*\n/gm, '').replace(/^\n+/, '');
    const prologue = [
      `base_url = ENV.fetch('POSTPRESS_BASE_URL', ${JSON.stringify(request.baseUrl).replaceAll('"', "'")})`,
      "api_key = ENV.fetch('POSTPRESS_API_KEY')",
    ].join('\n');
    return checked(`${comment('#', headerLines(request, this.generator))}\n${requires}\n${prologue}\n\n${code}`);
  },
};

// Go by hand: snippetz (like postman-code-generators) writes files with CreateFormFile, which labels
// every file application/octet-stream instead of its own type; httpsnippet sends the file empty.
const go = {
  id: 'go',
  label: 'Go',
  ext: 'go',
  generator: TEMPLATE,
  render(request) {
    const q = (text) => JSON.stringify(text); // a JSON string is a valid Go string literal
    const imports = new Set(['fmt', 'io', 'net/http', 'os']);
    const lines = [];
    let bodyVar = 'nil';
    let contentType;
    if (request.body?.kind === 'multipart') {
      imports.add('bytes').add('mime/multipart');
      lines.push('body := &bytes.Buffer{}', 'form := multipart.NewWriter(body)');
      for (const part of request.body.parts) {
        if (!part.file) {
          lines.push(`check(form.WriteField(${q(part.name)}, ${q(part.value)}))`);
          continue;
        }
        imports.add('net/textproto');
        lines.push(
          '// CreateFormFile would label the file application/octet-stream: give it its own type.',
          'file := make(textproto.MIMEHeader)',
          `file.Set("Content-Disposition", ${q(`form-data; name="${part.name}"; filename="${part.file}"`)})`,
          `file.Set("Content-Type", ${q(part.contentType)})`,
          'part, err := form.CreatePart(file)',
          'check(err)',
          `content, err := os.ReadFile(${q(part.file)})`,
          'check(err)',
          '_, err = part.Write(content)',
          'check(err)',
        );
      }
      lines.push('check(form.Close())');
      bodyVar = 'body';
      contentType = 'form.FormDataContentType()';
    } else if (request.body?.kind === 'json') {
      imports.add('strings');
      const json = JSON.stringify(request.body.value);
      lines.push(`body := strings.NewReader(${json.includes('`') ? q(json) : `\`${json}\``})`);
      bodyVar = 'body';
      contentType = q(request.body.mediaType);
    }
    let target = `baseURL+${q(request.path)}`;
    if (request.query.length) {
      imports.add('net/url');
      lines.push('query := url.Values{}');
      for (const [name, value] of request.query) lines.push(`query.Add(${q(name)}, ${q(value)})`);
      target += '+"?"+query.Encode()';
    }
    if (lines.length) lines.push('');
    lines.push(`request, err := http.NewRequest(${q(request.method)}, ${target}, ${bodyVar})`, 'check(err)');
    if (request.apiKeyHeader) lines.push(`request.Header.Set(${q(request.apiKeyHeader)}, apiKey)`);
    for (const [name, value] of request.headers) lines.push(`request.Header.Set(${q(name)}, ${q(value)})`);
    if (contentType) lines.push(`request.Header.Set("Content-Type", ${contentType})`);
    lines.push(
      'response, err := http.DefaultClient.Do(request)',
      'check(err)',
      'defer response.Body.Close()',
      'answer, err := io.ReadAll(response.Body)',
      'check(err)',
      'fmt.Println(response.StatusCode, string(answer))',
      'if response.StatusCode >= 400 {',
      '\tos.Exit(1)',
      '}',
    );
    const main = [
      'baseURL := os.Getenv("POSTPRESS_BASE_URL")',
      'if baseURL == "" {',
      `\tbaseURL = ${q(request.baseUrl)}`,
      '}',
      'apiKey := os.Getenv("POSTPRESS_API_KEY")',
      'if apiKey == "" {',
      `\tfmt.Fprintln(os.Stderr, ${q(missingKey)})`,
      '\tos.Exit(1)',
      '}',
      '',
      ...lines,
    ];
    return checked(
      [
        comment('//', headerLines(request, this.generator)),
        'package main',
        '',
        'import (',
        ...[...imports].sort().map((name) => `\t${q(name)}`),
        ')',
        '',
        'func main() {',
        indent(main.join('\n'), '\t'),
        '}',
        '',
        'func check(err error) {',
        '\tif err != nil {',
        '\t\tfmt.Fprintln(os.Stderr, err)',
        '\t\tos.Exit(1)',
        '\t}',
        '}',
      ].join('\n'),
    );
  },
};

/** A JavaScript literal of `value` (files are variables named in `files`), two-space indented. */
function jsLiteral(value, depth, files) {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (value && typeof value === 'object' && '$file' in value) return files.get(value.$file);
  if (typeof value === 'string')
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
  if (Array.isArray(value)) {
    const items = value.map((item) => jsLiteral(item, depth + 1, files));
    const inline = `[${items.join(', ')}]`;
    return inline.length <= 80 && !inline.includes('\n')
      ? inline
      : `[\n${items.map((i) => pad + i).join(',\n')},\n${end}]`;
  }
  if (value && typeof value === 'object') {
    const key = (name) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : jsLiteral(name, 0, files));
    const entries = Object.entries(value).map(
      ([name, item]) => `${pad}${key(name)}: ${jsLiteral(item, depth + 1, files)}`,
    );
    return entries.length ? `{\n${entries.join(',\n')},\n${end}}` : '{}';
  }
  return JSON.stringify(value);
}

// TypeScript by hand: the sample calls @postpress/client (the agreed call shape), which no snippet
// library knows.
const typescript = {
  id: 'typescript',
  label: 'TypeScript',
  ext: 'ts',
  generator: TEMPLATE,
  render(request) {
    const files = new Map();
    const lines = [];
    for (const name of request.files) {
      const variable = name.replace(/\..*$/, '').replace(/[^A-Za-z0-9]/g, '_');
      files.set(name, variable);
      const type = request.body.parts.find((p) => p.file === name).contentType;
      lines.push(`const ${variable} = new File([await readFile('./${name}')], '${name}', { type: '${type}' });`);
    }
    const args = request.pathArgs.map((arg) => jsLiteral(arg, 0, files));
    const params = request.params;
    const hasParams = Array.isArray(params) || Object.keys(params ?? {}).length > 0;
    if (hasParams) args.push(jsLiteral(params, 0, files));
    lines.push(`const { data, error, response } = await client.${request.operationId}(${args.join(', ')});`);
    lines.push('if (error) {', '  console.error(error.message);', '  process.exit(1);', '}');
    lines.push(
      request.answer.body === undefined && !request.answer.mediaType
        ? 'console.log(response.status);'
        : 'console.log(response.status, JSON.stringify(data));',
    );
    return checked(
      [
        comment('//', headerLines(request, this.generator)),
        ...(request.files.length ? ["import { readFile } from 'node:fs/promises';"] : []),
        "import { createPostpressClient } from '@postpress/client';",
        '',
        'const apiKey = process.env.POSTPRESS_API_KEY;',
        `if (!apiKey) throw new Error(${jsLiteral(missingKey, 0, files)});`,
        'const client = createPostpressClient({',
        '  apiKey,',
        `  baseUrl: process.env.POSTPRESS_BASE_URL ?? ${jsLiteral(request.baseUrl, 0, files)},`,
        '});',
        '',
        ...lines,
      ].join('\n'),
    );
  },
};

/** Every language, in the order the docs show their tabs. */
export const LANGUAGES = [curl, python, javascript, typescript, php, go, java, ruby];
