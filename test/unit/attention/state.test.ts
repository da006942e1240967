// The attention explorer's URL state (widgets/attention/state.ts): round trips, defaults left out of the URL,
// hostile values falling back to the defaults, and the query token's clamping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodedBytes, encodeState, FIELD_LINK_BYTES, MAX_RAW_LENGTH, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import {
  DEFAULT_TEXT,
  VIEWS,
  attentionSchema,
  queryIndex,
  resolveDefaults,
  type AttentionDefaults,
  type AttentionState,
} from '../../../widgets/attention/state.ts';

const bounds = { layers: 4, heads: 4, context: 128 };
const defaults: AttentionDefaults = { text: DEFAULT_TEXT, layer: 2, head: 2, token: 0, view: 'heatmap' };
const schema = attentionSchema(bounds, defaults);
const NS = 'attention';

// Texts a link can carry whole: well-formed Unicode (no lone surrogates), markup included.
const linkText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('Never paste <script> tags into a comment box.', '</script><b>x'));
const state: fc.Arbitrary<AttentionState> = fc.record({
  text: linkText,
  layer: fc.integer({ min: 1, max: bounds.layers }),
  head: fc.integer({ min: 1, max: bounds.heads }),
  token: fc.integer({ min: 0, max: bounds.context }),
  view: fc.constantFrom(...VIEWS),
});

describe('attention URL state', () => {
  it('round-trips any valid state, in a namespace and without one', () => {
    fc.assert(
      fc.property(state, (s) => {
        for (const ns of [NS, '']) {
          const search = new URLSearchParams(encodeState(schema, s, ns)).toString();
          expect(decodeState(schema, search, ns)).toEqual(s);
        }
      }),
    );
  });

  it('writes nothing for the defaults and only the changed keys otherwise', () => {
    expect(encodeState(schema, defaultState(schema), NS)).toEqual([]);
    const changed = { ...defaultState(schema), layer: 3, view: 'arcs' as const };
    expect(encodeState(schema, changed, NS)).toEqual([
      ['attention.layer', '3'],
      ['attention.view', 'arcs'],
    ]);
    expect(mergeIntoSearch('?tokens.text=hi&x=1', schema, changed, NS)).toBe('?tokens.text=hi&x=1&attention.layer=3&attention.view=arcs');
  });

  it('reads the documented example', () => {
    const s = decodeState(schema, 'attention.text=The+dog+barked&attention.layer=3&attention.head=2&attention.token=3&attention.view=arcs', NS);
    expect(s).toEqual({ text: 'The dog barked', layer: 3, head: 2, token: 3, view: 'arcs' });
  });

  it('keeps a long text whole up to the link budget in URL bytes, then cuts it (never half a surrogate pair) and says so', () => {
    // 130 long tokens: 1,560 characters, whole in the link (the old 1,000-character cut lost 44 of them).
    const tokens = ' development'.repeat(130);
    expect(encodeState(schema, { ...defaultState(schema), text: tokens }, NS)).toEqual([[`${NS}.text`, tokens]]);
    const long = 'a'.repeat(FIELD_LINK_BYTES - 1) + '🐈' + 'b'.repeat(50);
    const entries = encodeState(schema, { ...defaultState(schema), text: long }, NS);
    expect(entries).toEqual([[`${NS}.text`, 'a'.repeat(FIELD_LINK_BYTES - 1)], [`${NS}.cut`, 'text']]);
    const emoji = '🐈'.repeat(1000);
    const [[, cut]] = encodeState(schema, { ...defaultState(schema), text: emoji }, NS) as [[string, string]];
    expect(encodedBytes(cut)).toBeLessThanOrEqual(FIELD_LINK_BYTES);
    expect(new URLSearchParams([['', cut]]).toString().length - 1).toBe(encodedBytes(cut));
    expect(Array.from(cut).every((c) => c === '🐈')).toBe(true);
  });

  it('falls back to the default for each hostile value, keeping the valid ones', () => {
    const hostile = [
      '"><img src=x onerror=alert(1)>', '', ' 1', '1 ', '1.5', '1e3', '0x2', 'NaN', 'Infinity',
      '-1', '999', '9'.repeat(400), '%', '%E0%A4%A', '\u0000', '２', 'true', 'null', '__proto__',
    ];
    for (const raw of hostile) {
      const q = new URLSearchParams();
      for (const key of ['layer', 'head', 'token', 'view']) q.set(`${NS}.${key}`, raw);
      q.set(`${NS}.text`, 'kept');
      const s = decodeState(schema, q.toString(), NS);
      expect(s, raw).toEqual({ ...defaultState(schema), text: 'kept' });
    }
    // Out of the model's range: layer 0 and 5, head 0 and 5, token 129.
    const s = decodeState(schema, 'attention.layer=5&attention.head=0&attention.token=129&attention.view=Heatmap', NS);
    expect(s).toEqual(defaultState(schema));
    // A text longer than any link: the default text. Markup is text like any other. (A lone surrogate
    // never arrives: URLSearchParams turns it into U+FFFD.)
    expect(decodeState(schema, new URLSearchParams([[`${NS}.text`, 'x'.repeat(MAX_RAW_LENGTH + 1)]]), NS).text).toBe(DEFAULT_TEXT);
    expect(decodeState(schema, new URLSearchParams([[`${NS}.text`, '<script>x</script>']]), NS).text).toBe('<script>x</script>');
  });

  it('never throws on arbitrary query strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (junk) => {
        const s = decodeState(schema, junk, NS);
        expect(s.layer >= 1 && s.layer <= 4 && s.head >= 1 && s.head <= 4).toBe(true);
        expect(VIEWS).toContain(s.view);
      }),
    );
  });

  it('builds its bounds from the card: a 6-layer, 8-head model accepts layer 6 head 8', () => {
    const big = attentionSchema({ layers: 6, heads: 8, context: 256 }, defaults);
    expect(decodeState(big, 'layer=6&head=8&token=256', '')).toMatchObject({ layer: 6, head: 8, token: 256 });
    expect(decodeState(schema, 'layer=6&head=8&token=256', '')).toMatchObject({ layer: 2, head: 2, token: 0 });
  });
});

describe('figure defaults from essay props', () => {
  it('clamps numbers, ignores junk, keeps what is valid', () => {
    expect(resolveDefaults(bounds, {}, defaults)).toEqual(defaults);
    expect(resolveDefaults(bounds, { layer: 9, head: -2, token: 500, view: 'arcs', text: 'Hi' }, defaults)).toEqual({
      text: 'Hi',
      layer: 4,
      head: 1,
      token: 128,
      view: 'arcs',
    });
    expect(resolveDefaults(bounds, { layer: '3', head: NaN, token: 2.7, view: 'pie', text: 42 }, defaults)).toEqual({
      ...defaults,
      token: 2,
    });
    expect(resolveDefaults(bounds, { text: 'x'.repeat(9000) }, defaults).text.length).toBe(MAX_RAW_LENGTH);
  });
});

describe('query token', () => {
  it('is 1-based, 0 meaning the last token, clamped to the text', () => {
    expect(queryIndex(0, 14)).toBe(13);
    expect(queryIndex(1, 14)).toBe(0);
    expect(queryIndex(14, 14)).toBe(13);
    expect(queryIndex(50, 14)).toBe(13);
    expect(queryIndex(5, 0)).toBe(-1);
    expect(queryIndex(-3, 4)).toBe(3);
    expect(queryIndex(NaN, 4)).toBe(3);
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 200 }), fc.integer({ min: 1, max: 128 }), (token, count) => {
        const q = queryIndex(token, count);
        expect(q >= 0 && q < count).toBe(true);
      }),
    );
  });
});
