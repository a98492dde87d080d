#!/usr/bin/env node
// postpress-mock [--port 4010] [--host 127.0.0.1] [--max-body-bytes N]
import { parseArgs } from 'node:util';
import { startMockServer } from './server.js';

function fail(message: string): never {
  process.stderr.write(
    `postpress-mock: ${message}\nusage: postpress-mock [--port 4010] [--host 127.0.0.1] [--max-body-bytes N]\n`,
  );
  process.exit(2);
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

let values: { port?: string; host?: string; 'max-body-bytes'?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write('usage: postpress-mock [--port 4010] [--host 127.0.0.1] [--max-body-bytes N]\n');
  process.exit(0);
}

const port = wholeNumber('port', values.port) ?? 4010;
if (port > 65535) fail('--port must be at most 65535');
try {
  const server = await startMockServer({
    port,
    host: values.host ?? '127.0.0.1',
    maxBodyBytes: wholeNumber('max-body-bytes', values['max-body-bytes']),
  });
  process.stdout.write(`postpress-mock listening on ${server.url}\n`);
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  fail(`could not start: ${(error as Error).message}`);
}
