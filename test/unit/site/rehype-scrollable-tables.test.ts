import { describe, expect, it } from 'vitest';
import type { Root } from 'hast';
import { rehypeScrollableTables } from '../../../src/lib/rehype-scrollable-tables.ts';

const text = (value: string) => ({ type: 'text' as const, value });

describe('rehype-scrollable-tables', () => {
  it('wraps a Markdown table once, in a focusable region named after its caption', () => {
    const table = { type: 'element' as const, tagName: 'table', properties: {}, children: [{ type: 'element' as const, tagName: 'caption', properties: {}, children: [text('Splats  drawn\nby τ')] }] };
    const tree: Root = { type: 'root', children: [table] };
    rehypeScrollableTables()(tree);
    const wrapper = tree.children[0] as { tagName: string; properties: Record<string, unknown>; children: unknown[] };
    expect(wrapper.tagName).toBe('div');
    expect(wrapper.properties).toMatchObject({ className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table: Splats drawn by τ' });
    expect(wrapper.children).toEqual([table]);
  });

  it('wraps a JSX table of an MDX file, and names an uncaptioned one "Table"', () => {
    const jsx = { type: 'mdxJsxFlowElement', name: 'table', attributes: [], children: [] };
    const tree = { type: 'root', children: [{ type: 'element', tagName: 'p', properties: {}, children: [] }, jsx] } as unknown as Root;
    rehypeScrollableTables()(tree);
    const wrapper = tree.children[1] as unknown as { type: string; name: string; attributes: { name: string; value: string }[]; children: unknown[] };
    expect(wrapper.type).toBe('mdxJsxFlowElement');
    expect(wrapper.name).toBe('div');
    expect(Object.fromEntries(wrapper.attributes.map((a) => [a.name, a.value]))).toMatchObject({ class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Table' });
    expect(wrapper.children).toEqual([jsx]);
  });
});
