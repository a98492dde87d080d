#!/usr/bin/env node
// postpress-mcp: the MCP server over stdio. Configured by the environment only (an MCP client starts it):
// POSTPRESS_API_KEY, POSTPRESS_BASE_URL, POSTPRESS_MCP_FILE_ROOTS, POSTPRESS_MCP_TOOLS,
// POSTPRESS_MCP_MAX_FILE_BYTES. Logs go to stderr; stdout is the protocol.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { safeUrl } from './bounds.js';
import { DEFAULT_MAX_FILE_BYTES, FILE_ROOTS_ENV, MAX_FILE_BYTES_ENV } from './files.js';
import { tools } from './generated/tools.js';
import {
  createPostpressMcpServer,
  optionsFromEnv,
  PostpressMcpConfigError,
  selectTools,
  TOOLS_ENV,
  VERSION,
} from './server.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (args.length > 0) {
  // Any other argument (--help included): explain, on stdout only when asked for help.
  const usage =
    `postpress-mcp ${VERSION}: the postpress API as MCP tools, over stdio.\n` +
    'Start it from an MCP client; it takes no arguments, only environment variables:\n' +
    '  POSTPRESS_API_KEY         your API key (required to send; never printed)\n' +
    '  POSTPRESS_BASE_URL        the API base URL (default https://api.postpress.ai)\n' +
    `  ${FILE_ROOTS_ENV}  directories file arguments may be read from, separated by ":" (";" on Windows); default none\n` +
    `  ${TOOLS_ENV}       the tools to expose, separated by commas; default all:\n` +
    `                            ${tools.map((t) => t.name).join(', ')}\n` +
    `  ${MAX_FILE_BYTES_ENV} the largest file (and files per call) sent, in bytes; default ${DEFAULT_MAX_FILE_BYTES}\n`;
  const help = args.includes('--help') || args.includes('-h');
  (help ? process.stdout : process.stderr).write(help ? usage : `postpress-mcp: unknown arguments\n${usage}`);
  process.exit(help ? 0 : 2);
}

const options = optionsFromEnv();
const log = (line: string) => process.stderr.write(`postpress-mcp: ${line}\n`);
let server: ReturnType<typeof createPostpressMcpServer>;
try {
  server = createPostpressMcpServer({ ...options, log });
} catch (error) {
  // A configuration the server cannot start with: say what to change, and exit before speaking the protocol.
  if (!(error instanceof PostpressMcpConfigError)) throw error;
  log(`cannot start: ${error.message}`);
  process.exit(2);
}
server.onclose = () => process.exit(0);
await server.connect(new StdioServerTransport());
const listed = selectTools(tools, options.tools);
log(
  `${VERSION} ready on stdio: ${listed.length} tools (${listed.map((t) => t.name).join(', ')}), ` +
    // Never the URL as given: it may hold user:password@ or a ?token=.
    `API ${safeUrl(options.baseUrl ?? 'https://api.postpress.ai')}, ` +
    `key ${options.apiKey ? 'set' : 'NOT set (POSTPRESS_API_KEY): only dry runs will work'}, ` +
    `file roots: ${options.fileRoots?.length ? options.fileRoots.join(', ') : `none (${FILE_ROOTS_ENV})`}`,
);
