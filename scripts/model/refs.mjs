// The one place a `$ref` of the bundle is followed. The operations model (./build.mjs) and the
// multipart derivation (./multipart.mjs) read the bundle through these; every other step of the
// pipeline reads the model, whose schemas hold no `$ref` at all.
// Written here rather than with a ref parser: the bundle only has local refs, a ref's siblings
// (a property's own `description`) must win over its target's, and a problem must come back as the
// JSON pointer at fault, which the parsers we tried report as a message string only.

/** A problem in the input, located by JSON pointer in the bundle. */
export class ModelError extends Error {
  constructor(pointer, message) {
    super(message);
    this.name = 'ModelError';
    this.pointer = pointer;
  }
}

const escapeSegment = (segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
export const pointer = (...segments) => `#/${segments.map(escapeSegment).join('/')}`;
export const child = (at, ...segments) => `${at}/${segments.map(escapeSegment).join('/')}`;

/** What a local `$ref` points to in `doc`. */
export function lookup(doc, ref, at) {
  if (typeof ref !== 'string' || !ref.startsWith('#/'))
    throw new ModelError(at, `$ref ${ref} is not local: run this on the bundle`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) node = node?.[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined) throw new ModelError(at, `$ref ${ref} points nowhere`);
  return node;
}

/**
 * `node` with its `$ref` chain followed (one level of the tree). Keywords beside a `$ref` win over
 * the target's. Returns the object and the pointer it was found at (for messages).
 */
export function deref(doc, node, at) {
  let value = node;
  let where = at;
  const seen = new Set();
  while (value && typeof value === 'object' && typeof value.$ref === 'string') {
    if (seen.has(value.$ref)) throw new ModelError(where, `circular $ref ${value.$ref}`);
    seen.add(value.$ref);
    const { $ref, ...beside } = value;
    value = { ...lookup(doc, $ref, where), ...beside };
    where = $ref;
  }
  return { value, at: where };
}

/**
 * A copy of `node` with every `$ref` replaced by its target, all the way down. A schema that
 * refers to itself has no finite copy: it is refused with the pointer of the loop.
 */
export function inline(doc, node, at, stack = []) {
  if (Array.isArray(node)) return node.map((item, i) => inline(doc, item, child(at, i), stack));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref))
      throw new ModelError(at, `recursive $ref ${node.$ref}: the operations model holds no cycles`);
    const { $ref, ...beside } = node;
    const target = inline(doc, lookup(doc, $ref, at), $ref, [...stack, $ref]);
    return { ...target, ...inline(doc, beside, at, stack) };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = inline(doc, value, child(at, key), stack);
  return out;
}
