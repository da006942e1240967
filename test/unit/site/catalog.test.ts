// widgets/catalog.ts: a schema for every registered widget, field types for people, and props read from the
// server entries' own source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMAS, entryProps, propsOf, schemaRows, stateLiteral, stateRows } from '../../../widgets/catalog.ts';
import { figureStateProblems } from '../../../widgets/runtime/kit/figure-state.ts';
import { boolField, describeSchema, enumField, intField, textField } from '../../../widgets/runtime/url-state.ts';

const registry = readFileSync('widgets/registry.ts', 'utf8');
const keys = [...registry.slice(registry.indexOf('export const widgets = {')).matchAll(/^ {2}'?([a-z0-9-]+)'?: \{$/gm)].map((m) => m[1]!);

describe('widget catalog', () => {
  it('has a default schema for exactly the registered widgets', () => {
    expect(keys.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(DEFAULT_SCHEMAS).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(schemaRows(key).length, key).toBeGreaterThan(0);
  });

  it('describes fields by what a value looks like, and defaults as written in a link', () => {
    expect(describeSchema({ n: intField({ min: 1, max: 9, default: 3 }), v: enumField(['a', 'b'], 'b'), on: boolField(true), t: textField({ default: 'hi', maxBytes: 10 }) })).toEqual([
      { name: 'n', type: 'integer 1…9', default: '3' },
      { name: 'v', type: 'one of a, b', default: 'b' },
      { name: 'on', type: '1 (on) or 0 (off)', default: '1' },
      { name: 't', type: 'text (a link keeps up to 10 bytes of it)', default: 'hi' },
    ]);
  });

  it('writes each field’s default as an essay’s state entry, one the build accepts', () => {
    expect(stateLiteral('on', boolField(true))).toBe('on: true');
    expect(stateLiteral('n', intField({ min: 1, max: 9, default: 3 }))).toBe('n: 3');
    expect(stateLiteral('t', textField({ default: 'a "b"' }))).toBe('t: "a \\"b\\""');
    for (const key of keys) {
      const schema = DEFAULT_SCHEMAS[key]!();
      const rows = stateRows(key);
      expect(rows.map((r) => r.name), key).toEqual(Object.keys(schema));
      for (const r of rows.filter((r) => r.mdx !== null)) {
        const value = new Function(`return { ${r.mdx} }`)() as Record<string, unknown>;
        expect(figureStateProblems(schema, value), `${key}: ${r.mdx}`).toEqual([]);
      }
    }
  });

  it('reads props, their docs and their defaults from a server entry', () => {
    const props = propsOf(`---\ninterface Props {\n  /** The id. */\n  figureId: string;\n  /** Opening view. */\n  view?: string;\n}\nconst { figureId, view = 'arcs' } = Astro.props;\n---\n<p/>`);
    expect(props).toEqual([
      { name: 'figureId', type: 'string', optional: false, default: null, doc: 'The id.' },
      { name: 'view', type: 'string', optional: true, default: "'arcs'", doc: 'Opening view.' },
    ]);
    expect(entryProps('widgets/live-probes/LiveProbes.astro').map((p) => p.name)).toEqual(['figureId', 'text']);
  });
});
