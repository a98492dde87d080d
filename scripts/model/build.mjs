// The bundled OpenAPI document → the operations model (packages/openapi/dist/operations.json,
// described by packages/openapi/schema/operations.schema.json): every fact of every operation that
// the client, mock, MCP server, docs, recordings and tests need, derived here once, in one
// dereferencing pass. Nothing downstream follows a `$ref` or reads `x-…` extensions again.
import { STATUS_CODES } from 'node:http';
import { multipartOf, wireValue } from './multipart.mjs';
import { child, deref, inline, ModelError, pointer } from './refs.mjs';

export const MODEL_VERSION = 1;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const MULTIPART = 'multipart/form-data';
const isJson = (mediaType) => /^application\/([\w.+-]*\+)?json$/i.test(mediaType);

/** OpenAPI's default `style` and `explode` of a parameter, by where it goes. */
const DEFAULT_STYLE = { path: 'simple', query: 'form', header: 'simple' };
/** The serializations the client and mock implement, per location. */
const STYLES = {
  path: ['simple'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
};

/** `errors/limit_exceeded` → `Limit exceeded`: the title of an error type the spec gives no example of. */
export function humanise(type) {
  const words = type.replace(/^errors\//, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Named examples of a media type or parameter, as a list: `example` becomes one named `default`. */
function examplesOf(doc, holder, at) {
  if (holder.examples && typeof holder.examples === 'object' && !Array.isArray(holder.examples)) {
    return Object.entries(holder.examples).map(([name, ex]) => {
      const { value } = deref(doc, ex, child(at, 'examples', name));
      return {
        name,
        ...(value.summary ? { summary: value.summary } : {}),
        ...(value.description ? { description: value.description.trim() } : {}),
        value: inline(doc, value.value, child(at, 'examples', name, 'value')),
      };
    });
  }
  return holder.example === undefined
    ? []
    : [{ name: 'default', value: inline(doc, holder.example, child(at, 'example')) }];
}

function parameterOf(doc, node, at) {
  const { value: p, at: where } = deref(doc, node, at);
  if (p.in === 'cookie') throw new ModelError(where, `cookie parameter \`${p.name}\`: the pipeline sends no cookies`);
  if (!DEFAULT_STYLE[p.in]) throw new ModelError(where, `parameter \`${p.name}\` has no known location (in: ${p.in})`);
  if (p.content) throw new ModelError(where, `parameter \`${p.name}\` uses \`content\`: give it a \`schema\``);
  const style = p.style ?? DEFAULT_STYLE[p.in];
  if (!STYLES[p.in].includes(style))
    throw new ModelError(child(where, 'style'), `\`style: ${style}\` is not supported for ${p.in} parameters`);
  return {
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : p.required === true,
    description: (p.description ?? '').trim(),
    deprecated: p.deprecated === true,
    schema: inline(doc, p.schema ?? {}, child(where, 'schema')),
    style,
    explode: p.explode ?? style === 'form',
    examples: examplesOf(doc, p, where),
  };
}

/** The single media type of a `content` map, or refuses: every body and response here has one. */
function onlyMedia(content, at) {
  const entries = Object.entries(content ?? {});
  if (entries.length > 1)
    throw new ModelError(at, `${entries.length} media types (${entries.map(([m]) => m).join(', ')}): give one`);
  return entries[0];
}

function requestBodyOf(doc, node, at) {
  const { value: body, at: where } = deref(doc, node, at);
  const found = onlyMedia(body.content, child(where, 'content'));
  if (!found) throw new ModelError(child(where, 'content'), 'a request body needs a media type');
  const [mediaType, media] = found;
  const mediaAt = child(where, 'content', mediaType);
  const base = {
    required: body.required === true,
    description: (body.description ?? '').trim(),
    mediaType,
    schema: inline(doc, media.schema ?? {}, child(mediaAt, 'schema')),
  };
  const examples = examplesOf(doc, media, mediaAt);
  if (mediaType === MULTIPART) {
    const { fields, parts, wireSchema } = multipartOf(doc, media, mediaAt);
    return {
      ...base,
      examples: examples.map((ex) => ({ ...ex, wireValue: wireValue(ex.value, fields) })),
      multipart: { fields, parts, wireSchema },
    };
  }
  if (!isJson(mediaType)) {
    throw new ModelError(
      mediaAt,
      `request body media type ${mediaType}: the pipeline sends multipart/form-data or JSON`,
    );
  }
  return { ...base, examples };
}

/** Where a response's error types are listed: the `type` enum of its schema or of one of its `allOf` parts. */
function typeEnumOf(schema) {
  for (const s of [schema, ...(schema?.allOf ?? [])]) {
    const type = s?.properties?.type;
    if (Array.isArray(type?.enum)) return type;
  }
  return undefined;
}

function responseOf(doc, code, node, at) {
  if (!/^[1-5]\d\d$/.test(code)) throw new ModelError(at, `response \`${code}\`: give each status its own response`);
  const { value: r, at: where } = deref(doc, node, at);
  const status = Number(code);
  const found = onlyMedia(r.content, child(where, 'content'));
  const [mediaType, media] = found ?? [null, {}];
  const schema = found ? inline(doc, media.schema ?? {}, child(where, 'content', mediaType, 'schema')) : null;
  const examples = found ? examplesOf(doc, media, child(where, 'content', mediaType)) : [];
  const headers = Object.entries(r.headers ?? {}).map(([name, h]) => {
    const { value: header, at: hAt } = deref(doc, h, child(where, 'headers', name));
    return {
      name,
      description: (header.description ?? '').trim(),
      required: header.required === true,
      schema: inline(doc, header.schema ?? {}, child(hAt, 'schema')),
    };
  });
  const errors = [];
  if (status >= 400) {
    const types = typeEnumOf(schema);
    if (types) {
      const meanings = types['x-enumDescriptions'] ?? {};
      for (const type of types.enum) {
        const example = examples.find((ex) => ex.value?.type === type)?.value;
        errors.push({
          type,
          title: typeof example?.title === 'string' ? example.title : humanise(type),
          meaning: (meanings[type] ?? '').trim(),
        });
      }
    }
  }
  return {
    status,
    statusText: STATUS_CODES[status] ?? '',
    description: (r.description ?? '').trim(),
    success: status >= 200 && status < 300,
    retryable: r['x-retryable'] === true,
    headers,
    mediaType,
    schema,
    examples,
    errors,
  };
}

/**
 * How a list operation pages: `x-pagination` on the operation, or by convention a `cursor` query
 * parameter and a success body with an `items` array and a `cursor` for the next page.
 */
function paginationOf(op, parameters, responses, at) {
  const explicit = op['x-pagination'];
  const success = responses.find((r) => r.success && r.schema);
  const pagination = explicit
    ? {
        cursorParameter: explicit.cursorParameter ?? 'cursor',
        itemsField: explicit.itemsField ?? 'items',
        nextCursorField: explicit.nextCursorField ?? 'cursor',
      }
    : { cursorParameter: 'cursor', itemsField: 'items', nextCursorField: 'cursor' };
  const query = parameters.find((p) => p.in === 'query' && p.name === pagination.cursorParameter);
  const props = success?.schema?.properties ?? {};
  const pages = query && props[pagination.itemsField]?.type === 'array' && props[pagination.nextCursorField];
  if (pages) return pagination;
  if (explicit)
    throw new ModelError(child(at, 'x-pagination'), 'x-pagination names a parameter or field the operation lacks');
  return null;
}

function securityOf(doc, requirements) {
  return (requirements ?? []).flatMap((requirement) =>
    Object.keys(requirement).map((scheme) => {
      const at = pointer('components', 'securitySchemes', scheme);
      const { value: s } = deref(doc, doc.components?.securitySchemes?.[scheme], at);
      if (!s) throw new ModelError(at, `security scheme ${scheme} is not defined`);
      if (s.type !== 'apiKey' || s.in !== 'header')
        throw new ModelError(at, `security scheme ${scheme}: only API keys in a header are supported`);
      return { scheme, type: s.type, in: s.in, name: s.name };
    }),
  );
}

const rank = (p, templated) => (p.in === 'path' ? templated.indexOf(p.name) : templated.length);

function operationOf(doc, path, method, item, op) {
  const at = pointer('paths', path, method);
  if (!op.operationId) throw new ModelError(at, 'the operation has no operationId');
  const byKey = new Map();
  for (const [i, p] of (item.parameters ?? []).entries()) {
    const param = parameterOf(doc, p, pointer('paths', path, 'parameters', i));
    byKey.set(`${param.in}:${param.name}`, param);
  }
  for (const [i, p] of (op.parameters ?? []).entries()) {
    const param = parameterOf(doc, p, child(at, 'parameters', i));
    byKey.set(`${param.in}:${param.name}`, param);
  }
  const parameters = [...byKey.values()];
  const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const name of templated) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name))
      throw new ModelError(at, `path parameter {${name}} is not declared`);
  }
  for (const p of parameters) {
    if (p.in === 'path' && !templated.includes(p.name))
      throw new ModelError(at, `path parameter \`${p.name}\` is not in the path ${path}`);
  }
  // Path parameters first, in the order the path names them; then the others as declared.
  parameters.sort((a, b) => rank(a, templated) - rank(b, templated));
  const responses = Object.entries(op.responses ?? {})
    .map(([code, r]) => responseOf(doc, code, r, child(at, 'responses', code)))
    .sort((a, b) => a.status - b.status);
  if (!responses.some((r) => r.success))
    throw new ModelError(child(at, 'responses'), 'the operation documents no 2xx response');
  return {
    operationId: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: (op.summary ?? '').trim(),
    description: (op.description ?? '').trim(),
    tags: op.tags ?? [],
    deprecated: op.deprecated === true,
    security: securityOf(doc, op.security ?? doc.security),
    parameters,
    requestBody: op.requestBody ? requestBodyOf(doc, op.requestBody, child(at, 'requestBody')) : null,
    responses,
    pagination: paginationOf(op, parameters, responses, at),
    codeSamples: (op['x-codeSamples'] ?? []).map((s) => ({ lang: s.lang, label: s.label ?? s.lang, source: s.source })),
  };
}

/** The operations model of a bundled (local `$ref`s only) OpenAPI 3.1 document. */
export function buildModel(doc) {
  const operations = [];
  const ids = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of Object.keys(item)) {
      if (['parameters', 'summary', 'description', 'servers'].includes(method)) continue;
      if (!METHODS.includes(method))
        throw new ModelError(
          pointer('paths', path, method),
          `method ${method}: the pipeline handles ${METHODS.join(', ')}`,
        );
    }
    for (const method of METHODS) {
      if (!item[method]) continue;
      const operation = operationOf(doc, path, method, item, item[method]);
      const twin = ids.get(operation.operationId);
      if (twin)
        throw new ModelError(
          pointer('paths', path, method, 'operationId'),
          `operationId ${operation.operationId} is also ${twin}`,
        );
      ids.set(operation.operationId, `${operation.method} ${path}`);
      operations.push(operation);
    }
  }
  const info = doc.info ?? {};
  return {
    modelVersion: MODEL_VERSION,
    api: {
      title: info.title ?? '',
      version: info.version ?? '',
      summary: (info.summary ?? '').trim(),
      description: (info.description ?? '').trim(),
      servers: (doc.servers ?? []).map((s) => ({ url: s.url, description: s.description ?? '' })),
      tags: (doc.tags ?? []).map((t) => ({ name: t.name, description: (t.description ?? '').trim() })),
    },
    operations,
  };
}
