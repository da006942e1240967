// The tokenizer view's words (counts, over-length notice, spoken piece labels) and its URL state, on the
// shipped tokenizer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTokenizer, readTransformerCard } from '../../../widgets/models/artifacts.ts';
import { decodeState, encodedBytes, encodeState, FIELD_LINK_BYTES, MAX_RAW_LENGTH, textField } from '../../../widgets/runtime/url-state.ts';
import { textWindow } from '../../../widgets/models/transformer/text-window.ts';
import { countsLine, overLengthNotice, pieceLabel } from '../../../widgets/tokenizer/describe.ts';
import { EXAMPLES } from '../../../widgets/tokenizer/examples.ts';
import { DEFAULT_TEXT, tokenizerViewSchema } from '../../../widgets/tokenizer/state.ts';

const tokenizer = readTokenizer();
const context = readTransformerCard().architecture.context;

describe('tokenizer view text', () => {
  it('counts characters and tokens of the default text, with no notice', () => {
    const win = textWindow(tokenizer, DEFAULT_TEXT, { context });
    expect(countsLine(win)).toBe(`29 characters → ${win.totalTokens} tokens (${(29 / win.totalTokens).toFixed(2)} characters per token, 6 word-initial pieces)`);
    expect(overLengthNotice(win)).toBe('');
  });

  it('asks for text when there is none', () => {
    expect(countsLine(textWindow(tokenizer, '', { context }))).toMatch(/No text yet/);
  });

  it('says what is cut when the text is over the context', () => {
    const long = EXAMPLES.find((e) => e.label === 'Too long')!.text;
    const win = textWindow(tokenizer, long, { context });
    expect(win.truncated).toBe(true);
    const notice = overLengthNotice(win);
    expect(notice).toContain(`first ${context} tokens`);
    expect(notice).toContain(`${win.droppedTokens} tokens`);
    expect(win.pieces).toHaveLength(context);
  });

  it('labels pieces in words a screen reader can speak', () => {
    const win = textWindow(tokenizer, 'The cat jumps', { context });
    const labels = win.pieces.map(pieceLabel);
    expect(labels[0]).toBe(`token 1: The, id ${win.ids[0]}, starts a word`);
    expect(labels.some((l) => l.includes('space') && l.includes('starts a word'))).toBe(true);
    expect(labels.every((l) => !l.includes('␣'))).toBe(true);
  });

  it('every example fits or is cut as it claims, and never throws', () => {
    for (const e of EXAMPLES) {
      const win = textWindow(tokenizer, e.text, { context });
      expect(win.truncated).toBe(e.label === 'Too long');
      expect(countsLine(win).length).toBeGreaterThan(0);
    }
  });
});

describe('tokenizer view URL state', () => {
  const schema = tokenizerViewSchema();

  it('round-trips any text a link can hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const entries = encodeState(schema, { text }, 'tokens');
        const back = decodeState(schema, new URLSearchParams(entries), 'tokens');
        expect(back.text).toBe(text);
      }),
    );
  });

  it('keeps the first characters of a long text, and never splits a surrogate pair', () => {
    const text = '🙂'.repeat(FIELD_LINK_BYTES);
    const entries = encodeState(schema, { text }, 'tokens');
    const back = decodeState(schema, new URLSearchParams(entries), 'tokens').text;
    expect(encodedBytes(back)).toBeLessThanOrEqual(FIELD_LINK_BYTES);
    expect(back.length % 2).toBe(0);
    expect(text.startsWith(back)).toBe(true);
  });

  it('replaces lone surrogates so that the text can go into a link', () => {
    const f = textField({ default: '', maxBytes: 100 });
    expect(f.encode('a\uD800b')).toBe('a\uFFFDb');
  });

  it('falls back to the default for a value longer than a link may carry', () => {
    const params = new URLSearchParams({ 'tokens.text': 'x'.repeat(MAX_RAW_LENGTH + 1) });
    expect(decodeState(schema, params, 'tokens').text).toBe(DEFAULT_TEXT);
  });
});
