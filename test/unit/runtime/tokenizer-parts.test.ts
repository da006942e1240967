// The tokenizer's parts, each against a simple reference: bytes vs TextEncoder/TextDecoder,
// the heap-based merge vs a naive rescan, incremental training vs recounting from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToText, textToBytes } from '../../../widgets/runtime/tokenizer/bytes.ts';
import { BpeTokenizer } from '../../../widgets/runtime/tokenizer/bpe.ts';
import { applyMerges, pairKey } from '../../../widgets/runtime/tokenizer/merge.ts';
import { PRETOKENIZER, pretokenize } from '../../../widgets/runtime/tokenizer/pretokenize.ts';
import { countChunks, learnMerges, trainTokenizer } from '../../../models/tokenizer/learn-bpe.ts';

const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string());

describe('bytes (WTF-8)', () => {
  it('is UTF-8 for well-formed text, and decodes its own output exactly', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const bytes = textToBytes(s);
        if (s.isWellFormed()) expect(bytes).toEqual(new TextEncoder().encode(s));
        expect(bytesToText(bytes)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes lone surrogates as their 3-byte sequences', () => {
    expect([...textToBytes('\uD800')]).toEqual([0xed, 0xa0, 0x80]);
    expect([...textToBytes('\uDFFF')]).toEqual([0xed, 0xbf, 0xbf]);
    expect([...textToBytes('\uD83D\uDE00')]).toEqual([0xf0, 0x9f, 0x98, 0x80]); // a pair is one code point
  });

  it('decodes any bytes like TextDecoder (one U+FFFD per invalid subpart), except surrogate sequences', () => {
    const surrogateSeq = (b: Uint8Array) => b.some((x, i) => x === 0xed && b[i + 1] >= 0xa0 && b[i + 1] <= 0xbf);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        if (!surrogateSeq(b)) expect(bytesToText(b)).toBe(new TextDecoder().decode(b));
      }),
      { numRuns: 2000 },
    );
    expect(bytesToText(Uint8Array.of(0xe6, 0x9d))).toBe('\uFFFD'); // cut character: one mark
    expect(bytesToText(Uint8Array.of(0xed, 0xa0, 0x80, 0x41))).toBe('\uD800A');
  });
});

describe('pre-tokenisation', () => {
  it('splits GPT-2 style: leading space + letters, numbers, symbols, whitespace', () => {
    expect(pretokenize("The cat's 42 jumps!!  Now\n\nend")).toEqual(
      ['The', ' cat', "'s", ' 42', ' jumps', '!!', ' ', ' Now', '\n\n', 'end'],
    );
    expect(pretokenize('cafe\u0301 naïve')).toEqual(['cafe\u0301', ' naïve']); // marks stay with letters
    expect(pretokenize('a\uD800b')).toEqual(['a', '\uD800', 'b']);
  });

  it('puts every character in exactly one chunk, in order', () => {
    fc.assert(fc.property(anyText, (s) => {
      const chunks = pretokenize(s);
      expect(chunks.join('')).toBe(s);
      for (const c of chunks) expect(c.length).toBeGreaterThan(0);
    }), { numRuns: 500 });
  });

  it('stays lossless with a stored pattern that leaves gaps or matches empty', () => {
    const json = { ...trainTokenizer(['ab ab'], 260).toJSON(), pretokenizer: '/x*|b/gu' };
    const tok = BpeTokenizer.fromJSON(json);
    fc.assert(fc.property(anyText, (s) => {
      expect(tok.decode(tok.encode(s))).toBe(s);
    }), { numRuns: 200 });
  });
});

/** Reference BPE: rescan for the lowest-rank pair, merge all its occurrences left to right. */
function naiveMerge(input: ArrayLike<number>, ranks: Map<number, number>): number[] {
  let ids = Array.from(input);
  for (;;) {
    let best = Infinity;
    for (let i = 0; i + 1 < ids.length; i++) best = Math.min(best, ranks.get(pairKey(ids[i], ids[i + 1])) ?? Infinity);
    if (best === Infinity) return ids;
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i + 1 < ids.length && ranks.get(pairKey(ids[i], ids[i + 1])) === best) out.push(256 + best), i++;
      else out.push(ids[i]);
    }
    ids = out;
  }
}

/** Reference training: recount every pair from scratch at every step. */
function naiveLearn(counts: Map<string, number>, n: number): [number, number][] {
  let words = [...counts].map(([w, c]) => ({ ids: Array.from(textToBytes(w)), c }));
  const merges: [number, number][] = [];
  while (merges.length < n) {
    const pc = new Map<number, number>();
    for (const { ids, c } of words) for (let i = 0; i + 1 < ids.length; i++) {
      const k = pairKey(ids[i], ids[i + 1]);
      pc.set(k, (pc.get(k) ?? 0) + c);
    }
    let best = -1;
    for (const [k, c] of pc) if (best < 0 || c > (pc.get(best) as number) || (c === pc.get(best) && k < best)) best = k;
    if (best < 0) break;
    merges.push([Math.floor(best / 65536), best % 65536]);
    const ranks = new Map([[best, merges.length - 1]]);
    words = words.map(({ ids, c }) => ({ ids: naiveMerge(ids, ranks), c }));
  }
  return merges;
}

describe('merging and training', () => {
  const wordy = fc.array(fc.stringMatching(/^[ab ]{0,12}$/), { minLength: 1, maxLength: 30 });

  it('applies merges exactly like the naive rescan', () => {
    const tok = trainTokenizer(['the cat jumps; the cats jumped; aaaa abab 東京東京'], 300);
    const ranks = new Map(tok.merges.map(([a, b], r) => [pairKey(a, b), r]));
    fc.assert(fc.property(fc.oneof(anyText, fc.stringMatching(/^[a-z ]{0,40}$/)), (s) => {
      const bytes = textToBytes(s);
      expect(applyMerges(bytes, ranks)).toEqual(naiveMerge(bytes, ranks));
    }), { numRuns: 500 });
  });

  it('learns the same merges as recounting from scratch, whatever the order of the counts', () => {
    fc.assert(fc.property(wordy, (texts) => {
      const counts = countChunks(texts);
      const merges = learnMerges(counts, 20);
      expect(merges).toEqual(naiveLearn(counts, 20));
      expect(learnMerges(new Map([...counts].reverse()), 20)).toEqual(merges);
    }), { numRuns: 200 });
  });

  it('writes a file that loads back, and rejects malformed ones', () => {
    const json = trainTokenizer(['the cat jumps'], 270).toJSON();
    expect(json.pretokenizer).toBe(PRETOKENIZER);
    expect(BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    const bad = [
      null, {}, { ...json, type: 'bpe' }, { ...json, eot_id: 0 }, { ...json, vocab_size: 9999 },
      { ...json, merges: [[0, 9999]] , vocab_size: 258, eot_id: 257 }, { ...json, pretokenizer: '/a/g' },
      { ...json, merges: [[1, 2], [1, 2]], vocab_size: 259, eot_id: 258 },
    ];
    for (const b of bad) expect(() => BpeTokenizer.fromJSON(b)).toThrow();
  });
});
