#!/usr/bin/env node
// postpress-mock [--port 4010] [--host 127.0.0.1] [--model operations.json] [--inspect key|open] [--max-body-bytes N] … (every limit of ./limits.ts)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LIMITS, type MockLimits } from './limits.js';
import { INSPECT_MODES, INSPECT_PATH, type InspectMode, startMockServer } from './server.js';
import type { OperationsModel } from './spec.js';

const limitNames = Object.keys(LIMITS) as (keyof MockLimits)[];
const flagOf = (name: keyof MockLimits) => LIMITS[name].flag.slice(2);
const usage = [
  'usage: postpress-mock [--port 4010] [--host 127.0.0.1] [--model operations.json] [--inspect key|open] [options]',
  `  --inspect key|open            default key: ${INSPECT_PATH} needs an API key and shows that key's requests; open: anyone on this machine sees all`,
  ...limitNames.map((name) => {
    const flag = `  ${LIMITS[name].flag} N`.padEnd(30);
    return `${flag}default ${LIMITS[name].default}`;
  }),
].join('\n');

function fail(message: string): never {
  process.stderr.write(`postpress-mock: ${message}\n${usage}\n`);
  process.exit(2);
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${flag} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      model: { type: 'string' },
      inspect: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(limitNames.map((name) => [flagOf(name), { type: 'string' as const }])),
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const port = wholeNumber('port', values.port as string | undefined) ?? 4010;
if (port > 65535) fail('--port must be at most 65535');
const limits: Partial<MockLimits> = {};
for (const name of limitNames) {
  const value = wholeNumber(flagOf(name), values[flagOf(name)] as string | undefined);
  if (value !== undefined) limits[name] = value;
}
const inspect = values.inspect as string | undefined;
if (inspect !== undefined && !INSPECT_MODES.includes(inspect as InspectMode)) {
  fail(`--inspect must be ${INSPECT_MODES.join(' or ')}, got ${JSON.stringify(inspect)}`);
}
// Another operations model (a fixture spec's, from scripts/bundle-spec.mjs); default the published one.
let model: OperationsModel | undefined;
if (typeof values.model === 'string') {
  try {
    model = JSON.parse(readFileSync(values.model, 'utf8')) as OperationsModel;
  } catch (error) {
    fail(`--model ${values.model}: ${(error as Error).message}`);
  }
}
try {
  const server = await startMockServer({
    ...limits,
    port,
    host: (values.host as string | undefined) ?? '127.0.0.1',
    ...(model ? { model } : {}),
    ...(inspect ? { inspect: inspect as InspectMode } : {}),
  });
  process.stdout.write(
    `postpress-mock listening on ${server.url} (received requests: GET ${server.url}${INSPECT_PATH})\n`,
  );
  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  fail(`could not start: ${(error as Error).message}`);
}
