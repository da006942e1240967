// The live ladder's text (widgets/ladder-live/text.ts): a generated document's text segments back into its
// ids; hostile text never throws and yields only pieces of the language; the layout keeps word gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../../../widgets/models/hier-language/language.ts';
import { PIECES, VOCAB_SIZE } from '../../../widgets/models/hier-language/vocab.ts';
import { MAX_PIECES, documentText, pieceLayout, segment, stateDocument } from '../../../widgets/ladder-live/text.ts';

describe('documentText and segment', () => {
  it('round-trip every generated document of many seeds', () => {
    for (let seed = 0; seed < 200; seed++) {
      const d = generateDocument(seed);
      const s = segment(documentText(d));
      expect(s.ids).toEqual(d.ids);
      expect(s.unknown).toEqual([]);
    }
  });

  it('skips and reports what is no piece, on any string, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const s = segment(text);
        expect(s.ids.every((id) => Number.isInteger(id) && id >= 0 && id < VOCAB_SIZE)).toBe(true);
        expect(s.starts.every((at, i) => text.startsWith(PIECES[s.ids[i]!]!, at))).toBe(true);
        expect(pieceLayout(text, s)).toHaveLength(s.ids.length);
      }),
    );
    expect(segment('<script>alert(1)</script> the biga').unknown).toEqual(['<script>alert(1)</script>']);
    expect(segment('<script>alert(1)</script> the biga').ids.map((i) => PIECES[i])).toEqual(['the', 'bi', 'ga']);
  });

  it('reads at most MAX_PIECES pieces of a huge text and says how many it dropped', () => {
    const s = segment('the '.repeat(MAX_PIECES + 10));
    expect(s.ids).toHaveLength(MAX_PIECES);
    expect(s.dropped).toBe(10);
  });

  it('lays pieces out with the gaps the reader wrote', () => {
    const text = 'the bagi-s\n¶ ka';
    expect(pieceLayout(text, segment(text)).map((x) => x.gap + x.piece).join('')).toBe(text);
  });

  it('scores with the generated document only while the text is its text', () => {
    const text = documentText(generateDocument(3));
    expect(stateDocument({ seed: 3, edited: false, text: 'whatever' }).doc?.seed).toBe(3);
    expect(stateDocument({ seed: 3, edited: true, text }).doc?.seed).toBe(3);
    expect(stateDocument({ seed: 3, edited: true, text: text + ' the' }).doc).toBeNull();
  });
});
