// The reader's text → what the model sees (widgets/models/transformer/text-window.ts): never throws, agrees
// with encoding the whole text, and cuts long text to the first `context` tokens.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { readTokenizer, readTransformerCard } from '../../../widgets/models/artifacts.ts';
import { countCodePoints, safeCutAtOrBefore, textWindow } from '../../../widgets/models/transformer/text-window.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const tok = readTokenizer();
const context = readTransformerCard().architecture.context;

const ENGLISH = 'The cat sat on the mat, and then it jumped over the lazy dog. ';
// Building blocks for hostile text: emoji (with ZWJ and skin tone), CJK, RTL with marks, zero-width
// characters, combining marks, lone surrogates, control characters and runs of whitespace.
const PIECES = ['👩🏽‍🚀', '🙂', '東京', 'שָׁלוֹם', 'مرحبا', '\u200b', '\u200d', '\u202e', 'e\u0301', '\ud800', '\udfff', '\u0000', '\t', '\n\n', '   ', ' ', 'naïve', "don't", '42', '—', 'a'];
const hostile = fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }).map((p) => p.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 600 }), fc.string({ unit: 'grapheme', maxLength: 600 }), fc.string({ maxLength: 600 }), hostile);

/** The slow, obviously right reference: encode everything, keep the first `context` tokens. */
function reference(text: string, ctx: number) {
  const spans = tok.encodeWithSpans(text);
  return { ids: spans.slice(0, ctx).map((s) => s.id), total: spans.length, spans };
}

describe('textWindow', () => {
  it('never throws and keeps exactly the first tokens of the whole text (any Unicode, lone surrogates)', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 160 }), (text, ctx) => {
        const w = textWindow(tok, text, { context: ctx });
        const ref = reference(text, ctx);
        expect(w.ids).toEqual(ref.ids);
        expect(w.totalTokens).toBe(ref.total);
        expect(w.droppedTokensExact).toBe(true);
        expect(w.truncated).toBe(ref.total > ctx);
        expect(w.pieces.map((p) => p.id)).toEqual(w.ids);
        expect(w.pieces.map((p) => [p.start, p.end])).toEqual(ref.spans.slice(0, ctx).map((s) => [s.start, s.end]));
        expect(w.characters).toBe([...text].length);
        expect(w.keptEnd).toBe(w.ids.length === 0 ? 0 : ref.spans[w.ids.length - 1].end);
        expect(w.droppedCharacters).toBe(w.characters - w.keptCharacters);
        for (const p of w.pieces) expect(p.display.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('takes the shortcut on long text and still agrees with encoding all of it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(ENGLISH), hostile), { minLength: 20, maxLength: 80 }), (parts) => {
        const text = parts.join(' ');
        const w = textWindow(tok, text, { context, exactCountLimit: Infinity });
        const ref = reference(text, context);
        expect(w.ids).toEqual(ref.ids);
        expect(w.totalTokens).toBe(ref.total);
        expect(w.droppedTokens).toBe(Math.max(0, ref.total - context));
      }),
      { numRuns: 60 },
    );
  });

  it('counts the remainder sentence by sentence and stays exact across keystrokes anywhere in the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(ENGLISH), fc.constant('Why? Yes! No. '), hostile), { minLength: 40, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('x', '. ', '!', ' ', '🙂', '')), { minLength: 1, maxLength: 8 }),
        (parts, edits) => {
          let text = parts.join(' ');
          for (const [at, insert] of edits) {
            const i = at % (text.length + 1);
            // an empty insert deletes the character before i (Backspace)
            text = insert === '' ? text.slice(0, Math.max(0, i - 1)) + text.slice(i) : text.slice(0, i) + insert + text.slice(i);
            const w = textWindow(tok, text, { context, exactCountLimit: Infinity });
            expect(w.totalTokens).toBe(tok.encode(text).length);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports the cut of a long text: how much was dropped and what is kept', () => {
    const text = ENGLISH.repeat(40);
    const w = textWindow(tok, text, { context });
    const all = tok.encode(text);
    expect(w.ids).toHaveLength(context);
    expect(w.truncated).toBe(true);
    expect(w.droppedTokens).toBe(all.length - context);
    expect(w.droppedTokensExact).toBe(true);
    expect(tok.decode(w.ids)).toBe(text.slice(0, w.keptEnd));
    expect(w.keptCharacters + w.droppedCharacters).toBe(text.length);
    expect(w.cutInsideCharacter).toBe(false);
  });

  it('estimates the dropped tokens of a 100 KB text instead of encoding it all', () => {
    let text = '';
    for (let i = 0; text.length < 100_000; i++) text += `${ENGLISH}(${i}) 🙂 東京 `;
    const t0 = performance.now();
    const w = textWindow(tok, text, { context });
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const all = tok.encode(text);
    const fullMs = performance.now() - t1;
    console.log(`100 KB: textWindow ${ms.toFixed(1)} ms, full encode ${fullMs.toFixed(1)} ms; dropped ≈ ${w.droppedTokens} (exact ${all.length - context})`);
    expect(w.ids).toEqual(all.slice(0, context));
    expect(w.droppedTokensExact).toBe(false);
    expect(Math.abs(w.droppedTokens - (all.length - context)) / (all.length - context)).toBeLessThan(0.1);
  });

  it('handles empty text and a 100 KB text with no spaces', () => {
    expect(() => textWindow(tok, 'x', { context: 0 })).toThrow(RangeError);
    const empty = textWindow(tok, '', { context });
    expect(empty).toMatchObject({ ids: [], pieces: [], truncated: false, totalTokens: 0, characters: 0, keptEnd: 0 });
    const cjk = '東京'.repeat(50_000);
    const w = textWindow(tok, cjk, { context });
    expect(w.ids).toEqual(tok.encode(cjk).slice(0, context));
    expect(w.truncated).toBe(true);
  });

  it('shows pieces of a split character as that character, and flags word starts', () => {
    const w = textWindow(tok, 'I 🙂 naïve 東京 e\u0301 \ud800!', { context });
    const partial = w.pieces.filter((p) => p.partial);
    for (const p of partial) expect(p.display).toMatch(/⟨.+ \d(–\d)?\/\d⟩|<0x/);
    const emoji = w.pieces.filter((p) => p.display.includes('🙂'));
    expect(emoji.length).toBeGreaterThan(0);
    console.log('pieces:', w.pieces.map((p) => p.display).join(' | '));
    expect(w.pieces[0]).toMatchObject({ display: 'I', wordStart: true });
    expect(w.pieces.find((p) => p.hex === '21')?.display).toBe('!');
    // a lone surrogate is not a character: it shows as its bytes
    expect(w.pieces.map((p) => p.display).join('')).toContain('<0xED>');
  });

  it('cuts a text whose last kept token splits a character, and says so', () => {
    // find a prefix length that makes token `context − 1` split an emoji
    const unit = 'ab 🙂';
    let found = false;
    for (let pad = 0; pad < 8 && !found; pad++) {
      const text = 'x'.repeat(pad) + unit.repeat(200);
      const w = textWindow(tok, text, { context });
      const last = w.pieces[w.pieces.length - 1];
      if (last.partial && w.cutInsideCharacter) {
        found = true;
        expect(text.slice(0, w.keptEnd).endsWith('🙂')).toBe(true);
      }
    }
    // not every tokenizer splits this emoji; when none does, the flag must stay false
    if (!found) expect(textWindow(tok, unit.repeat(200), { context }).cutInsideCharacter).toBe(false);
  });
});

describe('helpers', () => {
  it('safeCutAtOrBefore finds a space after a non-space, or −1', () => {
    expect(safeCutAtOrBefore('ab cd', 4)).toBe(2);
    expect(safeCutAtOrBefore('ab  cd', 5)).toBe(2);
    expect(safeCutAtOrBefore('  cd', 3)).toBe(-1);
    expect(safeCutAtOrBefore('東京東京', 3)).toBe(-1);
  });

  it('countCodePoints counts pairs once and lone surrogates once', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        expect(countCodePoints(s, 0, s.length)).toBe([...s].length);
      }),
    );
  });
});
