// The one source of every sample: each request example of the operations model, turned into the
// request it stands for (method, filled path, query and header pairs, body as parts or JSON) and
// the answer it gets (the success response and its example). Every language renders from this.

/** A request the model cannot turn into a sample (an example naming a field no part carries…). */
export class SampleError extends Error {
  name = 'SampleError';
}

/** The file a sample attaches where an operation takes one, by the part's accepted media type. */
const SAMPLE_FILES = [
  { accepts: /^audio\//, file: 'voice.m4a', contentType: 'audio/mp4' },
  { accepts: /^video\//, file: 'video.mp4', contentType: 'video/mp4' },
  { accepts: /^image\//, file: 'photo.png', contentType: 'image/png' },
  { accepts: /^(application\/octet-stream|\*\/\*|application\/pdf)?$/, file: 'cv.pdf', contentType: 'application/pdf' },
];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value for `schema` when the spec gives no example: its own example, default, first enum value, or a typed stand-in. */
export function sampleValue(schema = {}, name = 'value') {
  if (schema.examples?.length) return schema.examples[0];
  for (const key of ['example', 'default', 'const']) if (schema[key] !== undefined) return schema[key];
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return sampleValue(variant, name);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sampleValue(part, name)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
    case 'boolean':
      return true;
    case 'array':
      return [sampleValue(schema.items, name)];
    case 'object':
    case undefined: {
      if (!schema.properties) return type ? {} : `${name}`;
      const out = {};
      for (const key of schema.required ?? []) out[key] = sampleValue(schema.properties[key], key);
      return out;
    }
    default:
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (schema.format === 'date') return '2026-01-01';
      return `${name}`;
  }
}

/** How a value travels as text (query, header, multipart part): booleans lowercase, numbers plain. */
export function wireText(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  throw new SampleError(`cannot send ${JSON.stringify(value)} as text`);
}

/** Query pairs for one parameter, per OpenAPI's style and explode. */
function queryPairs(parameter, value) {
  const { name, style, explode } = parameter;
  if (Array.isArray(value)) {
    if (style === 'form' && explode) return value.map((item) => [name, wireText(item)]);
    const separator = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' }[style];
    if (!separator) throw new SampleError(`query parameter ${name}: style ${style} for an array`);
    return [[name, value.map(wireText).join(separator)]];
  }
  if (isObject(value)) {
    if (style === 'deepObject') return Object.entries(value).map(([key, v]) => [`${name}[${key}]`, wireText(v)]);
    if (style === 'form' && explode) return Object.entries(value).map(([key, v]) => [key, wireText(v)]);
    if (style === 'form') return [[name, Object.entries(value).flat().map(wireText).join(',')]];
    throw new SampleError(`query parameter ${name}: style ${style} for an object`);
  }
  return [[name, wireText(value)]];
}

/** The parts of a multipart body, in the example's own order, from the model's part list. */
function multipartParts(operation, value) {
  const { parts } = operation.requestBody.multipart;
  const out = [];
  const walk = (node, path) => {
    for (const [key, item] of Object.entries(node)) {
      const at = [...path, key];
      const part = parts.find((p) => p.path.length === at.length && p.path.every((segment, i) => segment === at[i]));
      if (part) {
        for (const one of part.repeated ? item : [item]) {
          if (part.kind === 'file') throw new SampleError(`${operation.operationId}: an example cannot hold a file`);
          out.push({ name: part.name, value: wireText(one) });
        }
      } else if (isObject(item)) walk(item, at);
      else throw new SampleError(`${operation.operationId}: the example's ${at.join('.')} is no part of the body`);
    }
  };
  walk(value, []);
  return out;
}

/** The part a "with a file" sample fills: an any-type file part first, else the first file part. */
function filePart(operation) {
  const files = operation.requestBody?.multipart?.parts.filter((p) => p.kind === 'file' && p.path.length === 1) ?? [];
  const any = files.find((p) => !p.contentType || p.contentType === 'application/octet-stream');
  const part = any ?? files[0];
  if (!part) return undefined;
  const sample = SAMPLE_FILES.find((f) => f.accepts.test(part.contentType ?? ''));
  if (!sample) return { part, file: 'file.bin', contentType: part.contentType };
  return { part, ...sample };
}

const successOf = (operation) => {
  const success = operation.responses.find((r) => r.success);
  if (!success) throw new SampleError(`${operation.operationId} documents no success response`);
  return success;
};

/**
 * Every sample request of the model: one per request example (an operation without examples gets
 * one built from its required fields' and parameters' schemas, named `minimal`), plus, for an
 * operation taking files, its richest example (the most parts) with a file attached (`<example>WithFile`):
 * the one the docs show first, as it shows the most of the wire format at once.
 */
export function sampleRequests(model) {
  const out = [];
  for (const operation of model.operations) {
    const body = operation.requestBody;
    const examples = body?.examples?.length
      ? body.examples
      : [
          {
            name: body ? 'minimal' : 'default',
            summary: undefined,
            value: body ? sampleValue(body.schema) : undefined,
          },
        ];
    const requests = examples.map((example) => build(model, operation, example));
    const file = filePart(operation);
    if (file) {
      const size = (r) => r.body?.parts?.length ?? 0;
      const first = requests.reduce((best, r) => (size(r) > size(best) ? r : best));
      const name = `${first.example}WithFile`;
      out.push(...requests, {
        ...first,
        example: name,
        summary: `${first.summary}, with ${file.file} attached`,
        body: {
          ...first.body,
          parts: [...first.body.parts, { name: file.part.name, file: file.file, contentType: file.contentType }],
        },
        params: {
          ...first.params,
          [file.part.name]: file.part.repeated
            ? [{ $file: file.file, contentType: file.contentType }]
            : { $file: file.file, contentType: file.contentType },
        },
        files: [file.file],
      });
    } else out.push(...requests);
  }
  return out;
}

function build(model, operation, example) {
  const values = {};
  const pathArgs = [];
  const query = [];
  const headers = [];
  for (const parameter of operation.parameters) {
    const given = parameter.examples?.[0];
    // Optional parameters appear only where the spec gives them an example.
    if (!parameter.required && !given) continue;
    const value = given ? given.value : sampleValue(parameter.schema, parameter.name);
    if (parameter.in === 'path') pathArgs.push(wireText(value));
    else {
      values[parameter.name] = value;
      if (parameter.in === 'query') query.push(...queryPairs(parameter, value));
      else headers.push([parameter.name, wireText(value)]);
    }
  }
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathArgs[index++]));
  const body = operation.requestBody;
  let request;
  if (!body) request = null;
  else if (body.multipart) request = { kind: 'multipart', parts: multipartParts(operation, example.value) };
  else request = { kind: 'json', mediaType: body.mediaType, value: example.value };
  const success = successOf(operation);
  const answer = success.examples[0]?.value;
  if (body && !isObject(example.value) && Object.keys(values).length) {
    throw new SampleError(`${operation.operationId}: a body that is no object cannot share the params with parameters`);
  }
  const names = new Set([...Object.keys(values), ...(isObject(example.value) ? Object.keys(example.value) : [])]);
  if (isObject(example.value) && names.size !== Object.keys(values).length + Object.keys(example.value).length) {
    throw new SampleError(`${operation.operationId}: a parameter and a body field share a name`);
  }
  return {
    operationId: operation.operationId,
    operationSummary: operation.summary,
    example: example.name,
    summary: example.summary ?? operation.summary,
    method: operation.method,
    path,
    pathArgs,
    query,
    headers,
    apiKeyHeader: operation.security[0]?.name,
    baseUrl: model.api.servers[0]?.url ?? 'http://localhost',
    body: request,
    // The client's call shape: body fields, query and header parameters in one object, by spec name.
    params: isObject(example.value) || !body ? { ...values, ...(example.value ?? {}) } : example.value,
    files: [],
    answer: {
      status: success.status,
      statusText: success.statusText,
      mediaType: success.mediaType,
      body: success.mediaType ? answer : undefined,
    },
  };
}
