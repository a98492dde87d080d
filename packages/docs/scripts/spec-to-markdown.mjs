// Pure functions from the bundled OpenAPI document to what the docs publish: the error catalog
// (rows and Markdown), one Markdown page per operation (also the source of its HTML page), and llms.txt.
// Hand-written: no renderer emits Markdown that knows our bracket wire format and x-retryable.

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Resolves a local `#/…` $ref (the bundle has no other kind); follows chains. */
export function deref(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`cannot resolve $ref ${current.$ref}`);
    const target = current.$ref
      .slice(2)
      .split('/')
      .reduce((at, key) => at?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
    if (target === undefined) throw new Error(`$ref ${current.$ref} points nowhere`);
    current = target;
  }
  return current;
}

/** Every operation of the document, in path order: `{ operationId, method, path, op }`. */
export function operations(doc) {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push({ operationId: op.operationId ?? `${method} ${path}`, method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

/**
 * One row per (operation, status, type) the spec documents, read from each error schema's
 * `type.enum` and `x-enumDescriptions`; `retryable` is the response's `x-retryable`.
 */
export function errorCatalog(doc) {
  const rows = [];
  for (const { operationId, method, path, op } of operations(doc)) {
    for (const [status, raw] of Object.entries(op.responses ?? {})) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const response = deref(doc, raw);
      const schema = deref(doc, response.content?.['application/json']?.schema ?? {});
      const typeSchema = (schema.allOf ?? [schema])
        .map((part) => deref(doc, part).properties?.type)
        .find((t) => Array.isArray(t?.enum));
      if (!typeSchema) throw new Error(`${operationId} ${status}: the error schema lists no \`type\` enum`);
      const meanings = typeSchema['x-enumDescriptions'] ?? {};
      for (const type of typeSchema.enum) {
        rows.push({
          operationId,
          method,
          path,
          status: Number(status),
          type,
          description: meanings[type] ?? response.description ?? '',
          retryable: response['x-retryable'] === true,
        });
      }
    }
  }
  return rows;
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Catalog rows as one Markdown table. */
export function catalogTable(rows) {
  const lines = ['| status | type | meaning | client retries |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    const retries = r.retryable ? 'yes (backoff, `Retry-After`)' : 'no';
    lines.push(`| ${r.status} | \`${r.type}\` | ${cell(r.description)} | ${retries} |`);
  }
  return lines.join('\n');
}

/** The catalog as Markdown: one section per operation, rows in status order. */
export function catalogMarkdown(rows, { headingLevel = 2 } = {}) {
  const h = '#'.repeat(headingLevel);
  const byOp = new Map();
  for (const r of rows) byOp.set(r.operationId, [...(byOp.get(r.operationId) ?? []), r]);
  return [...byOp.values()]
    .map((opRows) => {
      const { operationId, method, path } = opRows[0];
      return `${h} ${operationId}\n\n\`${method} ${path}\`: ${opRows.length} (status, type) pairs.\n\n${catalogTable(opRows)}\n`;
    })
    .join('\n');
}

/** The wire name(s) of a multipart field: `name[]` for bracket arrays, `name[a][b]` leaves for deepObject. */
function wireFields(doc, name, schema, encoding, requiredSet) {
  const s = deref(doc, schema);
  const required = requiredSet.has(name) ? 'yes' : 'no';
  const isFile = (x) => deref(doc, x)?.format === 'binary';
  if (s.type === 'array') {
    const items = deref(doc, s.items ?? {});
    const wire = isFile(items) ? `${name}` : encoding?.['x-array-format'] === 'brackets' ? `${name}[]` : name;
    const kind = isFile(items) ? 'file, one part per file' : `${items.type ?? 'value'}, one part per item`;
    return [{ wire, kind, required, description: s.description ?? schema.description ?? '' }];
  }
  if (encoding?.style === 'deepObject' || s.oneOf || s.type === 'object') {
    const rows = [
      {
        wire: `${name}[…]`,
        kind: 'object, one part per leaf',
        required,
        description: schema.description ?? s.description ?? '',
      },
    ];
    const seen = new Set();
    const walk = (prefix, node, variant) => {
      const n = deref(doc, node);
      for (const alt of n.oneOf ?? []) walk(prefix, alt, deref(doc, alt).title ?? variant);
      for (const [key, child] of Object.entries(n.properties ?? {})) {
        const c = deref(doc, child);
        const wire = `${prefix}[${key}]`;
        if (c.properties || c.oneOf) {
          walk(wire, child, variant);
          continue;
        }
        const id = `${variant}:${wire}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const kind =
          c.type === 'array'
            ? isFile(c.items ?? {})
              ? 'file, one part per file'
              : `${deref(doc, c.items ?? {}).type}, one part per item`
            : c.enum
              ? c.enum.map((v) => `\`${v}\``).join(' or ')
              : c.format === 'binary'
                ? 'file'
                : (c.type ?? 'value');
        rows.push({
          wire,
          kind,
          required: (n.required ?? []).includes(key) ? `yes, in ${variant}` : 'no',
          description: `${variant ? `(${variant}) ` : ''}${c.description ?? child.description ?? ''}`,
        });
      }
    };
    walk(name, s, s.title ?? '');
    return rows;
  }
  const kind =
    s.format === 'binary' ? 'file' : s.enum ? s.enum.map((v) => `\`${v}\``).join(' or ') : (s.type ?? 'value');
  return [{ wire: name, kind, required, description: schema.description ?? s.description ?? '' }];
}

/** Every multipart part of an operation's body by wire name: `{ wire, kind, required, description }`. */
export function requestParts(doc, op) {
  const media = op.requestBody?.content?.['multipart/form-data'];
  if (!media) return [];
  const schema = deref(doc, media.schema);
  const requiredSet = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, prop]) =>
    wireFields(doc, name, prop, media.encoding?.[name], requiredSet),
  );
}

/** A request example's value as the multipart parts it becomes (`name[]=…`, `linkedin[a][b]=…`), in order. */
export function exampleParts(doc, media, value) {
  const schema = deref(doc, media.schema ?? {});
  const parts = [];
  const leaf = (name, v) => parts.push(`${name}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const walk = (prefix, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k, child] of Object.entries(v)) walk(`${prefix}[${k}]`, child);
    else if (Array.isArray(v)) for (const item of v) leaf(prefix, item);
    else leaf(prefix, v);
  };
  for (const [name, v] of Object.entries(value ?? {})) {
    const prop = deref(doc, schema.properties?.[name] ?? {});
    if (Array.isArray(v)) {
      const brackets =
        media.encoding?.[name]?.['x-array-format'] === 'brackets' && deref(doc, prop.items ?? {}).format !== 'binary';
      for (const item of v) leaf(brackets ? `${name}[]` : name, item);
    } else if (v && typeof v === 'object') walk(name, v);
    else leaf(name, v);
  }
  return parts;
}

/** A code sample's caption: its first comment line (`# …` or `// …`), which says what the sample does. */
export function sampleCaption(source) {
  const first = String(source)
    .split('\n')
    .find((line) => /^\s*(#|\/\/)\s/.test(line) && !/^#!/.test(line));
  return first ? first.replace(/^\s*(#|\/\/)\s*/, '').trim() : '';
}

/**
 * One operation as Markdown: what it does, its parameters, its multipart fields by wire name, request
 * examples, responses, errors, samples. `errorsMarkdown(opRows)` replaces the full error table (the HTML page
 * links to the catalog instead).
 */
export function operationMarkdown(doc, { operationId, method, path, op }, rows, { errorsMarkdown } = {}) {
  const out = [`# ${op.summary ?? operationId}`, '', `\`${method} ${path}\` · operationId \`${operationId}\``, ''];
  out.push((op.description ?? '').trim(), '');
  const scheme = Object.keys((op.security ?? doc.security ?? [])[0] ?? {})[0];
  const sec = scheme ? doc.components?.securitySchemes?.[scheme] : undefined;
  if (sec) out.push('## Authentication', '', `\`${sec.name}\` (${sec.in}): ${sec.description ?? ''}`.trim(), '');
  const params = (op.parameters ?? []).map((p) => deref(doc, p));
  if (params.length) {
    out.push('## Parameters', '', '| name | in | required | description |', '| --- | --- | --- | --- |');
    for (const p of params)
      out.push(`| \`${p.name}\` | ${p.in} | ${p.required ? 'yes' : 'no'} | ${cell(p.description ?? '')} |`);
    out.push('');
  }
  const media = op.requestBody?.content?.['multipart/form-data'];
  if (media) {
    out.push('## Request body (`multipart/form-data`)', '');
    out.push(
      'One part per field, named as below (bracket notation). Never set `Content-Type` by hand: the boundary must come from your HTTP library.',
      '',
    );
    out.push('| part name | value | required | description |', '| --- | --- | --- | --- |');
    for (const f of requestParts(doc, op)) {
      out.push(`| \`${f.wire}\` | ${cell(f.kind)} | ${f.required} | ${cell(f.description.trim())} |`);
    }
    out.push('');
    const examples = Object.values(media.examples ?? {});
    if (examples.length) {
      out.push('## Request examples', '', 'Each example below is the parts a request sends, one line per part.', '');
      for (const ex of examples) {
        out.push(`### ${ex.summary ?? 'Example'}`, '');
        if (ex.description) out.push(ex.description.trim(), '');
        out.push('```text', ...exampleParts(doc, media, ex.value), '```', '');
      }
    }
  }
  out.push('## Responses', '');
  for (const [status, raw] of Object.entries(op.responses ?? {})) {
    if (!/^2\d\d$/.test(status)) continue;
    const response = deref(doc, raw);
    const json = response.content?.['application/json'];
    out.push(`### ${status}`, '', response.description ?? '', '');
    if (json?.example) out.push('```json', JSON.stringify(json.example, null, 2), '```', '');
  }
  const opRows = rows.filter((r) => r.operationId === operationId);
  out.push(
    '### Errors',
    '',
    `Every error is \`{status, type, title, detail?, instance?}\`. The ${opRows.length} (status, type) pairs of this operation:`,
    '',
  );
  out.push(errorsMarkdown ? errorsMarkdown(opRows) : catalogTable(opRows), '');
  for (const sample of op['x-codeSamples'] ?? []) {
    const fence = /typescript/i.test(sample.lang) ? 'ts' : 'sh';
    const caption = sampleCaption(sample.source);
    out.push(
      `## Example: ${sample.label ?? sample.lang}`,
      '',
      ...(caption ? [`${caption}`, ''] : []),
      `\`\`\`${fence}`,
      String(sample.source).trimEnd(),
      '```',
      '',
    );
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** llms.txt (llmstxt.org): title, summary, then link lists to the Markdown pages. */
export function llmsTxt(doc, guides) {
  const lines = [`# ${doc.info.title}`, '', `> ${doc.info.summary ?? ''}`.trimEnd(), ''];
  lines.push(
    `Version ${doc.info.version}. Base URL ${doc.servers?.[0]?.url ?? ''}. Bodies are multipart/form-data in bracket notation; errors are JSON envelopes with a \`type\`. Every page below is Markdown generated from the OpenAPI document.`,
    '',
  );
  lines.push('## Guides', '');
  for (const g of guides) lines.push(`- [${g.title}](${g.file}): ${g.summary}`);
  lines.push('', '## API reference', '');
  for (const { operationId, method, path, op } of operations(doc)) {
    lines.push(`- [${operationId}](operations/${operationId}.md): \`${method} ${path}\`, ${op.summary ?? ''}`);
  }
  lines.push(
    '- [Error catalog](errors.md): every (operation, status, type) with its meaning and whether the client retries it',
  );
  lines.push(
    '',
    '## Optional',
    '',
    '- [OpenAPI document](openapi.json): the bundled OpenAPI 3.1 document the site is built from',
  );
  return `${lines.join('\n')}\n`;
}
