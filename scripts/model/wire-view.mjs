// The canonical bundle + its operations model → the wire view (dist/openapi.wire.{json,yaml}): the
// same API with every multipart body described part by part as it travels (the model's
// `wireSchema`), for generic tools (generators, Prism, Postman) that read neither `x-array-format`
// nor deepObject in a body; and every error schema flat, declaring `status` once (generators such as
// openapi-python-client drop an `allOf` that redeclares a property: the error would come back untyped).
import { child, lookup, ModelError, pointer } from './refs.mjs';

const MULTIPART = 'multipart/form-data';

function refsIn(node, into = new Set()) {
  if (Array.isArray(node)) for (const x of node) refsIn(x, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else refsIn(v, into);
    }
  }
  return into;
}

/**
 * `allOf: [{$ref: ErrorEnvelope}, {properties: {status: {const}, type: {enum}}}]` → one object schema:
 * the envelope's properties with the operation's narrower `status` and `type` in their place.
 */
function flatError(wire, schema, at) {
  if (!Array.isArray(schema?.allOf)) return schema;
  const { allOf, ...own } = schema;
  const out = { ...own, type: 'object', required: [], properties: {} };
  for (const [i, member] of allOf.entries()) {
    const part = member.$ref ? { ...lookup(wire, member.$ref, child(at, 'allOf', i)), ...member } : member;
    if (part.allOf || (part.type && part.type !== 'object'))
      throw new ModelError(child(at, 'allOf', i), 'an error schema part must be a plain object schema');
    for (const [name, property] of Object.entries(part.properties ?? {})) {
      const merged = { ...out.properties[name], ...property };
      // The envelope's example (`errors/limit_exceeded`) is not one of a narrower enum's values.
      if ('const' in property || 'enum' in property) delete merged.examples;
      if (property.examples) merged.examples = property.examples;
      out.properties[name] = merged;
    }
    out.required = [...new Set([...out.required, ...(part.required ?? [])])];
    if (part.additionalProperties !== undefined) out.additionalProperties = part.additionalProperties;
  }
  delete out.$ref;
  // `const` states the value; the type keyword lets typed generators declare the field.
  for (const property of Object.values(out.properties)) {
    if ('const' in property && !property.type)
      property.type = Number.isInteger(property.const) ? 'integer' : typeof property.const;
  }
  return out;
}

/** The wire view of a canonical bundle (a new object; `doc` and `model` are not changed). */
export function toWireView(doc, model) {
  const wire = structuredClone(doc);
  const bodies = [];
  for (const operation of model.operations) {
    const body = operation.requestBody;
    const op = wire.paths[operation.path][operation.method.toLowerCase()];
    const bodyAt = pointer('paths', operation.path, operation.method.toLowerCase(), 'requestBody');
    if (body?.multipart) {
      const requestBody = op.requestBody.$ref ? { ...lookup(wire, op.requestBody.$ref, bodyAt) } : op.requestBody;
      const media = requestBody.content[MULTIPART];
      const encoding = {};
      // Repeated parts are `form`/`explode` (Prism then validates them as an array); Prism rejects
      // reserved characters (`/`, `[`, `+`…) in any part that has an encoding entry. No `contentType`:
      // Postman would send `audio/*` as a file's type, and generators wrap a text part that has one in
      // a Blob; the accepted media type is in the part's description.
      for (const part of body.multipart.parts)
        if (part.repeated) encoding[part.name] = { style: 'form', explode: true, allowReserved: true };
      const converted = {
        schema: body.multipart.wireSchema,
        ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
      };
      const named = body.examples.filter((ex) => ex.name !== 'default' || media.examples);
      if (media.example !== undefined) converted.example = body.examples.find((ex) => ex.name === 'default')?.wireValue;
      if (media.examples) {
        converted.examples = Object.fromEntries(
          named.map(({ name, summary, description, wireValue }) => [
            name,
            { ...(summary ? { summary } : {}), ...(description ? { description } : {}), value: wireValue },
          ]),
        );
      }
      if (media.schema?.$ref) {
        // The body's own component becomes its wire form; the media type keeps pointing at it.
        bodies.push([media.schema.$ref, converted.schema]);
        converted.schema = { $ref: media.schema.$ref };
      }
      requestBody.content[MULTIPART] = converted;
      op.requestBody = requestBody;
    }
    for (const response of operation.responses) {
      if (response.errors.length === 0) continue;
      const responseAt = pointer('paths', operation.path, operation.method.toLowerCase(), 'responses', response.status);
      const raw = op.responses[response.status];
      const resolved = raw.$ref ? lookup(wire, raw.$ref, responseAt) : raw;
      const media = Object.values(resolved.content ?? {})[0];
      const ref = media?.schema?.$ref;
      if (ref) {
        const segments = ref.slice(2).split('/');
        const name = segments.pop().replaceAll('~1', '/').replaceAll('~0', '~');
        const holder = lookup(wire, `#/${segments.join('/')}`, responseAt);
        holder[name] = flatError(wire, holder[name], ref);
      } else if (media?.schema) media.schema = flatError(wire, media.schema, child(responseAt, 'content'));
    }
  }
  for (const [ref, schema] of bodies) {
    const segments = ref.slice(2).split('/');
    const name = segments.pop().replaceAll('~1', '/').replaceAll('~0', '~');
    lookup(wire, `#/${segments.join('/')}`, ref)[name] = schema;
  }
  // Schemas only the nested bodies or the error parts used (LinkedinRecruiterOptions, ErrorEnvelope…) go.
  const schemas = wire.components?.schemas ?? {};
  for (let removed = true; removed; ) {
    removed = false;
    const used = refsIn({ ...wire, components: { ...wire.components, schemas: undefined } });
    for (const [name, schema] of Object.entries(schemas)) {
      const self = pointer('components', 'schemas', name);
      for (const ref of refsIn(schema)) if (ref !== self) used.add(ref);
    }
    for (const name of Object.keys(schemas)) {
      if (!used.has(pointer('components', 'schemas', name))) {
        delete schemas[name];
        removed = true;
      }
    }
  }
  wire.info = {
    ...wire.info,
    title: `${wire.info.title} (wire view)`,
    description: [
      'This is the **wire view** of the postpress API, generated by `scripts/bundle-spec.mjs` from the',
      'canonical bundle (`openapi.json`) and its operations model: do not edit it. Every `multipart/form-data`',
      'body is described part by part as it travels: each property is named with its wire name (`attendees_ids[]`,',
      '`linkedin[api]`, `linkedin[follow_up][scheduled_time][days]`), a repeated part is an array under that name,',
      'a file is a `format: binary` part under its plain name (`attachments`, `voice_message`). Every error',
      'schema is one flat object. Use it with generic tools (code generators, Prism, Postman); typed SDKs and',
      'docs use the canonical `openapi.json`.',
      '',
      (doc.info?.description ?? '').trim(),
    ].join('\n'),
  };
  return wire;
}
