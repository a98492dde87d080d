// Docs that compile: every TypeScript snippet (```ts / ```typescript) in README.md, packages/*/README.md
// and packages/docs/content/*.md is type-checked against the workspace packages, in ONE TypeScript 5.9
// program, and the snippets that call the API are run against @postpress/mock.
//
// Conventions (for whoever writes docs):
// - Each snippet is an ES module (top-level await allowed), compiled strict, NodeNext, with Node's types.
// - A page is read top to bottom: a snippet may use what the snippets ABOVE it in the same file declare
//   at top level (imports included) — the test imports exactly those names from the earlier snippet.
// - Context a reader gets from the prose can be given to the compiler, hidden from readers, in an HTML
//   comment right before the fence: `<!-- ts-prelude: declare const chatId: string; -->`.
// - A snippet RUNS when its own code calls the API (`.startChat(`, `.sendMessage(`, `.POST(`, …). It runs
//   as written: the API key comes from POSTPRESS_API_KEY (a test key), requests to the default base URL
//   (https://api.postpress.ai) are sent to a local @postpress/mock instead, and a file named in a
//   string literal such as './cv.pdf' exists (a few bytes). It must exit 0, reach the mock, and get a
//   2xx for every request that does not force an error (X-Postpress-Mock-Error).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_BASE_URL, operations } from '@postpress/client';
import { type MockServer, startMockServer } from '@postpress/mock';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const API_KEY = 'pp_test_docs_snippets_0001';

interface Snippet {
  /** Markdown file, relative to the repository root. */
  doc: string;
  /** 1-based line of the first code line in the markdown file. */
  line: number;
  index: number;
  code: string;
  prelude: string;
  module: string;
}

/** The markdown files whose snippets are checked. */
function docs(): string[] {
  const packages = join(repoRoot, 'packages');
  const readmes = readdirSync(packages)
    .map((name) => join('packages', name, 'README.md'))
    .filter((file) => existsSync(join(repoRoot, file)));
  const content = join(packages, 'docs', 'content');
  const guides = readdirSync(content)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('packages', 'docs', 'content', name));
  return ['README.md', ...readmes, ...guides].sort();
}

/** The ```ts / ```typescript blocks of a markdown file, with their optional ts-prelude comment. */
function extractSnippets(doc: string, markdown: string): Omit<Snippet, 'module'>[] {
  const lines = markdown.split('\n');
  const found: Omit<Snippet, 'module'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(ts|typescript)\b[^`]*$/.exec(lines[i] as string);
    if (!open) continue;
    const [, indent = '', fence = '```'] = open;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !(lines[end] as string).trimStart().startsWith(fence)) end++;
    const code = lines
      .slice(start, end)
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    const before = lines.slice(0, i).join('\n').trimEnd();
    const prelude = /<!--\s*ts-prelude:([\s\S]*?)-->$/.exec(before)?.[1]?.trim() ?? '';
    found.push({ doc, line: start + 1, index: found.length, code, prelude });
    i = end;
  }
  return found;
}

/** Top-level names a module declares (imports, variables incl. destructuring, functions, classes, types). */
function declaredNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.push(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.push(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.push(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings))
        for (const e of namedBindings.elements) names.push(e.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) bind(d.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return names;
}

/** Names the snippet already exports itself (`export const …`, `export function …`). */
function exportedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      names.add((statement.name as ts.Identifier).text);
    }
  }
  return names;
}

/** Identifiers a module refers to (not property names after a dot or in an object literal key). */
function usedNames(source: ts.SourceFile): Set<string> {
  const used = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMember =
        (parent && ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (parent && (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node);
      if (!isMember) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

const moduleName = (s: { doc: string; index: number }) =>
  `${s.doc.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-md$/g, '')}-${s.index + 1}`;

/** Turns the snippets of one file into modules that import, from earlier snippets, the names they use. */
function toModules(snippets: Omit<Snippet, 'module'>[]): Array<Snippet & { header: number; uses: string[] }> {
  const declaredBy = new Map<string, string>(); // name → module of the latest snippet declaring it
  return snippets.map((snippet) => {
    const body = `${snippet.prelude ? `${snippet.prelude}\n` : ''}${snippet.code}`;
    const source = ts.createSourceFile('snippet.ts', body, ts.ScriptTarget.ES2022, true);
    const own = declaredNames(source);
    const exported = exportedNames(source);
    const imports = new Map<string, string[]>();
    for (const name of usedNames(source)) {
      const from = declaredBy.get(name);
      if (from && !own.includes(name)) imports.set(from, [...(imports.get(from) ?? []), name]);
    }
    const header = [...imports].map(([from, names]) => `import { ${names.join(', ')} } from './${from}.js';`);
    const preludeLines = snippet.prelude ? snippet.prelude.split('\n').length : 0;
    const module = moduleName(snippet);
    for (const name of own) declaredBy.set(name, module);
    const reexport = [...new Set(own)].filter((name) => !exported.has(name));
    const text = [...header, body, `export { ${reexport.join(', ')} };`].join('\n');
    return { ...snippet, module, code: text, header: header.length + preludeLines, uses: [...imports.keys()] };
  });
}

/** API calls by name: one method per operation, plus openapi-fetch's verbs. */
const CALL = new RegExp(`\\.(${[...Object.keys(operations), 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].join('|')})\\(`);

function runNode(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, { cwd: workDir, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill(), 60_000);
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    }),
  );
}

const files = docs();
// A fixture page, compiled in the same program: proves the conventions work and that a bad snippet fails.
const FIXTURE = 'packages/release-check/test/fixtures/snippets.md';
const modules = [...files, FIXTURE].flatMap((doc) =>
  toModules(extractSnippets(doc, readFileSync(join(repoRoot, doc), 'utf8'))),
);
const diagnostics = new Map<string, string[]>([...files, FIXTURE].map((f) => [f, []]));
const moduleDiagnostics = new Map<string, string[]>(); // module → its own problems

/** A snippet's problems and those of the earlier snippets it imports from. */
function chainDiagnostics(module: string): string[] {
  const m = modules.find((x) => x.module === module);
  return [...(moduleDiagnostics.get(module) ?? []), ...(m?.uses ?? []).flatMap(chainDiagnostics)];
}
let workDir: string;
let mock: MockServer;

beforeAll(async () => {
  // Inside this package, so the emitted JavaScript resolves @postpress/* from its node_modules.
  mkdirSync(join(import.meta.dirname, '..', 'test-results'), { recursive: true });
  workDir = mkdtempSync(join(import.meta.dirname, '..', 'test-results', 'snippets-'));
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const m of modules) writeFileSync(join(workDir, `${m.module}.ts`), m.code);
  const program = ts.createProgram(
    modules.map((m) => join(workDir, `${m.module}.ts`)),
    {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      skipLibCheck: true,
      outDir: workDir,
      rootDir: workDir,
    },
  );
  const found = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
  for (const d of found) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const m = modules.find((s) => d.file && relative(workDir, d.file.fileName) === `${s.module}.ts`);
    if (!m || !d.file || d.start === undefined) {
      diagnostics.set('(program)', [...(diagnostics.get('(program)') ?? []), `TS${d.code} ${message}`]);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const at = line < m.header ? m.line - 1 : m.line + line - m.header;
    const problem = `${m.doc}:${at}: TS${d.code} ${message}`;
    diagnostics.get(m.doc)?.push(problem);
    moduleDiagnostics.set(m.module, [...(moduleDiagnostics.get(m.module) ?? []), problem]);
  }
  for (const m of modules) {
    for (const [, name] of m.code.matchAll(/['"]\.\/([\w-]+\.(?:pdf|png|jpe?g|txt|mp3|mp4|m4a|ogg|webm))['"]/g)) {
      writeFileSync(join(workDir, name as string), `%test file ${name}\n`);
    }
  }
  writeFileSync(
    join(workDir, 'harness.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'const real = globalThis.fetch;',
      `const api = ${JSON.stringify(DEFAULT_BASE_URL)};`,
      'globalThis.fetch = async (input, init) => {',
      '  let request = new Request(input, init);',
      '  if (request.url.startsWith(api)) request = new Request(process.env.SNIPPET_MOCK_URL + request.url.slice(api.length), request);',
      '  const response = await real(request);',
      "  const forced = request.headers.has('x-postpress-mock-error');",
      "  appendFileSync(process.env.SNIPPET_LOG, JSON.stringify({ url: request.url, status: response.status, forced }) + '\\n');",
      '  return response;',
      '};',
    ].join('\n'),
  );
  mock = await startMockServer({ port: 0 });
}, 180_000);

afterAll(async () => {
  await mock?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('TypeScript snippets in the docs', () => {
  it('finds the snippets of the package READMEs and the guides (compiled by TypeScript 5.9)', () => {
    expect(ts.version).toMatch(/^5\.9\./);
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'packages/client/README.md', 'packages/types/README.md']),
    );
    expect(modules.filter((m) => m.doc === 'packages/types/README.md').length).toBeGreaterThan(0);
  });

  it('conventions hold on a fixture page: earlier declarations, ts-prelude, and a failure at its line', () => {
    const fixture = modules.filter((m) => m.doc === FIXTURE);
    expect(fixture.map((m) => m.uses.length)).toEqual([0, 1, 1, 0]);
    expect(diagnostics.get(FIXTURE)).toEqual([`${FIXTURE}:22: TS2304 Cannot find name 'notDeclaredAnywhere'.`]);
  });

  it('nothing outside a snippet fails (the program itself is sound)', () => {
    expect(diagnostics.get('(program)') ?? []).toEqual([]);
  });

  it.each(files)('%s: every snippet type-checks', (doc) => {
    expect(diagnostics.get(doc)).toEqual([]);
  });

  const runnable = modules.filter((m) => CALL.test(m.code.split('\n').slice(m.header).join('\n')));
  it('has snippets that call the API, to run', () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  it.each(runnable.map((m) => [`${m.doc} snippet ${m.index + 1} (line ${m.line})`, m] as const))(
    '%s runs against @postpress/mock',
    async (_name, m) => {
      expect(chainDiagnostics(m.module), 'fix the compile errors first').toEqual([]);
      const log = join(workDir, `${m.module}.log`);
      writeFileSync(log, '');
      // Asynchronously: the mock answers from this process, which must not block while the snippet runs.
      const run = await runNode(['--import', './harness.mjs', `${m.module}.js`], {
        POSTPRESS_API_KEY: API_KEY,
        SNIPPET_MOCK_URL: mock.url,
        SNIPPET_LOG: log,
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, output).toBe(0);
      const requests = readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { url: string; status: number; forced: boolean });
      expect(requests.length, 'the snippet never reached the mock').toBeGreaterThan(0);
      for (const r of requests) {
        expect(r.url.startsWith(mock.url), r.url).toBe(true);
        if (!r.forced) expect(r.status, `${r.url} answered ${r.status}`).toBeGreaterThanOrEqual(200);
        if (!r.forced) expect(r.status, `${r.url} answered ${r.status}`).toBeLessThan(300);
      }
      expect(output).not.toContain(API_KEY);
    },
    120_000,
  );
});
