// House rules for spec/ and one decorator, as a Redocly plugin. Built-in rules cover OpenAPI
// itself; these cover what must always hold in *this* API (see redocly.yaml).
const ENVELOPE = /(^|\/)ErrorEnvelope(\.yaml)?$/;

/** Every operation has operationId, summary, description, tags and security. */
function OperationComplete() {
  return {
    Operation(op, { report, location }) {
      for (const key of ['operationId', 'summary', 'description', 'tags', 'security']) {
        const value = op[key];
        if (value === undefined || (Array.isArray(value) && value.length === 0) || value === '') {
          report({ message: `Operation is missing \`${key}\`.`, location: location.child(key).key() });
        }
      }
    },
  };
}

/** Every 4xx/5xx response is the error envelope, with `status` fixed to its code and typed `type`s. */
function ErrorEnvelope() {
  return {
    Response(response, { report, location, resolve, key }) {
      const code = String(key);
      if (!/^[45]\d\d$/.test(code)) return;
      const schemaRef = response.content?.['application/json']?.schema;
      if (!schemaRef) {
        report({ message: `Error response ${code} has no application/json schema.`, location });
        return;
      }
      const schema = resolve(schemaRef).node ?? {};
      const parts = schema.allOf ?? [];
      if (!parts.some((p) => typeof p.$ref === 'string' && ENVELOPE.test(p.$ref))) {
        report({ message: `Error response ${code} must use the envelope (allOf: [$ref: ErrorEnvelope]).`, location });
      }
      const own = parts.find((p) => p.properties?.status);
      if (own?.properties.status.const !== Number(code)) {
        report({ message: `Error response ${code} must fix \`status\` to ${code} (const).`, location });
      }
      const type = own?.properties?.type;
      const described = type?.['x-enumDescriptions'] ?? {};
      if (!Array.isArray(type?.enum) || type.enum.length === 0) {
        report({ message: `Error response ${code} must list its error types as an enum.`, location });
        return;
      }
      for (const t of type.enum) {
        if (typeof described[t] !== 'string' || described[t].trim() === '') {
          report({ message: `Error type ${t} (${code}) needs a description in x-enumDescriptions.`, location });
        }
      }
      for (const t of Object.keys(described)) {
        if (!type.enum.includes(t))
          report({ message: `x-enumDescriptions names ${t}, which is not in the enum.`, location });
      }
    },
  };
}

/** Multipart bodies state their wire format: an encoding for every field, brackets for string arrays, deepObject for objects. */
function MultipartEncoding() {
  return {
    MediaTypesMap(map, { report, location, resolve }) {
      const media = map['multipart/form-data'];
      if (!media) return;
      const at = location.child(['multipart/form-data', 'encoding']);
      const schema = resolve(media.schema).node ?? {};
      const encoding = media.encoding ?? {};
      for (const [name, propRef] of Object.entries(schema.properties ?? {})) {
        const prop = resolve(propRef).node ?? {};
        const enc = encoding[name];
        if (!enc) {
          report({ message: `Multipart field \`${name}\` has no encoding entry.`, location: at });
          continue;
        }
        const items = prop.items ? resolve(prop.items).node : undefined;
        if (
          prop.type === 'array' &&
          items?.type === 'string' &&
          items.format !== 'binary' &&
          enc['x-array-format'] !== 'brackets'
        ) {
          report({
            message: `String array \`${name}\` must declare \`x-array-format: brackets\` (sent as \`${name}[]\`).`,
            location: at.child(name),
          });
        }
        const isObject = prop.type === 'object' || Array.isArray(prop.oneOf);
        if (isObject && (enc.style !== 'deepObject' || enc.explode !== true)) {
          report({
            message: `Object \`${name}\` must be encoded with \`style: deepObject, explode: true\`.`,
            location: at.child(name),
          });
        }
      }
      for (const name of Object.keys(encoding)) {
        if (!(name in (schema.properties ?? {})))
          report({ message: `Encoding names \`${name}\`, which is not a field.`, location: at.child(name).key() });
      }
    },
  };
}

/**
 * Redoc CE does not render `x-enumDescriptions`: append them to the schema's description as a
 * table, so rendered docs and generated JSDoc show each error type's meaning.
 */
function EnumDescriptionsTable() {
  const done = new WeakSet();
  return {
    Schema: {
      leave(schema) {
        const described = schema['x-enumDescriptions'];
        if (!described || done.has(schema)) return;
        done.add(schema);
        const rows = Object.entries(described).map(([value, text]) => `| \`${value}\` | ${text} |`);
        const table = ['| type | meaning |', '| --- | --- |', ...rows].join('\n');
        schema.description = schema.description ? `${schema.description.trimEnd()}\n\n${table}` : table;
      },
    },
  };
}

module.exports = function housePlugin() {
  return {
    id: 'house',
    rules: {
      oas3: {
        'operation-complete': OperationComplete,
        'error-envelope': ErrorEnvelope,
        'multipart-encoding': MultipartEncoding,
      },
    },
    decorators: { oas3: { 'enum-descriptions-table': EnumDescriptionsTable } },
  };
};
