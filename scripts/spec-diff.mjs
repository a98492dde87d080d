// Classifies every difference between two bundled OpenAPI 3.1 documents as a major, minor or patch
// change, reading each schema in the direction it travels (docs/VERSIONING.md states the rules).
// Hand-written: api-smart-diff (the one pure-JS diff tool that installs here) only claims OpenAPI 3.0
// and calls a changed response type or a removed request field non-breaking, against our policy.

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ANNOTATIONS = new Set([
  'description',
  'title',
  'summary',
  'example',
  'examples',
  'x-enumDescriptions',
  '$comment',
]);
const HANDLED = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'items',
  'oneOf',
  'anyOf',
  'allOf',
  'additionalProperties',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'pattern',
  'format',
  'default',
  'deprecated',
]);
const RANK = { patch: 0, minor: 1, major: 2 };

/** The highest bump among `changes` ('none' when there is none). */
export function requiredBump(changes) {
  return changes.reduce((top, c) => (top === 'none' || RANK[c.bump] > RANK[top] ? c.bump : top), 'none');
}

/**
 * Every change from `before` to `after`, each `{ bump, where, path, message }`.
 * `where` names the operation and part ("POST /api/v1/chats request"), `path` the field inside it.
 */
export function diffSpecs(before, after) {
  const changes = [];
  const seen = new Set();
  const add = (bump, where, path, message) => {
    const key = `${where}|${path}|${message}`;
    if (!seen.has(key)) changes.push({ bump, where, path, message });
    seen.add(key);
  };
  const ops = (doc) => {
    const out = new Map();
    for (const [route, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) if (item[method]) out.set(`${method.toUpperCase()} ${route}`, [item, item[method]]);
    }
    return out;
  };
  const beforeOps = ops(before);
  const afterOps = ops(after);
  for (const [name, [, op]] of beforeOps) {
    if (!afterOps.has(name)) add('major', name, '', `operation ${op.operationId ?? name} removed`);
  }
  for (const [name, [, op]] of afterOps) {
    if (!beforeOps.has(name)) add('minor', name, '', `operation ${op.operationId ?? name} added`);
  }
  for (const [name, [itemB, opB]] of beforeOps) {
    if (!afterOps.has(name)) continue;
    const [itemA, opA] = afterOps.get(name);
    const ctx = { before, after, add, stack: new Set() };
    compareOperation(ctx, name, itemB, opB, itemA, opA);
  }
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'paths' || key === 'components' || key === 'openapi') continue;
    if (!same(before[key], after[key])) add(key === 'info' ? 'patch' : 'minor', key, '', `${key} changed`);
  }
  return changes;
}

function compareOperation(ctx, name, itemB, opB, itemA, opA) {
  const { add } = ctx;
  if (!same(opB.security, opA.security)) add('major', name, '', 'security requirements changed');
  if (!opB.deprecated && opA.deprecated) add('minor', name, '', 'operation deprecated');
  for (const key of ['summary', 'description', 'tags', 'operationId']) {
    if (!same(opB[key], opA[key])) add(key === 'operationId' ? 'major' : 'patch', name, '', `${key} changed`);
  }
  const modelled = [
    'parameters',
    'requestBody',
    'responses',
    'security',
    'deprecated',
    'summary',
    'description',
    'tags',
    'operationId',
  ];
  for (const key of new Set([...Object.keys(opB), ...Object.keys(opA)])) {
    // Anything else on an operation (x-codeSamples, externalDocs) is documentation.
    if (!modelled.includes(key) && !same(opB[key], opA[key])) add('patch', name, '', `${key} changed`);
  }

  const params = (doc, item, op) => {
    const out = new Map();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((x) => deref(doc, x))) {
      out.set(`${p.in} ${p.name}`, p);
    }
    return out;
  };
  const pB = params(ctx.before, itemB, opB);
  const pA = params(ctx.after, itemA, opA);
  const req = `${name} request`;
  for (const [key, p] of pB) {
    const q = pA.get(key);
    if (!q) {
      add('major', req, key, 'parameter removed');
      continue;
    }
    if (!p.required && q.required) add('major', req, key, 'parameter became required');
    if (p.required && !q.required) add('minor', req, key, 'parameter became optional');
    compareSchema(ctx, p.schema, q.schema, 'request', req, key, false);
  }
  for (const [key, q] of pA) if (!pB.has(key)) add(q.required ? 'major' : 'minor', req, key, 'parameter added');

  const bodyB = deref(ctx.before, opB.requestBody);
  const bodyA = deref(ctx.after, opA.requestBody);
  if (bodyB || bodyA) {
    if (!bodyB) add(bodyA.required ? 'major' : 'minor', req, 'body', 'request body added');
    else if (!bodyA) add('major', req, 'body', 'request body removed');
    else {
      if (!bodyB.required && bodyA.required) add('major', req, 'body', 'request body became required');
      compareContent(ctx, bodyB.content, bodyA.content, 'request', req, false);
    }
  }

  const rB = opB.responses ?? {};
  const rA = opA.responses ?? {};
  for (const status of new Set([...Object.keys(rB), ...Object.keys(rA)])) {
    const error = Number(status) >= 400;
    const where = `${name} response ${status}`;
    // A status the spec did not list reaches the client as `undocumented`: a new error status is additive.
    if (!rA[status]) add(error ? 'minor' : 'major', where, '', 'response removed');
    else if (!rB[status]) add(error ? 'minor' : 'major', where, '', 'response added');
    else {
      const b = deref(ctx.before, rB[status]);
      const a = deref(ctx.after, rA[status]);
      if (b['x-retryable'] !== a['x-retryable']) add('minor', where, '', 'x-retryable changed (client retry policy)');
      if (!same(b.description, a.description)) add('patch', where, '', 'description changed');
      for (const h of Object.keys(b.headers ?? {})) {
        if (!a.headers?.[h]) add('major', where, `header ${h}`, 'response header removed');
      }
      for (const h of Object.keys(a.headers ?? {})) {
        if (!b.headers?.[h]) add('minor', where, `header ${h}`, 'response header added');
      }
      compareContent(ctx, b.content, a.content, 'response', where, error);
    }
  }
}

function compareContent(ctx, contentB = {}, contentA = {}, direction, where, error) {
  for (const type of Object.keys(contentB)) {
    if (!contentA[type]) ctx.add('major', where, type, 'media type removed');
  }
  for (const type of Object.keys(contentA)) {
    if (!contentB[type]) ctx.add('minor', where, type, 'media type added');
  }
  for (const type of Object.keys(contentB)) {
    if (!contentA[type]) continue;
    const b = contentB[type];
    const a = contentA[type];
    compareSchema(ctx, b.schema, a.schema, direction, `${where} (${type})`, '', error);
    // The multipart wire format lives in `encoding`: a changed entry changes the bytes a caller sends.
    for (const field of new Set([...Object.keys(b.encoding ?? {}), ...Object.keys(a.encoding ?? {})])) {
      if (!same(b.encoding?.[field], a.encoding?.[field])) {
        ctx.add('major', `${where} (${type})`, field, 'encoding (wire format) changed');
      }
    }
    if (!same(b.example, a.example) || !same(b.examples, a.examples)) {
      ctx.add('patch', `${where} (${type})`, '', 'example changed');
    }
  }
}

/**
 * Compares one schema pair. In a request the caller writes and the server reads, so narrowing breaks;
 * in a response the caller reads, so widening breaks. `error` marks error envelopes (see VERSIONING.md).
 */
function compareSchema(ctx, rawB, rawA, direction, where, path, error) {
  const { add } = ctx;
  if (rawB === undefined && rawA === undefined) return;
  const key = `${rawB?.$ref ?? ''}→${rawA?.$ref ?? ''}@${direction} ${where}`;
  if (rawB?.$ref && rawA?.$ref) {
    if (ctx.stack.has(key)) return; // recursive schema: already being compared on this branch
    ctx.stack.add(key);
  }
  try {
    const b = deref(ctx.before, rawB) ?? {};
    const a = deref(ctx.after, rawA) ?? {};
    const req = direction === 'request';
    const at = path || '(body)';
    const widenBreaks = req ? 'minor' : 'major';
    const narrowBreaks = req ? 'major' : 'minor';

    const typesB = typeSet(b);
    const typesA = typeSet(a);
    if (typesB && typesA && !same([...typesB].sort(), [...typesA].sort())) {
      const widened = [...typesB].every((t) => typesA.has(t));
      const narrowed = [...typesA].every((t) => typesB.has(t));
      const bump = widened ? widenBreaks : narrowed ? narrowBreaks : 'major';
      add(bump, where, at, `type changed from ${[...typesB].join('|')} to ${[...typesA].join('|')}`);
    }

    const valuesB = enumOf(b);
    const valuesA = enumOf(a);
    if (valuesB || valuesA) {
      const added = valuesB ? (valuesA ?? []).filter((v) => !valuesB.some((w) => same(v, w))) : [];
      const removed = valuesA ? (valuesB ?? []).filter((v) => !valuesA.some((w) => same(v, w))) : [];
      if (!valuesB) add(narrowBreaks, where, at, 'values restricted to an enum');
      if (!valuesA) add(widenBreaks, where, at, 'enum restriction removed');
      if (added.length > 0) {
        // Error types are an open set by contract (the client's `undocumented` kind): a newly
        // documented one is additive, not a break (docs/VERSIONING.md, "Error types").
        const bump = error && !req ? 'minor' : widenBreaks;
        add(bump, where, at, `enum value(s) added: ${added.map((v) => JSON.stringify(v)).join(', ')}`);
      }
      if (removed.length > 0) {
        add(narrowBreaks, where, at, `enum value(s) removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
      }
    }

    const propsB = b.properties ?? {};
    const propsA = a.properties ?? {};
    const reqB = new Set(b.required ?? []);
    const reqA = new Set(a.required ?? []);
    const child = (name) => (path ? `${path}.${name}` : name);
    for (const name of Object.keys(propsB)) {
      if (!(name in propsA)) add('major', where, child(name), 'field removed');
    }
    for (const name of Object.keys(propsA)) {
      if (name in propsB) continue;
      add(
        req && reqA.has(name) ? 'major' : 'minor',
        where,
        child(name),
        `${reqA.has(name) ? 'required' : 'optional'} field added`,
      );
    }
    for (const name of Object.keys(propsB)) {
      if (!(name in propsA)) continue;
      if (!reqB.has(name) && reqA.has(name)) add(req ? 'major' : 'minor', where, child(name), 'field became required');
      if (reqB.has(name) && !reqA.has(name)) add(req ? 'minor' : 'major', where, child(name), 'field became optional');
      compareSchema(ctx, propsB[name], propsA[name], direction, where, child(name), error);
    }

    if (b.items || a.items) compareSchema(ctx, b.items, a.items, direction, where, `${path}[]`, error);
    for (const combiner of ['oneOf', 'anyOf', 'allOf'])
      compareVariants(ctx, b, a, combiner, direction, where, path, error);

    const apB = b.additionalProperties !== false;
    const apA = a.additionalProperties !== false;
    if (apB && !apA) add(narrowBreaks, where, at, 'additional properties no longer allowed');
    if (!apB && apA) add(widenBreaks, where, at, 'additional properties now allowed');

    for (const [low, high] of [
      ['minLength', 'maxLength'],
      ['minItems', 'maxItems'],
      ['minimum', 'maximum'],
    ]) {
      const tighter =
        (b[low] === undefined ? a[low] !== undefined : (a[low] ?? -Infinity) > b[low]) ||
        (b[high] === undefined ? a[high] !== undefined : (a[high] ?? Infinity) < b[high]);
      const looser =
        (a[low] === undefined ? b[low] !== undefined : (b[low] ?? -Infinity) > a[low]) ||
        (a[high] === undefined ? b[high] !== undefined : (b[high] ?? Infinity) < a[high]);
      if (tighter) add(narrowBreaks, where, at, `${low}/${high} tightened`);
      if (looser) add(widenBreaks, where, at, `${low}/${high} loosened`);
    }
    for (const k of ['pattern', 'format']) {
      if (!same(b[k], a[k])) add(req ? 'major' : 'minor', where, at, `${k} changed`);
    }
    if (!same(b.default, a.default)) add(req ? 'major' : 'minor', where, at, 'default changed');
    if (!b.deprecated && a.deprecated) add('minor', where, at, 'deprecated');
    for (const k of ANNOTATIONS) if (!same(b[k], a[k])) add('patch', where, at, `${k} changed`);
    for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
      // A keyword this classifier does not model yet: make it visible, without blocking a release.
      if (!HANDLED.has(k) && !same(b[k], a[k])) add('minor', where, at, `${k} changed (unclassified: review it)`);
    }
  } finally {
    ctx.stack.delete(key);
  }
}

function compareVariants(ctx, b, a, combiner, direction, where, path, error) {
  const listB = b[combiner] ?? [];
  const listA = a[combiner] ?? [];
  if (listB.length === 0 && listA.length === 0) return;
  // Variants are matched by the component they reference, else by position.
  const id = (v, i) => v.$ref ?? `#${i}`;
  const idsA = new Map(listA.map((v, i) => [id(v, i), v]));
  const idsB = new Map(listB.map((v, i) => [id(v, i), v]));
  const label = `${path || '(body)'} ${combiner}`;
  // allOf: every part applies, so adding one narrows and removing one widens; oneOf/anyOf the reverse.
  const addBump =
    combiner === 'allOf' ? (direction === 'request' ? 'major' : 'minor') : direction === 'request' ? 'minor' : 'major';
  const removeBump =
    combiner === 'allOf' ? (direction === 'request' ? 'minor' : 'major') : direction === 'request' ? 'major' : 'minor';
  for (const [k] of idsB) if (!idsA.has(k)) ctx.add(removeBump, where, label, `variant ${k} removed`);
  for (const [k] of idsA) if (!idsB.has(k)) ctx.add(addBump, where, label, `variant ${k} added`);
  for (const [k, v] of idsB) if (idsA.has(k)) compareSchema(ctx, v, idsA.get(k), direction, where, path, error);
}

function typeSet(schema) {
  if (schema.type === undefined) return undefined;
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}

function enumOf(schema) {
  if (schema.enum) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

/** Follows local `$ref`s (the bundle has no other kind). */
export function deref(doc, node) {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 50; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((at, part) => at?.[part], doc);
    if (current === undefined) throw new Error(`$ref ${ref} points nowhere`);
  }
  return current;
}

function same(x, y) {
  return JSON.stringify(x) === JSON.stringify(y);
}
