// One operation of the operations model → its reference page (HTML, two columns on wide screens),
// its Markdown twin, its error catalog page and its search entries. Every fact comes from the model
// (packages/openapi/schema/operations.schema.json documents each field); nothing here reads the bundle.
import {
  constraintText,
  fieldTree,
  idPart,
  mergeAllOf,
  parameterNode,
  requiredText,
  show,
  walkFields,
} from './fields.mjs';
import { breakable, escapeHtml, inlineCode, plainText, typeCode } from './render-html.mjs';

const errorSlug = (type) => idPart(type.replace(/^errors\//, ''));
/** The anchor of an error type on its operation's page. */
export const errorId = (status, type) => `error-${status}-${errorSlug(type)}`;
/** The anchor of an error type's row on its operation's catalog page. */
export const catalogRowId = (status, type) => `${status}-${errorSlug(type)}`;
const slugLang = (lang) => idPart(String(lang).toLowerCase());
/** A sample's Markdown fence: the short names readers' tools know. */
const FENCE = { typescript: 'ts', shell: 'sh', curl: 'sh', javascript: 'js', python: 'py', ruby: 'rb' };

/** A code sample's caption: its first comment line (`# …` or `// …`), which says what the sample does. */
export function sampleCaption(source) {
  const first = String(source)
    .split('\n')
    .find((line) => /^\s*(#|\/\/)\s/.test(line) && !/^#!/.test(line));
  return first ? first.replace(/^\s*(#|\/\/)\s*/, '').trim() : '';
}

const shellQuote = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;

/**
 * A curl command built from the operation's own examples, for an operation the spec gives no sample:
 * path parameters, required or exemplified query and header parameters, the first body example.
 */
export function curlFromModel(op, api) {
  const exampleOf = (p) => p.examples[0]?.value ?? p.schema?.examples?.[0];
  let path = op.path;
  const query = [];
  const headers = [];
  for (const p of op.parameters) {
    const value = exampleOf(p);
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(show(value ?? p.name.toUpperCase())));
    else if (value === undefined && !p.required) continue;
    else if (p.in === 'query')
      for (const v of Array.isArray(value) ? value : [value ?? p.name.toUpperCase()])
        query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(show(v))}`);
    else if (p.in === 'header') headers.push(`${p.name}: ${show(value ?? p.name.toUpperCase())}`);
  }
  const base = api.servers[0]?.url ?? 'https://api.example.com';
  const lines = [
    `# ${op.summary || op.operationId} (built from the spec's examples)`,
    `curl --request ${op.method} \\`,
    `  --url "\${POSTPRESS_BASE_URL:-${base}}${path}${query.length ? `?${query.join('&')}` : ''}" \\`,
    ...op.security.slice(0, 1).map((s) => `  --header "${s.name}: $POSTPRESS_API_KEY" \\`),
    ...headers.map((h) => `  --header ${shellQuote(h)} \\`),
  ];
  const body = op.requestBody;
  const example = body?.examples[0];
  if (body?.multipart && example) {
    for (const [name, value] of Object.entries(example.wireValue ?? {}))
      for (const v of Array.isArray(value) ? value : [value])
        lines.push(`  --form ${shellQuote(`${name}=${show(v)}`)} \\`);
  } else if (body && example) {
    lines.push(`  --header ${shellQuote(`Content-Type: ${body.mediaType}`)} \\`);
    lines.push(`  --data ${shellQuote(JSON.stringify(example.value))} \\`);
  }
  lines[lines.length - 1] = lines[lines.length - 1].replace(/ \\$/, '');
  return `${lines.join('\n')}\n`;
}

/** A multipart example as the parts it sends, one `name=value` line per part, from the model's `wireValue`. */
export function exampleParts(example) {
  const lines = [];
  for (const [name, value] of Object.entries(example.wireValue ?? {}))
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}=${show(v)}`);
  return lines;
}

/** The error responses' common body shape: fields every error response shares, without per-status `const`/`enum`. */
function errorEnvelope(op) {
  const errors = op.responses.filter((r) => !r.success && r.schema && r.errors.length);
  if (!errors.length) return null;
  const shapes = errors.map((r) => mergeAllOf(r.schema));
  const keyOf = (s) => JSON.stringify(Object.keys(s?.properties ?? {}).sort());
  const key = keyOf(shapes[0]);
  const members = errors.filter((_, i) => keyOf(shapes[i]) === key);
  // The description all of them share (the envelope's own), not any one status's.
  const descriptions = (r) =>
    new Set([r.schema.description, ...(r.schema.allOf ?? []).map((m) => m?.description)].filter(Boolean));
  const shared = [...descriptions(members[0])].find((d) => members.every((r) => descriptions(r).has(d)));
  const properties = {};
  for (const [name, prop] of Object.entries(shapes[0].properties ?? {})) {
    const { const: _c, enum: _e, 'x-enumDescriptions': _d, ...rest } = prop;
    properties[name] = rest;
  }
  const schema = { type: 'object', required: shapes[0].required ?? [], properties };
  return {
    statuses: new Set(members.map((r) => r.status)),
    description: (shared ?? '').trim(),
    tree: fieldTree(schema, { idPrefix: 'error-envelope' }),
    example: members.flatMap((r) => r.examples)[0] ?? null,
  };
}

/** What the client call looks like: `client.getThing(thing_id, params?)`. */
function clientCall(op) {
  const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const others = op.parameters.filter((p) => p.in !== 'path');
  const bodySchema = op.requestBody ? mergeAllOf(op.requestBody.schema) : null;
  const hasParams = Boolean(op.requestBody) || others.length > 0;
  const paramsRequired =
    others.some((p) => p.required) ||
    (op.requestBody?.required &&
      (bodySchema?.type !== 'object' || (bodySchema.required ?? []).length > 0 || bodySchema.minProperties > 0));
  const args = [...pathParams, ...(hasParams ? [paramsRequired ? 'params' : 'params?'] : [])];
  return `client.${op.operationId}(${args.join(', ')})`;
}

/** Everything an operation's page shows, computed once from the model. */
export function operationView(op, api, generated) {
  const body = op.requestBody;
  const parameters = op.parameters.map((p) => ({ param: p, node: parameterNode(p) }));
  const envelope = errorEnvelope(op);
  // One tab per language (@postpress/samples, generated from the model: every request example, run
  // against the mock in its tests), then any sample the spec itself carries (x-codeSamples).
  // Per language, the operation's primary sample (the one showing the most: a Recruiter chat with a
  // follow-up and a file); every other example is in the Markdown twin and in packages/samples/generated.
  const mine = generated?.samples.filter((g) => g.operationId === op.operationId) ?? [];
  const primary = mine.find((g) => g.primary);
  const samples = [
    ...(primary ? generated.languages : []).map((language) => ({
      id: slugLang(language.id),
      label: language.label,
      lang: language.id,
      examples: [{ caption: primary.summary, source: primary.code[language.id] }],
      others: mine.filter((g) => g !== primary).map((g) => ({ caption: g.summary, source: g.code[language.id] })),
      generated: false,
    })),
    ...op.codeSamples.map((s) => ({
      id: slugLang(s.lang),
      label: s.label || s.lang,
      lang: s.lang,
      examples: [{ caption: sampleCaption(s.source), source: s.source }],
      others: [],
      generated: false,
    })),
  ];
  if (samples.length === 0) {
    const source = curlFromModel(op, api);
    samples.push({
      id: 'shell',
      label: 'curl',
      lang: 'shell',
      examples: [{ caption: sampleCaption(source), source }],
      others: [],
      generated: true,
    });
  }
  return {
    op,
    api,
    parameters,
    body: body && {
      ...body,
      tree: fieldTree(body.schema, { idPrefix: 'body', parts: body.multipart?.parts ?? null }),
    },
    responses: op.responses.map((r) => ({
      ...r,
      id: `response-${r.status}`,
      headerNodes: r.headers.map(
        (h) =>
          fieldTree(
            {
              type: 'object',
              properties: { [h.name]: { ...h.schema, description: h.description } },
              required: h.required ? [h.name] : [],
            },
            { idPrefix: `response-${r.status}.header` },
          ).fields[0],
      ),
      usesEnvelope: Boolean(envelope?.statuses.has(r.status)),
      tree:
        r.schema && !envelope?.statuses.has(r.status)
          ? fieldTree(r.schema, { idPrefix: `response-${r.status}` })
          : null,
    })),
    envelope,
    samples,
    clientCall: clientCall(op),
  };
}

// ---------------------------------------------------------------- HTML

const STATUS_CLASS = (status) => `status-${String(status)[0]}xx`;

function constraintsHtml(node) {
  if (!node.constraints.length) return '';
  const items = node.constraints.map((c) => {
    const values = c.values ? `: ${c.values.map((v) => `<code>${breakable(show(v))}</code>`).join(', ')}` : '';
    return `<li>${escapeHtml(c.text)}${values}</li>`;
  });
  return `<ul class="rules" aria-label="Rules">${items.join('')}</ul>`;
}

function wireHtml(node) {
  // A plain top-level part named like its field needs no second mention.
  const plain =
    node.wire.length === 1 && node.wire[0].name === node.key && node.wire[0].kind === 'text' && !node.wire[0].repeated;
  if (!node.wire.length || plain) return '';
  const parts = node.wire.map((w) => {
    const name = `<code class="wire-name">${breakable(w.name)}</code>`;
    if (w.kind === 'object') return `parts ${name}, one per value sent`;
    const what = w.kind === 'file' ? 'file part' : 'part';
    const many = w.repeated ? `, one ${w.kind === 'file' ? 'per file' : 'per item'}` : '';
    const type = w.kind === 'file' && w.contentType ? ` (${escapeHtml(w.contentType)})` : '';
    return `${what} ${name}${many}${type}`;
  });
  return `<p class="wire"><span class="wire-label">On the wire:</span> ${parts.join('; ')}</p>`;
}

function fieldHtml(node, render, level) {
  const req = requiredText(node);
  const reqClass = node.required ? (node.requiredIn ? 'req-in' : 'req-yes') : 'req-no';
  const name = node.key ? `<code>${breakable(node.key)}</code>` : '<span>the whole body</span>';
  const head = `<div class="field-head"><a class="self field-name" href="#${node.id}">${name}</a> <span class="field-type">${escapeHtml(node.type)}</span> <span class="field-req ${reqClass}">${escapeHtml(req)}</span></div>`;
  const meanings = node.enumMeanings
    ? `<dl class="enum-meanings">${Object.entries(node.enumMeanings)
        .map(([v, m]) => `<div><dt>${inlineCode(v)}</dt><dd>${render.inline(m)}</dd></div>`)
        .join('')}</dl>`
    : '';
  const examples = node.examples.length
    ? `<p class="example">Example${node.examples.length > 1 ? 's' : ''}: ${node.examples.map((v) => `<code>${breakable(show(v))}</code>`).join(', ')}</p>`
    : '';
  const serial = node.serialization
    ? `<p class="serial">Send a list: <code>${breakable(node.serialization.replace(/^[^:]+: /, ''))}</code> (${escapeHtml(node.serialization.split(':')[0])})</p>`
    : '';
  const children = node.children.length
    ? `<ul class="fields">${node.children.map((c) => fieldHtml(c, render, level)).join('')}</ul>`
    : '';
  const variants = node.variants ? variantsHtml(node, render, level) : '';
  return `<li class="field" id="${node.id}" data-pointer="${escapeHtml(node.pointer)}">${head}<div class="field-body">${wireHtml(node)}${node.description ? `<div class="desc">${render.markdown(node.description)}</div>` : ''}${meanings}${constraintsHtml(node)}${examples}${serial}${children}${variants}</div></li>`;
}

/** Named alternatives: plain sections without JavaScript; site.js turns them into tabs (one shown at a time). */
function variantsHtml(node, render, level) {
  const names = node.variants.map((v) => v.label);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0];
  const told = node.discriminator ? `, told apart by <code>${escapeHtml(node.discriminator.name)}</code>` : '';
  const exclusive = node.variantKeyword === 'oneOf' ? 'exactly one of' : 'one or more of';
  const lead = `<p class="variants-lead">${node.key ? `<code>${breakable(node.key)}</code> takes ` : 'Takes '}${exclusive} ${names.length} shapes${told}: ${escapeHtml(list)}.</p>`;
  const sections = node.variants.map((v) => {
    const when = v.when
      ? ` <span class="variant-when">(<code>${escapeHtml(v.when.name)}</code>: <code>${escapeHtml(show(v.when.value))}</code>)</span>`
      : '';
    const fields = v.children.length
      ? `<ul class="fields">${v.children.map((c) => fieldHtml(c, render, level + 1)).join('')}</ul>`
      : '';
    const nested = v.variants ? variantsHtml(v, render, level + 1) : '';
    return `<section class="variant" id="${v.id}" data-variant data-label="${escapeHtml(v.label)}" data-pointer="${escapeHtml(v.pointer)}" aria-labelledby="${v.id}-title"><p class="variant-title" role="heading" aria-level="${Math.min(6, level)}" id="${v.id}-title"><a class="self" href="#${v.id}">${escapeHtml(v.label)}</a>${when}</p>${v.description ? `<div class="desc">${render.markdown(v.description)}</div>` : ''}${fields}${nested}</section>`;
  });
  return `<div class="variants" data-variants data-name="${escapeHtml(node.key || 'body')}">${lead}${sections.join('')}</div>`;
}

const fieldsHtml = (nodes, render, level = 4) =>
  `<ul class="fields">${nodes.map((n) => fieldHtml(n, render, level)).join('')}</ul>`;

/** Request samples as language tabs (site.js remembers the choice across pages); stacked sections without JavaScript. */
function samplesHtml(view, render) {
  const panels = view.samples.map(
    (s) =>
      `<section class="sample" data-tab="${escapeHtml(s.id)}" data-label="${escapeHtml(s.label)}" aria-label="${escapeHtml(s.label)} sample">${s.generated ? '<p class="note">Built from the spec\'s examples.</p>' : ''}${s.examples.map((ex) => `${ex.caption ? `<p class="sample-caption">${escapeHtml(ex.caption)}</p>` : ''}${render.code(ex.source, s.lang, s.label)}`).join('')}</section>`,
  );
  return `<div class="samples" data-lang-tabs>${panels.join('')}</div>`;
}

function requestExamplesHtml(view, render) {
  const body = view.body;
  if (!body?.examples.length) return '';
  const blocks = body.examples.map((ex) => {
    const code = body.multipart
      ? render.code(exampleParts(ex).join('\n'), 'text', 'Parts')
      : render.code(JSON.stringify(ex.value, null, 2), 'json', body.mediaType);
    return `<div class="example-block"><p class="example-title">${escapeHtml(ex.summary ?? ex.name)}</p>${ex.description ? render.markdown(ex.description) : ''}${code}</div>`;
  });
  const lead = body.multipart ? '<p class="note">Each example as the parts it sends, one line per part.</p>' : '';
  return `<h2 id="request-examples"><a class="self" href="#request-examples">Request body examples</a></h2>${lead}${blocks.join('')}`;
}

function responseExamplesHtml(r, render) {
  if (r.mediaType === null) return '<p class="note">No body.</p>';
  if (!r.examples.length) return '<p class="note">The spec gives no example of this response.</p>';
  return r.examples
    .map(
      (ex) =>
        `<div class="example-block">${r.examples.length > 1 || ex.summary ? `<p class="example-title">${escapeHtml(ex.summary ?? ex.name)}</p>` : ''}${render.code(JSON.stringify(ex.value, null, 2), 'json', `${r.status} ${r.mediaType}`)}</div>`,
    )
    .join('');
}

function errorsHtml(r, render, op) {
  if (!r.errors.length) return '';
  const items = r.errors.map(
    (e) =>
      `<div class="error" id="${errorId(r.status, e.type)}"><dt><a class="self" href="#${errorId(r.status, e.type)}">${typeCode(e.type)}</a></dt><dd><span class="etitle">${escapeHtml(e.title)}.</span> ${render.inline(e.meaning)}</dd></div>`,
  );
  return `<h4 class="sub">Error types <span class="count">(${r.errors.length})</span></h4><dl class="errors">${items.join('')}</dl><p class="note">Each type with its meaning and what to do; also in <a href="../errors/${op.operationId}.html?status=${r.status}">the catalog of ${escapeHtml(op.operationId)}</a>, filterable.</p>`;
}

function responseHtml(r, view, render) {
  const retry = r.success
    ? ''
    : r.retryable
      ? '<p class="retry retry-yes"><strong>Retryable</strong> (<code>x-retryable</code>): the API did not act on the request. <code>@postpress/client</code> retries it with backoff, waiting as long as <code>Retry-After</code> asks.</p>'
      : '<p class="retry retry-no">Not retried by <code>@postpress/client</code>: the request may have had an effect.</p>';
  const headers = r.headerNodes.length ? `<h4 class="sub">Headers</h4>${fieldsHtml(r.headerNodes, render, 5)}` : '';
  let bodyHtml;
  if (r.mediaType === null) bodyHtml = '<p>No body.</p>';
  else if (r.usesEnvelope)
    bodyHtml = `<h4 class="sub">Body <code>${escapeHtml(r.mediaType)}</code></h4><p>The <a href="#error-envelope">error envelope</a>.</p>${r.schema?.description ? `<div class="desc">${render.markdown(r.schema.description)}</div>` : ''}`;
  else if (r.tree)
    bodyHtml = `<h4 class="sub">Body <code>${escapeHtml(r.mediaType)}</code></h4>${r.tree.root.description && r.tree.root.description !== r.description ? `<div class="desc">${render.markdown(r.tree.root.description)}</div>` : ''}${fieldsHtml(r.tree.fields, render, 5)}${r.tree.root.variants ? variantsHtml({ ...r.tree.root, key: '' }, render, 5) : ''}`;
  else bodyHtml = `<h4 class="sub">Body <code>${escapeHtml(r.mediaType)}</code></h4>`;
  const pagination =
    r.success && view.op.pagination && r.tree
      ? `<p class="note">One page: the items are in <code>${escapeHtml(view.op.pagination.itemsField)}</code>; pass <code>${escapeHtml(view.op.pagination.nextCursorField)}</code> as the <code>${escapeHtml(view.op.pagination.cursorParameter)}</code> parameter for the next page.</p>`
      : '';
  return `<section class="op-row response" id="${r.id}" data-status="${r.status}" aria-labelledby="${r.id}-title">
<div class="op-main">
<h3 id="${r.id}-title"><a class="self" href="#${r.id}"><span class="status ${STATUS_CLASS(r.status)}">${r.status}</span> ${escapeHtml(r.statusText)}</a></h3>
${r.description ? `<div class="desc">${render.markdown(r.description)}</div>` : ''}
${retry}${headers}${bodyHtml}${pagination}${errorsHtml(r, render, view.op)}
</div>
<div class="op-aside"><div class="sticky"><p class="aside-title">Example response</p>${responseExamplesHtml(r, render)}</div></div>
</section>`;
}

function envelopeHtml(view, render) {
  const env = view.envelope;
  if (!env) return '';
  const example = env.example
    ? render.code(JSON.stringify(env.example.value, null, 2), 'json', 'application/json')
    : '';
  return `<section class="op-row response" id="error-envelope" aria-labelledby="error-envelope-title">
<div class="op-main">
<h3 id="error-envelope-title"><a class="self" href="#error-envelope">The error envelope</a></h3>
${env.description ? `<div class="desc">${render.markdown(env.description)}</div>` : ''}
<p>Every error response below has this body. Branch on <code>status</code> and <code>type</code>; each status lists its types.</p>
${fieldsHtml(env.tree.fields, render, 5)}
</div>
<div class="op-aside"><div class="sticky"><p class="aside-title">Example error</p>${example}</div></div>
</section>`;
}

function tocHtml(view) {
  const items = [['request-samples', 'Request samples']];
  if (view.parameters.length) items.push(['parameters', 'Parameters']);
  if (view.body) items.push(['request-body', 'Request body']);
  const statuses = view.responses
    .map(
      (r) =>
        `<li><a href="#${r.id}"><span class="status ${STATUS_CLASS(r.status)}">${r.status}</span> ${escapeHtml(r.statusText)}</a></li>`,
    )
    .join('');
  return `<nav class="toc" aria-labelledby="toc-title"><p class="toc-title" id="toc-title">On this page</p><ol>${items
    .map(([id, text]) => `<li><a href="#${id}">${text}</a></li>`)
    .join(
      '',
    )}<li><a href="#responses">Responses</a><ol class="toc-statuses">${statuses}${view.envelope ? '<li><a href="#error-envelope">Error envelope</a></li>' : ''}</ol></li></ol></nav>`;
}

/** The operation's reference page (the `<main>` content). */
export function operationHtml(view, render) {
  const { op } = view;
  const security = op.security.length
    ? `<p class="auth"><strong>Authentication:</strong> your API key in the <code>${escapeHtml(op.security[0].name)}</code> header (<a href="../guides/authentication.html">how</a>).</p>`
    : '<p class="auth">No authentication.</p>';
  const pagination = op.pagination
    ? `<p><strong>Pages:</strong> pass the previous page's <code>${escapeHtml(op.pagination.nextCursorField)}</code> as <code>${escapeHtml(op.pagination.cursorParameter)}</code>; <code>client.${escapeHtml(op.operationId)}.all(params)</code> walks every page for you (<code>for await</code>).</p>`
    : '';
  const byIn = ['path', 'query', 'header']
    .map((where) => [where, view.parameters.filter((p) => p.param.in === where)])
    .filter(([, ps]) => ps.length);
  const params = byIn.length
    ? `<section aria-labelledby="parameters"><h2 id="parameters"><a class="self" href="#parameters">Parameters</a></h2>${byIn
        .map(
          ([where, ps]) =>
            `<h3 class="sub">${where === 'path' ? 'Path' : where === 'query' ? 'Query' : 'Header'} parameters</h3><ul class="fields params">${ps
              .map(({ param, node }) =>
                fieldHtml(node, render, 4).replace(
                  '<li class="field"',
                  `<li class="field" data-param="${param.in}:${escapeHtml(param.name)}"`,
                ),
              )
              .join('')}</ul>`,
        )
        .join('')}</section>`
    : '';
  const body = view.body;
  const bodyLead = body
    ? body.multipart
      ? `<p><code>multipart/form-data</code>${body.required ? ', required' : ''}. One part per value, named as shown under each field (bracket notation: <code>name[]</code> once per item, <code>name[key]</code> for nested fields). Never set <code>Content-Type</code> by hand: your HTTP library writes the boundary. <a href="../guides/wire-format.html">The wire format</a>.</p>`
      : `<p><code>${escapeHtml(body.mediaType)}</code>${body.required ? ', required' : ''}.</p>`
    : '';
  const bodyHtml = body
    ? `<section aria-labelledby="request-body" data-schema="request"><h2 id="request-body"><a class="self" href="#request-body">Request body</a></h2>${bodyLead}${body.description ? render.markdown(body.description) : ''}${body.tree.root.description ? `<div class="desc">${render.markdown(body.tree.root.description)}</div>` : ''}${fieldsHtml(body.tree.fields, render)}${body.tree.root.variants ? variantsHtml({ ...body.tree.root, key: '' }, render, 4) : ''}</section>`
    : '<section aria-labelledby="request-body"><h2 id="request-body"><a class="self" href="#request-body">Request body</a></h2><p>None: this operation takes no body.</p></section>';
  const tags = op.tags.length ? `<p class="op-tags">${op.tags.map(escapeHtml).join(' · ')}</p>` : '';
  const successes = view.responses.filter((r) => r.success);
  const failures = view.responses.filter((r) => !r.success);
  return `<div class="op" data-operation="${escapeHtml(op.operationId)}">
<header class="op-head">${tags}<h1>${escapeHtml(op.summary || op.operationId)}</h1>
<p class="op-line"><span class="method method-${op.method.toLowerCase()}">${op.method}</span> <code class="op-path">${breakable(op.path)}</code></p>
<p class="op-meta">operationId <code>${escapeHtml(op.operationId)}</code> · with <code>@postpress/client</code>: <code>${breakable(view.clientCall)}</code>${op.deprecated ? ' · <strong>deprecated</strong>' : ''}</p>
</header>
<div class="op-row op-request">
<div class="op-intro">
${render.markdown(op.description)}
${security}${pagination}
${tocHtml(view)}
</div>
<div class="op-aside op-aside-request"><div class="sticky" role="region" tabindex="0" aria-labelledby="request-samples"><h2 id="request-samples" class="aside-title"><a class="self" href="#request-samples">Request samples</a></h2>${samplesHtml(view, render)}${requestExamplesHtml(view, render)}</div></div>
<div class="op-fields">${params}${bodyHtml}</div>
</div>
<h2 id="responses" class="responses-title"><a class="self" href="#responses">Responses</a></h2>
<p>${view.responses.length} documented response${view.responses.length === 1 ? '' : 's'}: ${view.responses.map((r) => `<a href="#${r.id}">${r.status}</a>`).join(', ')}.${failures.length ? ` Errors are JSON <a href="#error-envelope">envelopes</a> with a <code>type</code>; <a href="../guides/errors-and-retries.html">handling them</a>.` : ''}</p>
${successes.map((r) => responseHtml(r, view, render)).join('\n')}
${envelopeHtml(view, render)}
${failures.map((r) => responseHtml(r, view, render)).join('\n')}
<p class="see-also">See also: the <a href="../errors/${op.operationId}.html">error catalog of ${escapeHtml(op.operationId)}</a> (filterable), <a href="../guides/errors-and-retries.html">errors and retries</a>, <a href="../guides/wire-format.html">the multipart wire format</a>.</p>
</div>`;
}

// ---------------------------------------------------------------- Markdown twin

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const mdCode = (v) => `\`${show(v).replaceAll('`', "'")}\``;

function fieldMarkdown(node, indent = '') {
  const facts = [
    node.type,
    requiredText(node),
    ...node.constraints.map((c) => (c.values ? `${c.text}: ${c.values.map(mdCode).join(', ')}` : c.text)),
  ];
  const wire = node.wire.length
    ? ` On the wire: ${node.wire.map((w) => `${mdCode(w.name)}${w.repeated ? (w.kind === 'file' ? ' (one file part per file)' : ' (one part per item)') : w.kind === 'file' ? ' (file part)' : ''}`).join(', ')}.`
    : '';
  const examples = node.examples.length ? ` Example: ${node.examples.map(mdCode).join(', ')}.` : '';
  const serial = node.serialization ? ` List: ${node.serialization}.` : '';
  const desc = node.description ? ` ${node.description.replace(/\s*\n\s*/g, ' ')}` : '';
  const lines = [
    `${indent}- ${node.key ? mdCode(node.key) : 'the whole body'} (${facts.join('; ')}).${wire}${desc}${examples}${serial}`,
  ];
  if (node.enumMeanings)
    for (const [v, m] of Object.entries(node.enumMeanings)) lines.push(`${indent}  - ${mdCode(v)}: ${m}`);
  for (const c of node.children) lines.push(fieldMarkdown(c, `${indent}  `));
  if (node.variants) lines.push(...variantsMarkdown(node, `${indent}  `));
  return lines.join('\n');
}

function variantsMarkdown(node, indent) {
  const lines = [
    `${indent}- ${node.variantKeyword === 'oneOf' ? 'Exactly one of' : 'One or more of'} these shapes${node.discriminator ? `, told apart by ${mdCode(node.discriminator.name)}` : ''}:`,
  ];
  for (const v of node.variants) {
    const when = v.when ? ` (${mdCode(v.when.name)}: ${mdCode(v.when.value)})` : '';
    lines.push(
      `${indent}  - **${v.label}**${when}${v.description ? `: ${v.description.replace(/\s*\n\s*/g, ' ')}` : ''}`,
    );
    for (const c of v.children) lines.push(fieldMarkdown(c, `${indent}    `));
    if (v.variants) lines.push(...variantsMarkdown(v, `${indent}    `));
  }
  return lines;
}

/** The catalog rows of one operation: `{ status, statusText, type, title, meaning, retryable }`. */
export const errorRows = (op) =>
  op.responses.flatMap((r) =>
    r.errors.map((e) => ({ status: r.status, statusText: r.statusText, retryable: r.retryable, ...e })),
  );

/** An operation's errors as a Markdown table. */
export function errorTable(rows) {
  const lines = ['| status | type | meaning | client retries |', '| --- | --- | --- | --- |'];
  for (const r of rows)
    lines.push(
      `| ${r.status} ${r.statusText} | \`${r.type}\` | ${cell(r.meaning)} | ${r.retryable ? 'yes (backoff, `Retry-After`)' : 'no'} |`,
    );
  return lines.join('\n');
}

/** The operation as Markdown: everything the HTML page says, for programs and llms.txt. */
export function operationMarkdown(view) {
  const { op, api } = view;
  const out = [
    `# ${op.summary || op.operationId}`,
    '',
    `\`${op.method} ${op.path}\` · operationId \`${op.operationId}\` · API version ${api.version} · with \`@postpress/client\`: \`${view.clientCall}\``,
    '',
    op.description,
    '',
  ];
  if (op.security.length)
    out.push('## Authentication', '', `Your API key in the \`${op.security[0].name}\` header.`, '');
  if (op.pagination)
    out.push(
      '## Pages',
      '',
      `Pass the previous page's \`${op.pagination.nextCursorField}\` as \`${op.pagination.cursorParameter}\`; the items are in \`${op.pagination.itemsField}\`. \`client.${op.operationId}.all(params)\` walks every page.`,
      '',
    );
  if (view.parameters.length) {
    out.push('## Parameters', '');
    for (const { param, node } of view.parameters)
      out.push(fieldMarkdown({ ...node, key: `${param.name}` }).replace(/^- /, `- (${param.in}) `));
    out.push('');
  }
  out.push('## Request body', '');
  if (view.body) {
    out.push(
      view.body.multipart
        ? `\`multipart/form-data\`${view.body.required ? ', required' : ''}. One part per value, named as given under "On the wire" (bracket notation). Never set \`Content-Type\` by hand: the boundary must come from your HTTP library.`
        : `\`${view.body.mediaType}\`${view.body.required ? ', required' : ''}.`,
      '',
    );
    if (view.body.tree.root.description) out.push(view.body.tree.root.description, '');
    for (const node of view.body.tree.fields) out.push(fieldMarkdown(node));
    if (view.body.tree.root.variants) out.push(...variantsMarkdown(view.body.tree.root, ''));
    out.push('');
    if (view.body.examples.length) {
      out.push('## Request body examples', '');
      for (const ex of view.body.examples) {
        out.push(`### ${ex.summary ?? ex.name}`, '');
        if (ex.description) out.push(ex.description, '');
        if (view.body.multipart) out.push('```text', ...exampleParts(ex), '```', '');
        else out.push('```json', JSON.stringify(ex.value, null, 2), '```', '');
      }
    }
  } else out.push('None.', '');
  out.push('## Responses', '');
  if (view.envelope) {
    out.push('### The error envelope', '', view.envelope.description, '');
    for (const node of view.envelope.tree.fields) out.push(fieldMarkdown(node));
    out.push('');
  }
  for (const r of view.responses) {
    out.push(`### ${r.status} ${r.statusText}`, '', r.description, '');
    if (!r.success)
      out.push(
        r.retryable
          ? 'Retryable (`x-retryable`): `@postpress/client` retries it.'
          : 'Not retried by `@postpress/client`.',
        '',
      );
    if (r.headerNodes.length) {
      out.push('Headers:', '');
      for (const h of r.headerNodes) out.push(fieldMarkdown(h));
      out.push('');
    }
    if (r.mediaType === null) out.push('No body.', '');
    else if (r.usesEnvelope)
      out.push(`Body: the error envelope (\`${r.mediaType}\`). ${r.schema?.description ?? ''}`.trim(), '');
    else if (r.tree) {
      out.push(`Body (\`${r.mediaType}\`):`, '');
      if (r.tree.root.description) out.push(r.tree.root.description, '');
      for (const node of r.tree.fields) out.push(fieldMarkdown(node));
      out.push('');
    }
    if (r.errors.length) out.push(errorTable(errorRows({ responses: [r] })), '');
    for (const ex of r.examples)
      out.push(
        `Example${ex.summary ? ` (${ex.summary})` : ''}:`,
        '',
        '```json',
        JSON.stringify(ex.value, null, 2),
        '```',
        '',
      );
  }
  out.push('## Samples', '');
  for (const s of view.samples) {
    out.push(`### ${s.label}`, '');
    for (const ex of [...s.examples, ...s.others]) {
      if (ex.caption) out.push(ex.caption, '');
      out.push(`\`\`\`${FENCE[s.lang.toLowerCase()] ?? s.lang.toLowerCase()}`, ex.source.trimEnd(), '```', '');
    }
  }
  out.push(
    '---',
    '',
    `See also: the [error catalog of ${op.operationId}](../errors/${op.operationId}.md); the [multipart wire format](../guides/wire-format.md); [errors and retries](../guides/errors-and-retries.md); the [quick start](../guides/quick-start.md).`,
  );
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

// ---------------------------------------------------------------- the error catalog of one operation

/**
 * The catalog page of one operation: one row per (status, type), filterable by text and status (JavaScript).
 * Each type links to where the operation page explains it, beside an example.
 */
export function catalogHtml(op, render) {
  const rows = errorRows(op);
  const statuses = [...new Set(rows.map((r) => r.status))];
  const trs = rows.map((r) => {
    const id = catalogRowId(r.status, r.type);
    const onPage = `../operations/${op.operationId}.html`;
    return `<tr id="${id}" data-status="${r.status}"><td data-label="Status"><a href="${onPage}#response-${r.status}">${r.status}</a></td><td data-label="Type"><a href="${onPage}#${errorId(r.status, r.type)}">${typeCode(r.type)}</a></td><td data-label="Meaning">${render.inline(r.meaning)}</td><td data-label="Client retries" class="retry-${r.retryable ? 'yes' : 'no'}">${r.retryable ? 'yes' : 'no'}</td></tr>`;
  });
  const filters = `<form class="filters" data-catalog-filter hidden>
<div><label for="filter-text">Filter by type or meaning</label><input id="filter-text" type="search" autocomplete="off"></div>
<div><label for="filter-status">Status</label><select id="filter-status"><option value="">All</option>${statuses.map((s) => `<option>${s}</option>`).join('')}</select></div>
<p id="filter-count" role="status" aria-live="polite"></p>
</form>`;
  return `<h1>Errors of ${escapeHtml(op.operationId)}</h1>
<p><code>${op.method} ${breakable(op.path)}</code> · ${rows.length} (status, type) pairs · <a href="../operations/${op.operationId}.html">the ${escapeHtml(op.operationId)} reference</a> · <a href="../errors.html">every operation's errors</a>.</p>
<p>Every error is a JSON envelope <code>{status, type, title, detail?, instance?}</code>. "Client retries" is the spec's <code>x-retryable</code>: <code>@postpress/client</code> retries those with backoff and <code>Retry-After</code>, and nothing else. <a href="../guides/errors-and-retries.html">Errors and retries</a>.</p>
${filters}
<div class="table"><table class="cards catalog">
<caption class="sr-only">Errors of ${escapeHtml(op.operationId)}</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Type</th><th scope="col">Meaning</th><th scope="col">Client retries</th></tr></thead>
<tbody>
${trs.join('\n')}
</tbody></table></div>`;
}

export function catalogMarkdown(op) {
  const rows = errorRows(op);
  return `# Errors of ${op.operationId}\n\n\`${op.method} ${op.path}\`: ${rows.length} (status, type) pairs. The [${op.operationId} reference](../operations/${op.operationId}.md); [errors and retries](../guides/errors-and-retries.md).\n\n${errorTable(rows)}\n`;
}

// ---------------------------------------------------------------- search

/** Search entries of an operation page: its parameters, fields, responses and error types, each with its anchor. */
export function operationSearch(view) {
  const { op } = view;
  const page = `operations/${op.operationId}.html`;
  const entries = [
    {
      t: op.summary || op.operationId,
      w: `${op.method} ${op.path}`,
      x: `${op.operationId}. ${plainText(op.description)}`,
      u: page,
    },
  ];
  const facts = (node) => [node.type, requiredText(node), ...node.constraints.map(constraintText)].join(', ');
  for (const { param, node } of view.parameters)
    entries.push({
      t: param.name,
      w: `${param.in} parameter of ${op.operationId}`,
      x: `${facts(node)}. ${plainText(node.description)}`,
      u: `${page}#${node.id}`,
    });
  if (view.body) {
    for (const { node, variantPath } of walkFields(view.body.tree.fields)) {
      const wire = node.wire.map((w) => w.name);
      entries.push({
        t: wire[0] && !wire[0].endsWith('[…]') ? wire[0] : node.path.join('.'),
        w: `Request field of ${op.operationId}${variantPath.length ? ` (${variantPath.join(', ')})` : ''}`,
        x: `${node.path.join('.')}: ${facts(node)}. ${plainText(node.description)}`,
        u: `${page}#${node.id}`,
      });
    }
  }
  for (const { node } of walkFields(view.envelope?.tree.fields ?? []))
    entries.push({
      t: node.key,
      w: `Error envelope field of ${op.operationId}`,
      x: `${facts(node)}. ${plainText(node.description)}`,
      u: `${page}#${node.id}`,
    });
  for (const r of view.responses) {
    entries.push({
      t: `${r.status} ${r.statusText}`,
      w: `Response of ${op.operationId}`,
      x: plainText(r.description),
      u: `${page}#${r.id}`,
    });
    for (const h of r.headerNodes)
      entries.push({
        t: h.key,
        w: `Header of the ${r.status} response of ${op.operationId}`,
        x: plainText(h.description),
        u: `${page}#${h.id}`,
      });
    for (const { node } of walkFields(r.tree?.fields ?? []))
      entries.push({
        t: node.path.join('.'),
        w: `Field of the ${r.status} response of ${op.operationId}`,
        x: `${facts(node)}. ${plainText(node.description)}`,
        u: `${page}#${node.id}`,
      });
    for (const e of r.errors)
      entries.push({
        t: e.type,
        w: `Error ${r.status} of ${op.operationId}`,
        x: plainText(e.meaning),
        u: `${page}#${errorId(r.status, e.type)}`,
      });
  }
  return entries;
}
