// URL state of the live probes (widgets/live-probes/state.ts): round trips, and hostile values falling back to
// defaults; plus the keyboard movement of the grid (widgets/models/transformer/live/keys.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodedBytes, encodeState, FIELD_LINK_BYTES, LINK_BYTES, MAX_RAW_LENGTH, mergeIntoSearch, wellFormed } from '../../../widgets/runtime/url-state.ts';
import { gridMove } from '../../../widgets/models/transformer/live/keys.ts';
import { DEFAULT_PROBES_TEXT, GRID_LABELS, gridLabels, liveProbesSchema, type LiveProbesState } from '../../../widgets/live-probes/state.ts';

const L = 4;
const context = 128;
const probes = liveProbesSchema({ defaultText: DEFAULT_PROBES_TEXT, labels: [...GRID_LABELS], layers: L, context });
const NAMESPACES = ['', 'probes-live', 'lens'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '=', '&', '.', '%', '-', '1')) }),
);

const validProbes = fc.record({
  text: fc.string({ unit: 'grapheme', maxLength: 200 }),
  label: fc.constantFrom(...GRID_LABELS),
  word: fc.integer({ min: -1, max: context - 1 }),
  layer: fc.integer({ min: 0, max: L }),
});

function isValidProbes(s: LiveProbesState): boolean {
  return (
    typeof s.text === 'string' &&
    s.text.length <= MAX_RAW_LENGTH &&
    (GRID_LABELS as readonly string[]).includes(s.label) &&
    Number.isInteger(s.word) &&
    s.word >= -1 &&
    s.word < context &&
    Number.isInteger(s.layer) &&
    s.layer >= 0 &&
    s.layer <= L
  );
}

describe('live probes URL state', () => {
  it('defaults: the default text, the first grid label, the last word (−1) at the last layer', () => {
    expect(decodeState(probes, '', 'probes-live')).toEqual({ text: DEFAULT_PROBES_TEXT, label: 'upos', word: -1, layer: L });
    expect(encodeState(probes, decodeState(probes, '', ''), '')).toEqual([]);
  });

  it('round-trips any valid state, in any namespace', () => {
    fc.assert(
      fc.property(validProbes, fc.constantFrom(...NAMESPACES), (state, ns) => {
        const search = new URLSearchParams(encodeState(probes, state, ns)).toString();
        const back = decodeState(probes, search, ns);
        // A lone surrogate cannot go into a URL: it comes back as U+FFFD (url-state.ts wellFormed).
        expect(back).toEqual({ ...state, text: wellFormed(state.text) });
      }),
    );
  });

  it('hostile values fall back to each field’s default, keeping the valid ones', () => {
    const cases: Record<string, string[]> = {
      label: ['genre', 'UPOS', '__proto__', '', 'upos ', '<script>alert(1)</script>', 'word-start'],
      word: ['-2', '128', '1e3', '0x10', 'NaN', 'Infinity', ' 3', '3.0', '999999999999999999999', '-0.5'],
      layer: ['-1', String(L + 1), '1e0', 'four', '', '٣'],
      text: ['x'.repeat(MAX_RAW_LENGTH + 1)],
    };
    for (const [name, values] of Object.entries(cases)) {
      for (const v of values) {
        const params = new URLSearchParams({ 'probes-live.label': 'chunk', 'probes-live.word': '3', 'probes-live.layer': '2' });
        params.set(`probes-live.${name}`, v);
        const s = decodeState(probes, params, 'probes-live');
        expect(isValidProbes(s), `${name}=${v}`).toBe(true);
        expect(s[name as keyof LiveProbesState], `${name}=${v}`).toBe(probes[name as keyof typeof probes].default);
        if (name !== 'label') expect(s.label).toBe('chunk');
        if (name !== 'word') expect(s.word).toBe(3);
      }
    }
  });

  it('decodes any junk to a valid state without throwing', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...NAMESPACES), (junk, ns) => {
        expect(isValidProbes(decodeState(probes, junk, ns))).toBe(true);
        for (const name of Object.keys(probes)) {
          const params = new URLSearchParams();
          params.set(ns ? `${ns}.${name}` : name, junk);
          expect(isValidProbes(decodeState(probes, params, ns))).toBe(true);
        }
      }),
    );
  });

  it('a pasted book becomes a link under the byte budget that still decodes, and says it is shortened', () => {
    const book = 'The cat sat on the mat. 🐈 '.repeat(4000);
    const search = mergeIntoSearch('?other=1', probes, { text: book, label: 'upos', word: -1, layer: L }, 'probes-live');
    expect(search.length).toBeLessThan(LINK_BYTES);
    const back = decodeState(probes, search, 'probes-live');
    expect(book.startsWith(back.text)).toBe(true);
    expect(encodedBytes(back.text)).toBeGreaterThan(FIELD_LINK_BYTES * 0.75);
    expect(new URLSearchParams(search).get('probes-live.cut')).toBe('text');
    expect(new URLSearchParams(search).get('other')).toBe('1');
  });

  it('a text with markup is kept whole in the link', () => {
    const text = 'Never paste <script> tags into a comment box.';
    const search = mergeIntoSearch('', probes, { text, label: 'upos', word: -1, layer: L }, 'probes-live');
    expect(decodeState(probes, search, 'probes-live').text).toBe(text);
  });

  it('lists only the grid labels a probe file has, in picker order', () => {
    expect(gridLabels(['genre', 'word_start', 'upos'])).toEqual(['upos', 'word_start']);
    expect(gridLabels(['genre'])).toEqual([]);
    // A schema over no grid labels still decodes (to upos): the server entry refuses such a file anyway.
    expect(decodeState(liveProbesSchema({ defaultText: '', labels: [], layers: 2, context: 8 }), '', '').label).toBe('upos');
  });
});

describe('keyboard movement', () => {
  it('moves within the grid and stops at its edges', () => {
    expect(gridMove('ArrowRight', 0, 0, 3, 5)).toEqual({ col: 1, row: 0 });
    expect(gridMove('ArrowRight', 2, 0, 3, 5)).toEqual({ col: 2, row: 0 });
    expect(gridMove('ArrowLeft', 0, 2, 3, 5)).toEqual({ col: 0, row: 2 });
    expect(gridMove('ArrowDown', 1, 4, 3, 5)).toEqual({ col: 1, row: 4 });
    expect(gridMove('ArrowUp', 1, 4, 3, 5)).toEqual({ col: 1, row: 3 });
    expect(gridMove('Home', 2, 3, 3, 5)).toEqual({ col: 0, row: 3 });
    expect(gridMove('End', 0, 3, 3, 5, true)).toEqual({ col: 2, row: 4 });
    expect(gridMove('PageUp', 1, 3, 3, 5)).toEqual({ col: 1, row: 0 });
    expect(gridMove('a', 1, 3, 3, 5)).toBeNull();
    expect(gridMove('ArrowLeft', 0, 0, 0, 5)).toBeNull();
  });
});
