import { Server } from '@modelcontextprotocol/sdk/server/index.js';

/** A JSON Schema object, as the spec gives it (inlined, OpenAPI-only keywords removed). */
type JsonSchema = {
    [keyword: string]: unknown;
};
interface GeneratedTool {
    /** The tool's name: the operationId in snake_case (`start_chat`). */
    name: string;
    /** The operation's summary. */
    title: string;
    description: string;
    operationId: string;
    method: string;
    path: string;
    /** Arguments that go into the path, in order (`chat_id`); the rest is the body, except `dry_run`. */
    pathParams: string[];
    inputSchema: JsonSchema & {
        type: 'object';
        properties: Record<string, JsonSchema>;
    };
    outputSchema: JsonSchema & {
        type: 'object';
    };
    success: {
        status: number;
        description: string;
    };
    /** Where file paths sit in the arguments (`['attachments', '*']`: each item of `attachments`). */
    files: Array<{
        path: string[];
        multiple: boolean;
    }>;
    /** The documented errors, by HTTP status. */
    errors: Record<string, {
        description: string;
        retryable: boolean;
        types: Record<string, string>;
    }>;
}

/** The fields of any @postpress/client error that are read here; all optional. */
interface ClientErrorLike {
    kind?: unknown;
    status?: unknown;
    type?: unknown;
    title?: unknown;
    detail?: unknown;
    retryable?: unknown;
    httpStatus?: unknown;
    errorType?: unknown;
    message?: unknown;
    reason?: unknown;
}
/** Whether retrying later can help, from the status and the spec's `x-retryable`. */
declare function retryAdvice(status: number | undefined, retryable: boolean, retryAfter?: string | null): string;
declare function describeError(tool: GeneratedTool, error: ClientErrorLike, response?: Response): string;

declare const FILE_ROOTS_ENV = "POSTPRESS_MCP_FILE_ROOTS";
/** A file argument the server will not read; the message says why and what to do. */
declare class FileRefusedError extends Error {
    name: string;
}
/** `POSTPRESS_MCP_FILE_ROOTS` → its directories (separated by the platform's path delimiter, `:` or `;`). */
declare function parseFileRoots(value: string | undefined): string[];
/** The roots that exist, as real paths, and a line for each one that does not. */
declare function resolveFileRoots(roots: readonly string[]): Promise<{
    roots: string[];
    problems: string[];
}>;
/**
 * Reads the file at `input` (absolute, or relative to the first root) if its real path is under one of
 * `roots` (real paths, from resolveFileRoots). Throws FileRefusedError otherwise.
 */
declare function readAllowedFile(input: string, roots: readonly string[]): Promise<File>;

/** One tool per operation of the spec (start_chat, send_message). */
declare const tools: readonly GeneratedTool[];

declare const VERSION: string;
interface PostpressMcpOptions {
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
declare function optionsFromEnv(env?: NodeJS.ProcessEnv): PostpressMcpOptions;
interface DryRunPart {
    name: string;
    value?: string;
    filename?: string;
    contentType?: string;
    size?: number;
}
declare function createPostpressMcpServer(options?: PostpressMcpOptions): Server;

export { type ClientErrorLike, type DryRunPart, FILE_ROOTS_ENV, FileRefusedError, type GeneratedTool, type JsonSchema, type PostpressMcpOptions, VERSION, createPostpressMcpServer, describeError, optionsFromEnv, parseFileRoots, readAllowedFile, resolveFileRoots, retryAdvice, tools };
