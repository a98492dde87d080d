// The MCP server: the generated tools (src/generated/tools.ts) listed with their JSON Schemas, and each
// call validated, split into the client's call shape (path values, then one params object with the
// query, header and body arguments), its files read from the allowed roots, then sent (or, with
// dry_run, only encoded) by @postpress/client.
//
// Whatever the API (or a proxy) answers and whatever the client makes of it, a call ends as a tool
// result: never a crash, never a protocol error, never "failed" after a 2xx, never the key, and never
// more text than src/bounds.ts allows.
//
// The SDK's high-level McpServer.registerTool takes zod schemas only (a plain JSON Schema is refused
// since typescript-sdk#1596); converting the spec's schemas to zod and back would lose keywords and
// wording, so this uses the SDK's low-level Server with ListTools/CallTool handlers instead.
import { createRequire } from 'node:module';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { type ClientOptions, createPostpressClient, PostpressConfigError } from '@postpress/client';
import {
  clean,
  cut,
  field,
  idsInText,
  idsOf,
  MAX_ANSWER_CHARS,
  MAX_ANSWER_DEPTH,
  MAX_ARGUMENTS_CHARS,
  MAX_ARGUMENTS_DEPTH,
  MAX_DETAIL_CHARS,
  MAX_LOG_CHARS,
  MAX_TITLE_CHARS,
  MAX_VALUE_CHARS,
  measure,
  type Scrub,
  scrubber,
  scrubValue,
} from './bounds.js';
import { describeError, retryAdvice, statusOf } from './errors.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  FILE_ROOTS_ENV,
  FileRefusedError,
  MAX_FILE_BYTES_ENV,
  type OpenedFile,
  openAllowedFile,
  parseFileRoots,
  resolveFileRoots,
} from './files.js';
import * as generated from './generated/tools.js';
import type { GeneratedApi, GeneratedCatalog, GeneratedTool, JsonSchema } from './tool-data.js';

export const VERSION: string = createRequire(import.meta.url)('../package.json').version;

/** The environment variable that lists the tools to expose (all when unset). */
export const TOOLS_ENV = 'POSTPRESS_MCP_TOOLS';

export interface PostpressMcpOptions {
  /** The API key (`POSTPRESS_API_KEY`). Without one, tools answer with how to set it (dry runs still work). */
  apiKey?: string;
  /** The API's base URL (`POSTPRESS_BASE_URL`); the client's default when absent. */
  baseUrl?: string;
  /** Directories files may be read from (`POSTPRESS_MCP_FILE_ROOTS`); none by default. */
  fileRoots?: readonly string[];
  /**
   * The largest file, and the most bytes of files in one call, that are sent
   * (`POSTPRESS_MCP_MAX_FILE_BYTES`); default 52,428,800 (50 MiB, what the API takes).
   */
  maxFileBytes?: number;
  /** Only these tools, by name (`POSTPRESS_MCP_TOOLS`); all when absent. An unknown name is refused. */
  tools?: readonly string[];
  /**
   * The tools to serve: what scripts/generate-mcp-tools.mjs generates for a spec (default: this
   * package's, from the published spec).
   */
  catalog?: GeneratedCatalog;
  /**
   * Builds the client each call goes through (default: `createPostpressClient`); it must have a method
   * per operationId of the catalog, called as `(...pathValues, params, { signal })`, and send with the
   * `fetch` it is given (the server learns from it whether, and what, the API answered).
   */
  createClient?: (options: ClientOptions) => object;
  /** Where log lines go; default stderr (stdout carries the protocol). Lines are scrubbed and cut first. */
  log?: (line: string) => void;
}

/** Options the server cannot start with (an unknown tool name); the message says what to change. */
export class PostpressMcpConfigError extends Error {
  override name = 'PostpressMcpConfigError';
}

/** `tool_one, tool_two` (commas or spaces) → the names; undefined when empty (every tool). */
export function parseToolList(value: string | undefined): string[] | undefined {
  const names = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return names.length ? names : undefined;
}

/**
 * Options from the environment: POSTPRESS_API_KEY, POSTPRESS_BASE_URL, POSTPRESS_MCP_FILE_ROOTS,
 * POSTPRESS_MCP_TOOLS, POSTPRESS_MCP_MAX_FILE_BYTES.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): PostpressMcpOptions {
  const tools = parseToolList(env[TOOLS_ENV]);
  const maxFileBytes = env[MAX_FILE_BYTES_ENV]?.trim();
  return {
    apiKey: env.POSTPRESS_API_KEY?.trim() || undefined,
    baseUrl: env.POSTPRESS_BASE_URL?.trim() || undefined,
    fileRoots: parseFileRoots(env[FILE_ROOTS_ENV]),
    ...(tools ? { tools } : {}),
    // Not a number stays NaN, for createPostpressMcpServer to refuse with a message.
    ...(maxFileBytes ? { maxFileBytes: /^\d+$/.test(maxFileBytes) ? Number(maxFileBytes) : Number.NaN } : {}),
  };
}

/** The catalog's tools named in `names` (in catalog order), or all of them; refuses a name it does not have. */
export function selectTools(all: readonly GeneratedTool[], names?: readonly string[]): GeneratedTool[] {
  if (names === undefined) return [...all];
  const known = new Set(all.map((t) => t.name));
  if (names.length === 0)
    throw new PostpressMcpConfigError(
      `the tool list (${TOOLS_ENV} or the \`tools\` option) is empty: name at least one tool, or leave it unset for all`,
    );
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length) {
    const hint = (name: string) => {
      const snake = name
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/-/g, '_')
        .toLowerCase();
      return snake !== name && known.has(snake) ? ` (did you mean ${snake}?)` : '';
    };
    throw new PostpressMcpConfigError(
      `unknown tool${unknown.length > 1 ? 's' : ''} in ${TOOLS_ENV} (or the \`tools\` option): ` +
        `${unknown.map((name) => `${JSON.stringify(cut(name, 100))}${hint(name)}`).join(', ')}. ` +
        `This server has: ${[...known].join(', ')}.`,
    );
  }
  return all.filter((tool) => names.includes(tool.name));
}

type Args = Record<string, unknown>;

export interface DryRunPart {
  name: string;
  value?: string;
  filename?: string;
  contentType?: string;
  size?: number;
}

/** What a dry run shows: the request as the client encoded it. Never the API key or the client's own headers. */
export interface DryRunRequest {
  method: string;
  url: string;
  /** The operation's header parameters that were set (`Idempotency-Key`). */
  headers?: Record<string, string>;
  /** A multipart/form-data body, part by part under the wire names. */
  parts?: DryRunPart[];
  /** Any other body (JSON as its value). */
  body?: unknown;
  /** Set when the request is larger than the result shows: values cut, parts or body left out. */
  truncated?: true;
}

/** What the server learns from the fetch it hands the client: whether a request went out, and the status it got. */
interface Seen {
  requests: number;
  status?: number;
}

/** Where a file path sits in the params: `holder[key]`. */
type FileSlot = { holder: Args | unknown[]; key: string | number; path: string };

/** The file paths in `params` at the generated locations (`*` = every item). */
function fileSlots(params: Args, locations: GeneratedTool['files']): FileSlot[] {
  const slots: FileSlot[] = [];
  const visit = (holder: Args | unknown[], key: string | number, path: readonly string[]) => {
    const node = (holder as Record<string | number, unknown>)[key];
    if (path.length === 0) {
      if (typeof node === 'string') slots.push({ holder, key, path: node });
      return;
    }
    const [step, ...rest] = path as [string, ...string[]];
    if (step === '*') {
      if (Array.isArray(node)) for (const i of node.keys()) visit(node, i, rest);
    } else if (isRecord(node) && Object.hasOwn(node, step)) visit(node, step, rest);
  };
  for (const { path } of locations) {
    const [first, ...rest] = path as [string, ...string[]];
    if (Object.hasOwn(params, first)) visit(params, first, rest);
  }
  return slots;
}

// A dry run's stand-in for a file: a few bytes naming its slot, so that the encoded request can be shown
// with the real file's size without reading the file (a dry run of a 2 GB file reads nothing).
const PLACEHOLDER = 'postpress-mcp-dry-run-file:';

/** The request the client built, read back from the fetch it was given. */
async function readRequest(
  request: Request,
  headerParams: readonly string[],
  files: readonly OpenedFile[],
): Promise<DryRunRequest> {
  const sent: DryRunRequest = { method: request.method, url: request.url };
  const headers = Object.fromEntries(
    headerParams.flatMap((name) => {
      const value = request.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  if (Object.keys(headers).length) sent.headers = headers;
  const type = request.headers.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    sent.parts = [];
    for (const [name, value] of await request.formData()) {
      if (typeof value === 'string') {
        sent.parts.push({ name, value });
        continue;
      }
      const text = await value.text();
      const size = text.startsWith(PLACEHOLDER) ? files[Number(text.slice(PLACEHOLDER.length))]?.size : undefined;
      sent.parts.push({ name, filename: value.name, contentType: value.type, size: size ?? value.size });
    }
  } else {
    const text = await request.text();
    if (text) {
      try {
        sent.body = /json/i.test(type) ? JSON.parse(text) : text;
      } catch {
        sent.body = text;
      }
    }
  }
  return sent;
}

/** A dry run's request with every value cut, and parts or body left out past the result's size. */
function boundDryRun(sent: DryRunRequest): DryRunRequest {
  const value = (text: string) => cut(text, MAX_VALUE_CHARS);
  const out: DryRunRequest = { method: cut(sent.method, MAX_TITLE_CHARS), url: value(sent.url) };
  if (sent.headers)
    out.headers = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [cut(k, MAX_TITLE_CHARS), value(v)]));
  let budget = MAX_ANSWER_CHARS - JSON.stringify(out).length;
  if (sent.parts) {
    out.parts = [];
    for (const part of sent.parts) {
      const shown: DryRunPart = { ...part, name: value(part.name) };
      if (part.value !== undefined) shown.value = value(part.value);
      if (part.filename !== undefined) shown.filename = value(part.filename);
      if (part.contentType !== undefined) shown.contentType = cut(part.contentType, MAX_TITLE_CHARS);
      budget -= JSON.stringify(shown).length + 1;
      if (budget < 0) {
        out.truncated = true;
        break;
      }
      out.parts.push(shown);
    }
  }
  if (sent.body !== undefined) {
    const size = measure(sent.body, budget, MAX_ARGUMENTS_DEPTH + 2);
    if (size.ok) out.body = sent.body;
    else {
      // Shown as its JSON text, cut: still readable, and within the result's size.
      let text: string;
      try {
        text = JSON.stringify(sent.body);
      } catch {
        text = '(not shown: nested too deep)';
      }
      out.body = cut(text, Math.max(0, budget - 100));
      out.truncated = true;
    }
  }
  return out;
}

const dryRunText = (tool: GeneratedTool, sent: DryRunRequest) =>
  [
    `Dry run of ${tool.name}: nothing was sent. ${sent.method} ${sent.url}` +
      (sent.parts ? `, multipart/form-data with ${sent.parts.length} parts${sent.truncated ? ' shown' : ''}:` : ''),
    ...Object.entries(sent.headers ?? {}).map(([name, value]) => `  ${name}: ${value}`),
    ...(sent.parts ?? []).map((p) =>
      p.value === undefined
        ? `  ${p.name} = ${p.filename} (${p.contentType}, ${p.size} bytes)`
        : `  ${p.name} = ${p.value}`,
    ),
    ...(sent.body === undefined ? [] : [`  body: ${JSON.stringify(sent.body)}`]),
    ...(sent.truncated ? ['  (the request is larger than shown here)'] : []),
  ].join('\n');

/** The guidance every tool shares, said once for the tools this server lists (instead of in each description). */
function instructionsFor(api: GeneratedApi, tools: readonly GeneratedTool[], fileRoots: readonly string[]): string {
  const lines = [`${api.title}: ${api.summary} These tools act on the user's connected accounts.`];
  if (tools.some((t) => t.dryRun))
    lines.push(
      'Tools that are not read-only act for the user, can reach real people and cannot be undone (a message sent, ' +
        'a chat deleted): confirm with the user what they will do first. Their `dry_run: true` checks the arguments ' +
        "and returns the exact request (method, URL, the operation's headers, the JSON body or each multipart part " +
        'under its wire name, `field[]` or `field[key]`, files as name, type and size) without sending it.',
    );
  const paging = tools.find((t) => t.pagination)?.pagination;
  if (paging)
    lines.push(
      `List tools return one page: pass the page's \`${paging.nextCursorField}\` as \`${paging.cursorParameter}\` to get the next one (it is null on the last page).`,
    );
  if (tools.some((t) => t.files.length))
    lines.push(
      `File arguments are local paths, read only from the directories in ${FILE_ROOTS_ENV}` +
        (fileRoots.length ? ` (${fileRoots.join(', ')})` : ' (none set: file arguments are refused)') +
        '; a relative path is taken from the first one; URLs are not fetched. Each file is sent with its name and a content type from its extension.',
    );
  lines.push(
    "A result's structured content is the API's answer; `accepted: true` means the API accepted the request (do not " +
      'send it again) but its answer was not the documented one. A failure is a tool error naming the HTTP status, ' +
      'the error type, what it means and whether retrying can help.',
  );
  return lines.join('\n');
}

const fail = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });
const isRecord = (value: unknown): value is Args =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const is2xx = (status: number | undefined): status is number => status !== undefined && status >= 200 && status < 300;

/** What a thrown value is called, read without calling anything it defines (its `toString` may throw). */
function nameOf(thrown: unknown, scrub: Scrub): string {
  const name = field(thrown, 'name');
  const message = field(thrown, 'message');
  const label = typeof name === 'string' ? name : typeof thrown;
  return clean(scrub, typeof message === 'string' && message ? `${label}: ${message}` : label, MAX_DETAIL_CHARS);
}

/** An outcome's field, read without trusting the object the client returned. */
function part(outcome: unknown, key: 'data' | 'error' | 'response'): unknown {
  try {
    return isRecord(outcome) ? outcome[key] : undefined;
  } catch {
    return undefined;
  }
}

export function createPostpressMcpServer(options: PostpressMcpOptions = {}): Server {
  const { apiKey, baseUrl, fileRoots = [], catalog = generated, createClient = createPostpressClient } = options;
  const { maxFileBytes = DEFAULT_MAX_FILE_BYTES } = options;
  if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes < 1)
    throw new PostpressMcpConfigError(
      `${MAX_FILE_BYTES_ENV} (or the \`maxFileBytes\` option) must be a whole number of bytes, at least 1 (default ${DEFAULT_MAX_FILE_BYTES})`,
    );
  const scrub = scrubber(apiKey);
  const sink = options.log ?? ((line: string) => process.stderr.write(`postpress-mcp: ${line}\n`));
  // Every line is scrubbed and cut: the client's include what an API or a proxy wrote in an error body.
  const log = (line: string) => sink(clean(scrub, line, MAX_LOG_CHARS).replace(/[\r\n]+/g, ' '));
  // The client's log lines go where ours go: its default, console, would write info and debug to stdout, the protocol.
  const clientLog = (line: unknown) => log(String(line).replace(/^\[postpress\] /, 'client: '));
  const logger = { debug: clientLog, info: clientLog, warn: clientLog, error: clientLog };
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const tools = selectTools(catalog.tools, options.tools);
  const validator = new AjvJsonSchemaValidator();
  const validators = new Map(
    tools.map((tool) => [tool.name, validator.getValidator<Args>(tool.inputSchema as never)] as const),
  );
  // The documented answer (the first of the output schema's `anyOf`): an answer is structured content only if it matches.
  const answerValidators = new Map(
    tools.flatMap((tool) => {
      const answer = tool.outputSchema?.anyOf?.[0] as JsonSchema | undefined;
      return answer ? [[tool.name, validator.getValidator<Args>(answer as never)] as const] : [];
    }),
  );
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  let roots: Promise<string[]> | undefined;
  const allowedRoots = () => {
    roots ??= resolveFileRoots(fileRoots).then((r) => {
      for (const problem of r.problems) log(problem);
      return r.roots;
    });
    return roots;
  };

  /** Opens every file argument of the call (all checks on their descriptors), within the per-call byte limit. */
  async function openFiles(slots: readonly FileSlot[]): Promise<OpenedFile[]> {
    const opened: OpenedFile[] = [];
    try {
      const allowed = await allowedRoots();
      let total = 0;
      for (const slot of slots) {
        const file = await openAllowedFile(slot.path, allowed, { maxBytes: maxFileBytes });
        opened.push(file);
        total += file.size;
        if (total > maxFileBytes)
          throw new FileRefusedError(
            `the files of this call add up to ${total.toLocaleString('en')} bytes or more, over the ` +
              `${maxFileBytes.toLocaleString('en')}-byte limit (${MAX_FILE_BYTES_ENV}); send fewer or smaller files.`,
          );
      }
      return opened;
    } catch (error) {
      await Promise.all(opened.map((file) => file.close()));
      throw error;
    }
  }

  /** A success: the answer as structured content when it is the documented one, else "accepted" with what could be read. */
  function answered(tool: GeneratedTool, data: unknown, status: number): CallToolResult {
    if (!tool.success.body) {
      log(`${tool.name}: HTTP ${status}`);
      return {
        content: [{ type: 'text', text: `${tool.success.description.replace(/\.$/, '')}.` }],
        ...(tool.outputSchema ? { structuredContent: { ok: true } } : {}),
      };
    }
    const size = measure(data, MAX_ANSWER_CHARS, MAX_ANSWER_DEPTH);
    if (!size.ok) return accepted(tool, status, `the answer is ${size.problem}`, idsOf(data, scrub));
    const answer = scrubValue(data, scrub);
    const json = JSON.stringify(answer);
    const check = answerValidators.get(tool.name);
    if (check) {
      const result = isRecord(answer) ? check(answer) : { valid: false, errorMessage: 'data must be object' };
      if (!result.valid) {
        const problem = (result.errorMessage ?? 'it does not match').replace(/\bdata(?=[/ .]|$)/g, 'answer');
        return accepted(tool, status, problem, idsOf(answer, scrub), json);
      }
    }
    const ids = Object.entries(idsOf(answer, scrub)).map(([key, value]) => `${key}: ${value}`);
    log(`${tool.name}: HTTP ${status}`);
    return {
      content: [
        {
          type: 'text',
          text: `${tool.success.description.replace(/\.$/, '')}${ids.length ? ` (${ids.join(', ')})` : ''}.`,
        },
        // The answer as JSON too: hosts that ignore structured content still show it to the model.
        ...(json === undefined ? [] : [{ type: 'text' as const, text: json }]),
      ],
      ...(check && isRecord(answer) ? { structuredContent: answer } : {}),
    };
  }

  /** The API accepted the request (2xx) but its answer is not the documented one: never reported as a failure. */
  function accepted(
    tool: GeneratedTool,
    status: number,
    problem: string,
    ids: Record<string, string>,
    json?: string,
  ): CallToolResult {
    const why = clean(scrub, problem, MAX_DETAIL_CHARS);
    const listed = Object.entries(ids).map(([key, value]) => `${key}: ${value}`);
    log(`${tool.name}: HTTP ${status}, an answer off the spec`);
    return {
      content: [
        {
          type: 'text',
          text:
            `${tool.name}: accepted (HTTP ${status}); the answer did not match the documented shape (${why}). ` +
            `${listed.length ? `Ids it holds: ${listed.join(', ')}. ` : 'No id could be read from it. '}` +
            'The API did the request: do not send it again.',
        },
        ...(json === undefined ? [] : [{ type: 'text' as const, text: cut(json, MAX_ANSWER_CHARS) }]),
      ],
      ...(tool.outputSchema ? { structuredContent: { accepted: true, status, ids, problem: why } } : {}),
    };
  }

  /** The client's method for the tool, called in the agreed shape; a tool error when this client lacks it. */
  function methodOf(client: object, tool: GeneratedTool): ((...args: unknown[]) => unknown) | CallToolResult {
    const method = readMethod(client, tool.operationId);
    if (typeof method !== 'function')
      return fail(
        `${tool.name}: this server's @postpress/client has no method ${tool.operationId}, so nothing was sent. ` +
          'Ask the user to update @postpress/client and @postpress/mcp together.',
      );
    return method as (...args: unknown[]) => unknown;
  }

  async function dryRun(
    tool: GeneratedTool,
    pathValues: string[],
    params: unknown,
    slots: readonly FileSlot[],
  ): Promise<CallToolResult> {
    const files = await openFiles(slots);
    // Stand-ins, not the files: a dry run reads no file contents (their checks and sizes come from fstat).
    for (const [i, slot] of slots.entries()) {
      const file = files[i] as OpenedFile;
      (slot.holder as Record<string | number, unknown>)[slot.key] = new File([`${PLACEHOLDER}${i}`], file.name, {
        type: file.type,
      });
    }
    await Promise.all(files.map((file) => file.close()));
    let sent: DryRunRequest | undefined;
    let unreadable: unknown;
    // The real client encodes the request; this fetch reads it back instead of sending it.
    const capture = async (request: Request) => {
      try {
        sent = await readRequest(request, tool.headerParams, files);
      } catch (error) {
        unreadable = error;
      }
      return new Response(null, { status: 204 });
    };
    // Quiet: the client's verdict on the placeholder answer (below) is not worth a log line.
    const client = createClient({
      apiKey: apiKey ?? 'pp_dry_run',
      baseUrl,
      fetch: capture,
      maxRetries: 0,
      logger: quiet,
      logLevel: 'off',
    });
    const method = methodOf(client, tool);
    if (typeof method !== 'function') return method;
    let outcome: unknown;
    try {
      outcome = await method.call(client, ...pathValues, params, {});
    } catch (thrown) {
      if (!sent)
        return fail(
          `Dry run of ${tool.name}: the request could not be built (${nameOf(thrown, scrub)}). Nothing was sent.`,
        );
    }
    // Captured means encoded and ready to go: the client's verdict on the placeholder answer is moot.
    // Not captured means the client refused the arguments before sending (invalid_request).
    if (!sent) {
      const error = part(outcome, 'error');
      if (field(error, 'kind') === 'invalid_request') return fail(describeError(tool, error, undefined, scrub));
      const why = unreadable === undefined ? nameOf(error ?? 'no request', scrub) : nameOf(unreadable, scrub);
      return fail(`Dry run of ${tool.name}: the request could not be built (${why}). Nothing was sent.`);
    }
    log(`${tool.name}: dry run, nothing sent`);
    const shown = boundDryRun(sent);
    return {
      content: [{ type: 'text', text: dryRunText(tool, shown) }],
      structuredContent: { dry_run: true, ...shown },
    };
  }

  async function send(
    tool: GeneratedTool,
    pathValues: string[],
    params: unknown,
    slots: readonly FileSlot[],
    seen: Seen,
    signal?: AbortSignal,
  ): Promise<CallToolResult> {
    const files = await openFiles(slots);
    try {
      for (const [i, slot] of slots.entries()) {
        const file = files[i] as OpenedFile;
        // Read from the descriptor the checks were made on, whole, into memory: what is sent is what was checked.
        (slot.holder as Record<string | number, unknown>)[slot.key] = new File([await file.read()], file.name, {
          type: file.type,
        });
      }
    } finally {
      await Promise.all(files.map((file) => file.close()));
    }
    // The client sends through this fetch: the server then knows whether a request went out, and what status came back.
    const observe = async (request: Request) => {
      seen.requests++;
      const response = await fetch(request);
      seen.status = response.status;
      return response;
    };
    const client = createClient({ apiKey: apiKey as string, baseUrl, logger, fetch: observe });
    const method = methodOf(client, tool);
    if (typeof method !== 'function') return method;
    // The client's signal: a request the MCP client cancels (notifications/cancelled) is aborted.
    const outcome = await method.call(client, ...pathValues, params, { signal });
    const error = part(outcome, 'error');
    const response = part(outcome, 'response') as Response | undefined;
    const status = statusOf(response) ?? seen.status;
    if (error) {
      const errorStatus = field(error, 'httpStatus') ?? field(error, 'status') ?? status;
      if (field(error, 'kind') === 'invalid_response' && is2xx(errorStatus as number)) {
        // A 2xx whose body the client would not take (not JSON, a required field missing, too large).
        const raw = field(error, 'rawBody');
        const reason = field(error, 'reason');
        return accepted(
          tool,
          errorStatus as number,
          typeof reason === 'string' ? reason : 'the answer could not be read',
          typeof raw === 'string' ? idsInText(raw, scrub) : {},
        );
      }
      log(`${tool.name}: failed, ${status ? `HTTP ${status}` : (field(error, 'kind') ?? 'error')}`);
      return fail(describeError(tool, error, response, scrub));
    }
    return answered(tool, part(outcome, 'data'), status ?? tool.success.status);
  }

  async function call(tool: GeneratedTool, args: Args, seen: Seen, signal?: AbortSignal): Promise<CallToolResult> {
    const size = measure(args, MAX_ARGUMENTS_CHARS, MAX_ARGUMENTS_DEPTH);
    if (!size.ok)
      return fail(
        `${tool.name}: the arguments are ${size.problem}; this server takes at most ` +
          `${MAX_ARGUMENTS_CHARS.toLocaleString('en')} characters of JSON arguments, nested at most ` +
          `${MAX_ARGUMENTS_DEPTH} levels. Nothing was sent.`,
      );
    const check = validators.get(tool.name)?.(args);
    if (!check?.valid)
      return fail(
        `${tool.name}: invalid arguments: ${(check?.errorMessage ?? '').replace(/\bdata(?=[/ .]|$)/g, 'arguments')}. Nothing was sent.`,
      );
    const { dry_run: isDryRun = false, ...rest } = structuredClone(args) as Args & { dry_run?: boolean };
    if (!isDryRun && !apiKey)
      return fail(
        `${tool.name}: POSTPRESS_API_KEY is not set in this MCP server's environment, so nothing can be sent` +
          `${tools.some((t) => t.dryRun) ? ' (dry_run still works)' : ''}. Ask the user to add it to the server configuration and restart it.`,
      );
    const pathValues = tool.pathParams.map((name) => String(rest[name]));
    for (const name of tool.pathParams) delete rest[name];
    // The client's params: query, header and body arguments together, or the whole body when it is one argument.
    const params = tool.bodyArgument === 'body' ? rest.body : rest;
    const slots = tool.files.length && isRecord(params) ? fileSlots(params, tool.files) : [];
    try {
      return isDryRun
        ? await dryRun(tool, pathValues, params, slots)
        : await send(tool, pathValues, params, slots, seen, signal);
    } catch (error) {
      if (error instanceof FileRefusedError) {
        log(`${tool.name}: file refused`);
        return fail(`${tool.name}: ${error.message} Nothing was sent.`);
      }
      // createPostpressClient's option checks (a bad POSTPRESS_BASE_URL); its messages never hold the key.
      if (error instanceof PostpressConfigError) return fail(`${tool.name}: configuration error: ${error.message}.`);
      throw error;
    }
  }

  /** Whatever went wrong inside the server or the client (a throw instead of an error result): a tool error that says what is known. */
  function unexpected(tool: GeneratedTool, thrown: unknown, seen: Seen): CallToolResult {
    const what = nameOf(thrown, scrub);
    log(`${tool.name}: unexpected ${what}`);
    if (is2xx(seen.status)) return accepted(tool, seen.status, `the answer could not be read (${what})`, {});
    if (seen.requests === 0) return fail(`${tool.name} failed before sending (${what}). Nothing was sent.`);
    const { status } = seen;
    const documented = status === undefined ? undefined : tool.errors[String(status)];
    const advice = retryAdvice(
      status,
      documented?.retryable ?? false,
      null,
      ['GET', 'PUT', 'DELETE'].includes(tool.method),
    );
    return fail(
      status === undefined
        ? `${tool.name} failed: no answer could be read (${what}). ${advice}`
        : `${tool.name} failed: HTTP ${status}; its answer could not be read (${what}).` +
            `${documented ? ` ${documented.description}` : ''} ${advice}`,
    );
  }

  /** The last guard on every result: each text scrubbed and cut, structured content scrubbed (it is bounded already). */
  const finish = (result: CallToolResult): CallToolResult => ({
    ...result,
    content: result.content.map((item) =>
      item.type === 'text' ? { ...item, text: clean(scrub, item.text, MAX_ANSWER_CHARS) } : item,
    ),
    ...(result.structuredContent ? { structuredContent: scrubValue(result.structuredContent, scrub) as Args } : {}),
  });

  const server = new Server(
    { name: 'postpress', title: 'postpress', version: VERSION },
    { capabilities: { tools: {} }, instructions: instructionsFor(catalog.api, tools, fileRoots) },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(
      (tool): Tool => ({
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}),
        annotations: tool.annotations,
      }),
    ),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${cut(request.params.name, 100)}`);
    const seen: Seen = { requests: 0 };
    try {
      return finish(await call(tool, (request.params.arguments ?? {}) as Args, seen, extra.signal));
    } catch (thrown) {
      return finish(unexpected(tool, thrown, seen));
    }
  });

  return server;
}

/** A client's method, read without trusting the client object (a throwing getter is no method). */
function readMethod(client: object, name: string): unknown {
  try {
    return (client as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}
