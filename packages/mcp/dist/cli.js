#!/usr/bin/env node
import {
  FILE_ROOTS_ENV,
  VERSION,
  createPostpressMcpServer,
  optionsFromEnv,
  tools
} from "./chunk-LDZFWPIW.js";

// src/cli.ts
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
var args = process.argv.slice(2);
if (args.includes("--version") || args.includes("-v")) {
  process.stdout.write(`${VERSION}
`);
  process.exit(0);
}
if (args.length > 0) {
  const usage = `postpress-mcp ${VERSION}: the postpress API as MCP tools (${tools.map((t) => t.name).join(", ")}), over stdio.
Start it from an MCP client; it takes no arguments, only environment variables:
  POSTPRESS_API_KEY         your API key (required to send; never printed)
  POSTPRESS_BASE_URL        the API base URL (default https://api.postpress.ai)
  ${FILE_ROOTS_ENV}  directories file arguments may be read from, separated by ":" (";" on Windows); default none
`;
  const help = args.includes("--help") || args.includes("-h");
  (help ? process.stdout : process.stderr).write(help ? usage : `postpress-mcp: unknown arguments
${usage}`);
  process.exit(help ? 0 : 2);
}
var options = optionsFromEnv();
var log = (line) => process.stderr.write(`postpress-mcp: ${line}
`);
var server = createPostpressMcpServer({ ...options, log });
server.onclose = () => process.exit(0);
await server.connect(new StdioServerTransport());
log(
  `${VERSION} ready on stdio: ${tools.length} tools, API ${options.baseUrl ?? "https://api.postpress.ai"}, key ${options.apiKey ? "set" : "NOT set (POSTPRESS_API_KEY): only dry runs will work"}, file roots: ${options.fileRoots?.length ? options.fileRoots.join(", ") : `none (${FILE_ROOTS_ENV})`}`
);
