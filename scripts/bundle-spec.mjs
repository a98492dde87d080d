#!/usr/bin/env node
// spec/ → packages/openapi/dist/openapi.{yaml,json}: lint with the repo's redocly.yaml, bundle,
// write both files atomically. On any problem, print each with its file, line and JSON pointer,
// exit 1, and leave the previous dist/ as it was.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, formatProblems, lint, loadConfig } from '@redocly/openapi-core';
import { stringify } from 'yaml';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    out: { type: 'string' },
  },
});
const root = resolve(values.root);
const out = resolve(values.out ?? join(root, 'packages/openapi/dist'));
const ref = join(root, 'spec/openapi.yaml');

async function main() {
  const config = await loadConfig({ configPath: join(root, 'redocly.yaml') });
  const problems = (await lint({ ref, config })).filter((p) => !p.ignored);
  const errors = problems.filter((p) => p.severity === 'error');
  if (problems.length > 0) {
    formatProblems(problems, {
      format: 'codeframe',
      totals: { errors: errors.length, warnings: problems.length - errors.length, ignored: 0 },
      version: '',
    });
  }
  if (errors.length > 0) fail(`${errors.length} lint error(s) in ${relative(process.cwd(), ref)}`);

  const { bundle: result, problems: bundleProblems } = await bundle({ ref, config, dereference: false });
  const bundleErrors = bundleProblems.filter((p) => p.severity === 'error' && !p.ignored);
  if (bundleErrors.length > 0) {
    formatProblems(bundleErrors, {
      format: 'codeframe',
      totals: { errors: bundleErrors.length, warnings: 0, ignored: 0 },
      version: '',
    });
    fail('bundling failed');
  }
  const doc = result.parsed;
  const files = {
    'openapi.json': `${JSON.stringify(doc, null, 2)}\n`,
    'openapi.yaml': stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }),
  };
  mkdirSync(out, { recursive: true });
  // Write beside the target, then rename: a reader never sees half a file, a failure leaves the old one.
  const staged = Object.entries(files).map(([name, text]) => {
    const tmp = join(out, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    return [tmp, join(out, name)];
  });
  for (const [tmp, target] of staged) renameSync(tmp, target);
  console.log(`bundled ${relative(process.cwd(), ref)} → ${relative(process.cwd(), out)}/openapi.{json,yaml}`);
}

function fail(message) {
  throw Object.assign(new Error(message), { reported: true });
}

main().catch((error) => {
  // YAML syntax errors and unreadable files arrive here with their file and line in the message.
  console.error(`✖ spec not bundled: ${error.reported ? error.message : (error.stack ?? error)}`);
  console.error(`  ${relative(process.cwd(), out)}/ was left as it was.`);
  for (const f of ['openapi.json', 'openapi.yaml']) rmSync(join(out, `.${f}.${process.pid}.tmp`), { force: true });
  process.exitCode = 1;
});
