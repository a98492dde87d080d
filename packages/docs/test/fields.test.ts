// The field trees every page renders (scripts/fields.mjs), checked against the operations model: every
// property and part is a node, "required" is stated within its parent, variants carry the spec's names,
// and every rule of a schema is said in words.
import { describe, expect, it } from 'vitest';
import {
  constraintText,
  fieldTree,
  mergeAllOf,
  parameterNode,
  requiredText,
  show,
  typeText,
  walkFields,
  walkVariants,
} from '../scripts/fields.mjs';
import { model } from './helpers.js';

const bodies = model.operations.filter((op) => op.requestBody);
const treeOf = (op: (typeof bodies)[number]) =>
  fieldTree(op.requestBody?.schema, { idPrefix: 'body', parts: op.requestBody?.multipart?.parts ?? null });

/** Every property schema of a schema with its parent's `required` list, walked the simple way (not by fields.mjs). */
function* properties(
  schema: any,
  depth = 0,
): Generator<{ name: string; schema: any; required: boolean; depth: number }> {
  const s = mergeAllOf(schema);
  if (!s || typeof s !== 'object') return;
  for (const [name, child] of Object.entries<any>(s.properties ?? {})) {
    yield { name, schema: child, required: (s.required ?? []).includes(name), depth };
    const inner = child?.type === 'array' ? child.items : child;
    yield* properties(inner, depth + 1);
  }
  for (const v of s.oneOf ?? s.anyOf ?? []) yield* properties(v, depth);
}

describe('field trees of the request bodies', () => {
  it('have one node per property of the schema, variants included, each with a unique anchor id', () => {
    for (const op of bodies) {
      const nodes = [...walkFields(treeOf(op).fields)].map((f) => f.node);
      const expected = [...properties(op.requestBody?.schema)];
      expect(nodes.map((n) => n.key).sort(), op.operationId).toEqual(expected.map((p) => p.name).sort());
      const ids = [...nodes.map((n) => n.id), ...[...walkVariants(treeOf(op).fields)].map((v) => v.id)];
      expect(new Set(ids).size, op.operationId).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^body\.[A-Za-z0-9_.-]+$/);
    }
  });

  it('state "required" within the parent: top level "required", nested "required in <parent>", else "optional"', () => {
    let nested = 0;
    for (const op of bodies) {
      for (const { node } of walkFields(treeOf(op).fields)) {
        const text = requiredText(node);
        if (!node.required) expect(text, node.id).toBe('optional');
        else if (node.requiredIn) {
          nested++;
          expect(text, node.id).toBe(`required in ${node.requiredIn}`);
        } else expect(text, node.id).toBe('required');
        // Only what every request must send is plainly "required" (the multipart parts say the same).
        const part = op.requestBody?.multipart?.parts.find((p) => p.path.join('.') === node.path.join('.'));
        if (part && text === 'required') expect(part.required, node.id).toBe(true);
      }
    }
    expect(nested).toBeGreaterThan(0);
  });

  it('name variants as the spec titles them, an identifier-style title in words', () => {
    let named = 0;
    for (const op of bodies) {
      for (const v of walkVariants(treeOf(op).fields)) {
        const schema = v.pointer
          .split('/')
          .slice(1)
          .reduce((at: any, key: string) => at?.[key], op.requestBody?.schema);
        if (typeof schema?.title !== 'string') continue;
        named++;
        // "Recruiter options" as written; `LinkedinRecruiterOptions` never shown as is.
        if (/\s/.test(schema.title)) expect(v.label).toBe(schema.title);
        else expect(v.label).not.toBe(schema.title);
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('give every multipart part to the field it belongs to, by wire name', () => {
    for (const op of bodies.filter((o) => o.requestBody?.multipart)) {
      const wires = new Set(
        [...walkFields(treeOf(op).fields)].flatMap(({ node }) => node.wire.map((w: { name: string }) => w.name)),
      );
      for (const part of op.requestBody?.multipart?.parts ?? [])
        expect(wires, `${op.operationId} ${part.name}`).toContain(part.name);
    }
  });

  it('say every rule of a schema in words: enum values, lengths, ranges, item counts, format, default', () => {
    const keywords = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'multipleOf'] as const;
    let checked = 0;
    for (const op of bodies) {
      for (const { node } of walkFields(treeOf(op).fields)) {
        const words = node.constraints.map(constraintText).join(' | ');
        for (const k of keywords)
          if (node.schema?.[k] !== undefined) {
            checked++;
            expect(words, `${node.id} ${k}`).toContain(String(node.schema[k]));
          }
        for (const v of node.schema?.enum ?? []) expect(words, node.id).toContain(show(v));
        if (node.schema?.default !== undefined)
          expect(words, node.id).toContain(`default: ${show(node.schema.default)}`);
        if (node.schema?.format && node.schema.format !== 'binary')
          expect(words, node.id).toContain(node.schema.format);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('schema words', () => {
  it('type names: arrays of files, nullable types, objects by variants', () => {
    expect(typeText({ type: 'array', items: { type: 'string', format: 'binary' } })).toBe('array of files');
    expect(typeText({ type: ['string', 'null'] })).toBe('string or null');
    expect(typeText({ oneOf: [{ type: 'object', properties: {} }] })).toBe('object');
    expect(typeText({ type: 'array', items: { type: ['string', 'null'] } })).toBe('array of (string or null)');
  });

  it('ranges and lengths read like the API reference ("length ≥ 1", "1 ≤ value ≤ 250")', () => {
    const words = (s: object) =>
      fieldTree({ type: 'object', properties: { x: s } }, { idPrefix: 't' }).fields[0].constraints.map(constraintText);
    expect(words({ type: 'string', minLength: 1 })).toContain('length ≥ 1');
    expect(words({ type: 'integer', minimum: 1, maximum: 250, default: 100 })).toEqual([
      '1 ≤ value ≤ 250',
      'default: 100',
    ]);
    expect(words({ type: 'number', exclusiveMinimum: 0 })).toEqual(['value > 0']);
    expect(words({ type: 'array', maxItems: 20, items: { type: 'string', minLength: 1 } })).toEqual([
      'items ≤ 20',
      'each item: length ≥ 1',
    ]);
  });

  it('allOf folds into one object, keeping the base description of a narrowed field', () => {
    const merged = mergeAllOf({
      allOf: [
        {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string', description: 'The error type.' } },
        },
        { properties: { type: { enum: ['errors/a'], description: '| table |' }, status: { const: 400 } } },
      ],
    });
    expect(merged.required).toEqual(['type']);
    expect(merged.properties.type).toEqual({ type: 'string', enum: ['errors/a'], description: 'The error type.' });
    expect(merged.properties.status).toEqual({ const: 400 });
  });

  it('parameters become nodes with their location in the id, their examples and how a list is sent', () => {
    const node = parameterNode({
      name: 'account_id',
      in: 'query',
      required: false,
      description: 'Only these accounts.',
      deprecated: false,
      schema: { type: 'array', maxItems: 20, items: { type: 'string' } },
      style: 'form',
      explode: true,
      examples: [{ name: 'default', value: ['acc_1'] }],
    });
    expect(node.id).toBe('query.account_id');
    expect(node.examples).toEqual([['acc_1']]);
    expect(node.serialization).toBe('repeat it: account_id=a&account_id=b');
    expect(requiredText(node)).toBe('optional');
  });
});
