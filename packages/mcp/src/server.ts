// The MCP server: the generated tools (src/generated/tools.ts) listed with their JSON Schemas as
// the spec gives them, and each call validated, its files read from the allowed roots, then sent
// (or, with dry_run, only encoded) by @postpress/client.
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
import { createPostpressClient, PostpressConfigError } from '@postpress/client';
import { type ClientErrorLike, describeError } from './errors.js';
import { FILE_ROOTS_ENV, FileRefusedError, parseFileRoots, readAllowedFile, resolveFileRoots } from './files.js';
import { tools } from './generated/tools.js';
import type { GeneratedTool } from './tool-data.js';

export const VERSION: string = createRequire(import.meta.url)('../package.json').version;

export interface PostpressMcpOptions {
  /** The API key (`POSTPRESS_API_KEY`). Without one, tools answer with how to set it (dry runs still work). */
  apiKey?: string;
  /** The API's base URL (`POSTPRESS_BASE_URL`); the client's default when absent. */
  baseUrl?: string;
  /** Directories files may be read from (`POSTPRESS_MCP_FILE_ROOTS`); none by default. */
  fileRoots?: readonly string[];
  /** Where log lines go; default stderr (stdout carries the protocol). */
  log?: (line: string) => void;
}

/** Options from the environment: POSTPRESS_API_KEY, POSTPRESS_BASE_URL, POSTPRESS_MCP_FILE_ROOTS. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): PostpressMcpOptions {
  return {
    apiKey: env.POSTPRESS_API_KEY?.trim() || undefined,
    baseUrl: env.POSTPRESS_BASE_URL?.trim() || undefined,
    fileRoots: parseFileRoots(env[FILE_ROOTS_ENV]),
  };
}

type Body = Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<{ data?: unknown; error?: ClientErrorLike; response?: Response }>;

export interface DryRunPart {
  name: string;
  value?: string;
  filename?: string;
  contentType?: string;
  size?: number;
}

/** Replaces each file path in `body` (at the generated locations, `*` = every item) with the file it names. */
async function attachFiles(body: Body, locations: GeneratedTool['files'], roots: readonly string[]) {
  const visit = async (node: unknown, path: readonly string[]): Promise<unknown> => {
    if (path.length === 0) return typeof node === 'string' ? readAllowedFile(node, roots) : node;
    const [step, ...rest] = path as [string, ...string[]];
    if (step === '*') return Array.isArray(node) ? Promise.all(node.map((item) => visit(item, rest))) : node;
    if (node && typeof node === 'object' && !Array.isArray(node) && step in node) {
      const record = node as Body;
      record[step] = await visit(record[step], rest);
    }
    return node;
  };
  for (const { path } of locations) await visit(body, path);
}

const fail = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });

export function createPostpressMcpServer(options: PostpressMcpOptions = {}): Server {
  const { apiKey, baseUrl, fileRoots = [] } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`postpress-mcp: ${line}\n`));
  const validator = new AjvJsonSchemaValidator();
  const validators = new Map(
    tools.map((tool) => [tool.name, validator.getValidator<Body>(tool.inputSchema as never)] as const),
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

  async function dryRun(tool: GeneratedTool, pathValues: string[], body: Body): Promise<CallToolResult> {
    let sent: { method: string; url: string; parts: DryRunPart[] } | undefined;
    // The real client encodes the request; this fetch reads it back instead of sending it.
    const capture = async (request: Request) => {
      const parts: DryRunPart[] = [];
      for (const [name, value] of await request.formData())
        parts.push(
          typeof value === 'string'
            ? { name, value }
            : { name, filename: value.name, contentType: value.type, size: value.size },
        );
      sent = { method: request.method, url: request.url, parts };
      return new Response(null, { status: 204 });
    };
    const client = createPostpressClient({ apiKey: apiKey ?? 'pp_dry_run', baseUrl, fetch: capture, maxRetries: 0 });
    const method = (client as unknown as Record<string, Method>)[tool.operationId] as Method;
    const { error } = await method(...pathValues, body);
    // Captured means encoded and ready to go: the client's verdict on the placeholder answer is moot.
    // Not captured means the client refused the arguments before sending (invalid_request).
    if (!sent) return fail(describeError(tool, error ?? { kind: 'invalid_request' }));
    const lines = sent.parts.map((p) =>
      p.value === undefined
        ? `  ${p.name} = ${p.filename} (${p.contentType}, ${p.size} bytes)`
        : `  ${p.name} = ${p.value}`,
    );
    log(`${tool.name}: dry run, ${sent.parts.length} parts, nothing sent`);
    return {
      content: [
        {
          type: 'text',
          text: `Dry run of ${tool.name}: nothing was sent. ${sent.method} ${sent.url}, multipart/form-data with ${sent.parts.length} parts:\n${lines.join('\n')}`,
        },
      ],
      structuredContent: { dry_run: true, ...sent },
    };
  }

  async function call(tool: GeneratedTool, args: Body, signal?: AbortSignal): Promise<CallToolResult> {
    const check = validators.get(tool.name)?.(args);
    if (!check?.valid)
      return fail(
        `${tool.name}: invalid arguments: ${(check?.errorMessage ?? '').replace(/\bdata(?=[/ .]|$)/g, 'arguments')}. Nothing was sent.`,
      );
    const { dry_run: isDryRun = false, ...body } = structuredClone(args) as Body & { dry_run?: boolean };
    const pathValues = tool.pathParams.map((name) => String(body[name]));
    for (const name of tool.pathParams) delete body[name];
    try {
      await attachFiles(body, tool.files, await allowedRoots());
    } catch (error) {
      if (error instanceof FileRefusedError) {
        log(`${tool.name}: file refused`);
        return fail(`${tool.name}: ${error.message} Nothing was sent.`);
      }
      throw error;
    }
    try {
      if (isDryRun) return await dryRun(tool, pathValues, body);
      if (!apiKey)
        return fail(
          `${tool.name}: POSTPRESS_API_KEY is not set in this MCP server's environment, so nothing can be sent ` +
            '(dry_run still works). Ask the user to add it to the server configuration and restart it.',
        );
      const client = createPostpressClient({ apiKey, baseUrl });
      const method = (client as unknown as Record<string, Method>)[tool.operationId] as Method;
      // The client's signal: a request the MCP client cancels (notifications/cancelled) is aborted.
      const { data, error, response } = await method(...pathValues, body, { signal });
      if (error || !data || typeof data !== 'object') {
        const text = describeError(tool, error ?? { kind: 'invalid_response', message: 'no data' }, response);
        log(`${tool.name}: failed, ${response ? `HTTP ${response.status}` : String(error?.kind)}`);
        return fail(text);
      }
      const ids = Object.entries(data)
        .filter(([key, value]) => key.endsWith('_id') && typeof value === 'string')
        .map(([key, value]) => `${key}: ${value}`);
      log(`${tool.name}: HTTP ${response?.status}`);
      return {
        content: [
          {
            type: 'text',
            text: `${tool.success.description.replace(/\.$/, '')}${ids.length ? ` (${ids.join(', ')})` : ''}.`,
          },
        ],
        structuredContent: data as Record<string, unknown>,
      };
    } catch (error) {
      // createPostpressClient's option checks (a bad POSTPRESS_BASE_URL); its messages never hold the key.
      if (error instanceof PostpressConfigError) return fail(`${tool.name}: configuration error: ${error.message}.`);
      throw error;
    }
  }

  const server = new Server(
    { name: 'postpress', title: 'postpress', version: VERSION },
    {
      capabilities: { tools: {} },
      instructions:
        'Tools to start LinkedIn (and other provider) chats and send messages through the postpress API, on the ' +
        "user's connected accounts. They reach real people and cannot be undone: confirm recipients and text with " +
        'the user, and use `dry_run: true` to preview the exact request. File arguments are local paths, read only ' +
        `from the directories in ${FILE_ROOTS_ENV}${fileRoots.length ? ` (${fileRoots.join(', ')})` : ' (none set: file arguments are refused)'}.`,
    },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(
      (tool): Tool => ({
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: {
          title: tool.title,
          readOnlyHint: tool.method === 'GET',
          // Sending adds a chat or a message and changes or deletes nothing that exists: additive, in the
          // spec's terms. It is still consequential and irreversible: the description and dry_run say so.
          destructiveHint: false,
          // A second identical call sends a second message.
          idempotentHint: tool.method === 'GET',
          openWorldHint: true,
        },
      }),
    ),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return scrub(await call(tool, (request.params.arguments ?? {}) as Body, extra.signal));
  });

  return server;
}
