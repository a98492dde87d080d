#!/usr/bin/env node
// postpress-mcp: the MCP server over stdio. Configured by the environment only (an MCP client starts it):
// POSTPRESS_API_KEY, POSTPRESS_BASE_URL, POSTPRESS_MCP_FILE_ROOTS. Logs go to stderr; stdout is the protocol.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { FILE_ROOTS_ENV } from './files.js';
import { tools } from './generated/tools.js';
import { createPostpressMcpServer, optionsFromEnv, VERSION } from './server.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (args.length > 0) {
  // Any other argument (--help included): explain, on stdout only when asked for help.
  const usage =
    `postpress-mcp ${VERSION}: the postpress API as MCP tools (${tools.map((t) => t.name).join(', ')}), over stdio.\n` +
    'Start it from an MCP client; it takes no arguments, only environment variables:\n' +
    '  POSTPRESS_API_KEY         your API key (required to send; never printed)\n' +
    '  POSTPRESS_BASE_URL        the API base URL (default https://api.postpress.ai)\n' +
    `  ${FILE_ROOTS_ENV}  directories file arguments may be read from, separated by ":" (";" on Windows); default none\n`;
  const help = args.includes('--help') || args.includes('-h');
  (help ? process.stdout : process.stderr).write(help ? usage : `postpress-mcp: unknown arguments\n${usage}`);
  process.exit(help ? 0 : 2);
}

const options = optionsFromEnv();
const log = (line: string) => process.stderr.write(`postpress-mcp: ${line}\n`);
const server = createPostpressMcpServer({ ...options, log });
server.onclose = () => process.exit(0);
await server.connect(new StdioServerTransport());
log(
  `${VERSION} ready on stdio: ${tools.length} tools, API ${options.baseUrl ?? 'https://api.postpress.ai'}, ` +
    `key ${options.apiKey ? 'set' : 'NOT set (POSTPRESS_API_KEY): only dry runs will work'}, ` +
    `file roots: ${options.fileRoots?.length ? options.fileRoots.join(', ') : `none (${FILE_ROOTS_ENV})`}`,
);
