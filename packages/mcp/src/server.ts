// The MCP server: the generated tools (src/generated/tools.ts) listed with their JSON Schemas, and each
// call validated, split into the client's call shape (path values, then one params object with the
// query, header and body arguments), its files read from the allowed roots, then sent (or, with
// dry_run, only encoded) by @postpress/client.
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
import { type ClientErrorLike, describeError } from './errors.js';
import { FILE_ROOTS_ENV, FileRefusedError, parseFileRoots, readAllowedFile, resolveFileRoots } from './files.js';
import * as generated from './generated/tools.js';
import type { GeneratedApi, GeneratedCatalog, GeneratedTool } from './tool-data.js';

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
  /** Only these tools, by name (`POSTPRESS_MCP_TOOLS`); all when absent. An unknown name is refused. */
  tools?: readonly string[];
  /**
   * The tools to serve: what scripts/generate-mcp-tools.mjs generates for a spec (default: this
   * package's, from the published spec).
   */
  catalog?: GeneratedCatalog;
  /**
   * Builds the client each call goes through (default: `createPostpressClient`); it must have a method
   * per operationId of the catalog, called as `(...pathValues, params, { signal })`.
   */
  createClient?: (options: ClientOptions) => object;
  /** Where log lines go; default stderr (stdout carries the protocol). */
  log?: (line: string) => void;
}

/** Options the server cannot start with (an unknown tool name); the message says what to change. */
export class PostpressMcpConfigError extends Error {
  override name = 'PostpressMcpConfigError';
}

/** `get_chat, list_chats` (commas or spaces) → the names; undefined when empty (every tool). */
export function parseToolList(value: string | undefined): string[] | undefined {
  const names = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return names.length ? names : undefined;
}

/** Options from the environment: POSTPRESS_API_KEY, POSTPRESS_BASE_URL, POSTPRESS_MCP_FILE_ROOTS, POSTPRESS_MCP_TOOLS. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): PostpressMcpOptions {
  const tools = parseToolList(env[TOOLS_ENV]);
  return {
    apiKey: env.POSTPRESS_API_KEY?.trim() || undefined,
    baseUrl: env.POSTPRESS_BASE_URL?.trim() || undefined,
    fileRoots: parseFileRoots(env[FILE_ROOTS_ENV]),
    ...(tools ? { tools } : {}),
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
        `${unknown.map((name) => `${JSON.stringify(name)}${hint(name)}`).join(', ')}. ` +
        `This server has: ${[...known].join(', ')}.`,
    );
  }
  return all.filter((tool) => names.includes(tool.name));
}

type Args = Record<string, unknown>;
type Outcome = { data?: unknown; error?: ClientErrorLike; response?: Response };

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
}

/** Replaces each file path in `params` (at the generated locations, `*` = every item) with the file it names. */
async function attachFiles(params: Args, locations: GeneratedTool['files'], roots: readonly string[]) {
  const visit = async (node: unknown, path: readonly string[]): Promise<unknown> => {
    if (path.length === 0) return typeof node === 'string' ? readAllowedFile(node, roots) : node;
    const [step, ...rest] = path as [string, ...string[]];
    if (step === '*') return Array.isArray(node) ? Promise.all(node.map((item) => visit(item, rest))) : node;
    if (node && typeof node === 'object' && !Array.isArray(node) && step in node) {
      const record = node as Args;
      record[step] = await visit(record[step], rest);
    }
    return node;
  };
  for (const { path } of locations) await visit(params, path);
}

/** The request the client built, read back from the fetch it was given. */
async function readRequest(request: Request, headerParams: readonly string[]): Promise<DryRunRequest> {
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
    for (const [name, value] of await request.formData())
      sent.parts.push(
        typeof value === 'string'
          ? { name, value }
          : { name, filename: value.name, contentType: value.type, size: value.size },
      );
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

const dryRunText = (tool: GeneratedTool, sent: DryRunRequest) =>
  [
    `Dry run of ${tool.name}: nothing was sent. ${sent.method} ${sent.url}` +
      (sent.parts ? `, multipart/form-data with ${sent.parts.length} parts:` : ''),
    ...Object.entries(sent.headers ?? {}).map(([name, value]) => `  ${name}: ${value}`),
    ...(sent.parts ?? []).map((p) =>
      p.value === undefined
        ? `  ${p.name} = ${p.filename} (${p.contentType}, ${p.size} bytes)`
        : `  ${p.name} = ${p.value}`,
    ),
    ...(sent.body === undefined ? [] : [`  body: ${JSON.stringify(sent.body)}`]),
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
    "A result's structured content is the API's answer. A failure is a tool error naming the HTTP status, the error type, what it means and whether retrying can help.",
  );
  return lines.join('\n');
}

const fail = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });
const isRecord = (value: unknown): value is Args =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function createPostpressMcpServer(options: PostpressMcpOptions = {}): Server {
  const { apiKey, baseUrl, fileRoots = [], catalog = generated, createClient = createPostpressClient } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`postpress-mcp: ${line}\n`));
  // The client's log lines go where ours go: its default, console, would write info and debug to stdout, the protocol.
  const clientLog = (line: string) => log(line.replace(/^\[postpress\] /, 'client: '));
  const logger = { debug: clientLog, info: clientLog, warn: clientLog, error: clientLog };
  const tools = selectTools(catalog.tools, options.tools);
  const validator = new AjvJsonSchemaValidator();
  const validators = new Map(
    tools.map((tool) => [tool.name, validator.getValidator<Args>(tool.inputSchema as never)] as const),
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

  /** The key never leaves in a result, whatever produced the text (belt and braces: nothing should hold it). */
  const scrub = (result: CallToolResult): CallToolResult =>
    apiKey && apiKey.length >= 8 && JSON.stringify(result).includes(apiKey)
      ? JSON.parse(JSON.stringify(result).replaceAll(apiKey, '[redacted]'))
      : result;

  /** The client's method for the tool, called in the agreed shape; a tool error when this client lacks it. */
  async function invoke(
    client: object,
    tool: GeneratedTool,
    pathValues: string[],
    params: unknown,
    signal?: AbortSignal,
  ): Promise<Outcome | CallToolResult> {
    const method = (client as Record<string, unknown>)[tool.operationId];
    if (typeof method !== 'function')
      return fail(
        `${tool.name}: this server's @postpress/client has no method ${tool.operationId}, so nothing was sent. ` +
          'Ask the user to update @postpress/client and @postpress/mcp together.',
      );
    return (await method.call(client, ...pathValues, params, { signal })) as Outcome;
  }

  async function dryRun(tool: GeneratedTool, pathValues: string[], params: unknown): Promise<CallToolResult> {
    let sent: DryRunRequest | undefined;
    // The real client encodes the request; this fetch reads it back instead of sending it.
    const capture = async (request: Request) => {
      sent = await readRequest(request, tool.headerParams);
      return new Response(null, { status: 204 });
    };
    // Quiet: the client's verdict on the placeholder answer (below) is not worth a log line.
    const client = createClient({
      apiKey: apiKey ?? 'pp_dry_run',
      baseUrl,
      fetch: capture,
      maxRetries: 0,
      logger,
      logLevel: 'off',
    });
    const outcome = await invoke(client, tool, pathValues, params);
    if ('content' in outcome) return outcome;
    // Captured means encoded and ready to go: the client's verdict on the placeholder answer is moot.
    // Not captured means the client refused the arguments before sending (invalid_request).
    if (!sent) return fail(describeError(tool, outcome.error ?? { kind: 'invalid_request' }));
    log(`${tool.name}: dry run, nothing sent`);
    return {
      content: [{ type: 'text', text: dryRunText(tool, sent) }],
      structuredContent: { dry_run: true, ...sent },
    };
  }

  async function call(tool: GeneratedTool, args: Args, signal?: AbortSignal): Promise<CallToolResult> {
    const check = validators.get(tool.name)?.(args);
    if (!check?.valid)
      return fail(
        `${tool.name}: invalid arguments: ${(check?.errorMessage ?? '').replace(/\bdata(?=[/ .]|$)/g, 'arguments')}. Nothing was sent.`,
      );
    const { dry_run: isDryRun = false, ...rest } = structuredClone(args) as Args & { dry_run?: boolean };
    const pathValues = tool.pathParams.map((name) => String(rest[name]));
    for (const name of tool.pathParams) delete rest[name];
    // The client's params: query, header and body arguments together, or the whole body when it is one argument.
    const params = tool.bodyArgument === 'body' ? rest.body : rest;
    if (tool.files.length && isRecord(params)) {
      try {
        await attachFiles(params, tool.files, await allowedRoots());
      } catch (error) {
        if (error instanceof FileRefusedError) {
          log(`${tool.name}: file refused`);
          return fail(`${tool.name}: ${error.message} Nothing was sent.`);
        }
        throw error;
      }
    }
    try {
      if (isDryRun) return await dryRun(tool, pathValues, params);
      if (!apiKey)
        return fail(
          `${tool.name}: POSTPRESS_API_KEY is not set in this MCP server's environment, so nothing can be sent` +
            `${tools.some((t) => t.dryRun) ? ' (dry_run still works)' : ''}. Ask the user to add it to the server configuration and restart it.`,
        );
      const client = createClient({ apiKey, baseUrl, logger });
      // The client's signal: a request the MCP client cancels (notifications/cancelled) is aborted.
      const outcome = await invoke(client, tool, pathValues, params, signal);
      if ('content' in outcome) return outcome;
      const { data, error, response } = outcome;
      const structured = tool.success.body ? data : { ok: true };
      if (error || (tool.outputSchema && !isRecord(structured))) {
        const text = describeError(tool, error ?? { kind: 'invalid_response', reason: 'not an object' }, response);
        log(`${tool.name}: failed, ${response ? `HTTP ${response.status}` : String(error?.kind)}`);
        return fail(text);
      }
      const ids = isRecord(data)
        ? Object.entries(data)
            .filter(([key, value]) => (key === 'id' || key.endsWith('_id')) && typeof value === 'string')
            .map(([key, value]) => `${key}: ${value}`)
        : [];
      log(`${tool.name}: HTTP ${response?.status}`);
      return {
        content: [
          {
            type: 'text',
            text: `${tool.success.description.replace(/\.$/, '')}${ids.length ? ` (${ids.join(', ')})` : ''}.`,
          },
          // The answer as JSON too: hosts that ignore structured content still show it to the model.
          ...(data === undefined ? [] : [{ type: 'text' as const, text: JSON.stringify(data) }]),
        ],
        ...(isRecord(structured) ? { structuredContent: structured } : {}),
      };
    } catch (error) {
      // createPostpressClient's option checks (a bad POSTPRESS_BASE_URL); its messages never hold the key.
      if (error instanceof PostpressConfigError) return fail(`${tool.name}: configuration error: ${error.message}.`);
      throw error;
    }
  }

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
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return scrub(await call(tool, (request.params.arguments ?? {}) as Args, extra.signal));
  });

  return server;
}
