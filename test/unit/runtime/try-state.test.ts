import { describe, expect, it } from 'vitest';
import { parseTryFields, searchWith, tryStateHref } from '../../../widgets/runtime/try-state.ts';
import { decodeState } from '../../../widgets/runtime/url-state.ts';
import { attentionSchema } from '../../../widgets/attention/state.ts';

describe('try-this state', () => {
  it('a control’s href is the figure’s state alone, anchored at the figure', () => {
    expect(tryStateHref('attention', { text: 'The cat jumps.', layer: '2' })).toBe('?attention.text=The+cat+jumps.&attention.layer=2#attention');
    expect(tryStateHref('hero', {})).toBe('#hero');
  });

  it('setting fields keeps other figures’ keys and this figure’s other fields', () => {
    const search = '?tokens.text=abc&attention.head=3&attention.layer=1';
    const next = new URLSearchParams(searchWith(search, 'attention', { layer: '2', token: '5' }));
    expect(Object.fromEntries(next)).toEqual({ 'tokens.text': 'abc', 'attention.head': '3', 'attention.layer': '2', 'attention.token': '5' });
  });

  it('the figure decodes what a control writes, through its own schema (invalid values fall back)', () => {
    const schema = attentionSchema({ layers: 4, heads: 4, context: 128 }, { text: 'x', layer: 1, head: 1, token: 0, view: 'heatmap' });
    const state = decodeState(schema, searchWith('', 'attention', { text: 'Le chat.', layer: '2', head: '9' }), 'attention');
    expect(state).toMatchObject({ text: 'Le chat.', layer: 2, head: 1 });
  });

  it('parses a control’s data attribute: an object of strings, anything else is no state', () => {
    expect(parseTryFields('{"layer":"2"}')).toEqual({ layer: '2' });
    for (const bad of [null, '', '[1]', '{"layer":2}', 'not json', 'null', '"x"']) expect(parseTryFields(bad)).toBeNull();
  });
});
