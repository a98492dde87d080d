// The shape of what scripts/generate-mcp-tools.mjs writes to src/generated/tools.ts.

/** A JSON Schema object, as the spec gives it (inlined, OpenAPI-only keywords removed). */
export type JsonSchema = { [keyword: string]: unknown };

export interface GeneratedTool {
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
  inputSchema: JsonSchema & { type: 'object'; properties: Record<string, JsonSchema> };
  outputSchema: JsonSchema & { type: 'object' };
  success: { status: number; description: string };
  /** Where file paths sit in the arguments (`['attachments', '*']`: each item of `attachments`). */
  files: Array<{ path: string[]; multiple: boolean }>;
  /** The documented errors, by HTTP status. */
  errors: Record<string, { description: string; retryable: boolean; types: Record<string, string> }>;
}
