// groupWords (widgets/models/transformer/probes.ts): which token a word-level probe reads a word at.
// Punctuation stays in the tokenizer's word ("mat."), but the word is read at its own last lettered
// piece, as the Brown probes were trained (punctuation is a word of its own there).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupWords, hasLetterOrDigit } from '../../../widgets/models/transformer/probes.ts';

const split = (pieces: string[]) => ({
  wordStart: pieces.map((p, t) => t === 0 || p.startsWith(' ')),
  applies: pieces.map((p) => p.trim() !== ''),
  lettered: pieces.map(hasLetterOrDigit),
});

describe('groupWords', () => {
  it('reads "mat." at "at" and "jumped." at "ed", not at the full stop', () => {
    const pieces = [' the', ' m', 'at', '.', ' jump', 'ed', '."', '\n'];
    const { wordStart, applies, lettered } = split(pieces);
    const words = groupWords(wordStart, applies, lettered);
    expect(words).toEqual([
      { first: 0, end: 1, last: 0 },
      { first: 1, end: 4, last: 2 },
      { first: 4, end: 8, last: 5 },
    ]);
    // Without `lettered`, the last non-whitespace token (the old reading).
    expect(groupWords(wordStart, applies).map((w) => w.last)).toEqual([0, 3, 6]);
  });

  it('falls back to the last non-whitespace token for a word of only punctuation, and −1 for whitespace', () => {
    const { wordStart, applies, lettered } = split([' —', '...', ' ', '\n']);
    expect(groupWords(wordStart, applies, lettered)).toEqual([
      { first: 0, end: 2, last: 1 },
      { first: 2, end: 4, last: -1 },
    ]);
  });

  it('knows letters and digits of any script', () => {
    for (const s of ['a', 'É', '猫', 'قط', '7', 'x.']) expect(hasLetterOrDigit(s)).toBe(true);
    for (const s of ['.', ',"', '—', ' ', '🙂', '']) expect(hasLetterOrDigit(s)).toBe(false);
  });

  it('always reads a word inside it, at a lettered token when it has one (property)', () => {
    const piece = fc.constantFrom(' the', ' m', 'at', '.', ',', ' "', 'ed', '\n', ' ', '—', '9', ' 猫');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const { wordStart, applies, lettered } = split(pieces);
        const words = groupWords(wordStart, applies, lettered);
        expect(words[0]!.first).toBe(0);
        expect(words.at(-1)!.end).toBe(pieces.length);
        for (const w of words) {
          const inside = Array.from({ length: w.end - w.first }, (_, i) => w.first + i);
          if (inside.some((t) => applies[t] && lettered[t])) {
            expect(lettered[w.last]).toBe(true);
            expect(inside.filter((t) => t > w.last).every((t) => !lettered[t])).toBe(true);
          } else if (inside.some((t) => applies[t])) expect(applies[w.last]).toBe(true);
          else expect(w.last).toBe(-1);
        }
      }),
    );
  });
});
