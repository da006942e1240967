/**
 * Learning byte-level BPE merges (factory only; the browser just applies them).
 *
 * Input: how often each distinct pre-tokenised chunk occurs. Each step merges the most frequent
 * adjacent pair of tokens over all chunks (weighted by chunk count); ties go to the smaller pair
 * (first id, then second), so the result depends only on the counts, never on iteration order,
 * and two runs give identical merges.
 *
 * Pair counts are updated incrementally: only chunks that contain the merged pair are rewritten
 * (found through an index pair → chunks), and a lazy max-heap holds (count, pair) entries, an
 * entry being stale when the pair's count has changed since it was pushed.
 */

import { textToBytes } from '../../widgets/runtime/tokenizer/bytes.ts';
import { heapPop, heapPush } from '../../widgets/runtime/tokenizer/heap.ts';
import { pairKey } from '../../widgets/runtime/tokenizer/merge.ts';
import { BpeTokenizer } from '../../widgets/runtime/tokenizer/bpe.ts';
import { DEFAULT_PATTERN, PRETOKENIZER, forEachChunk } from '../../widgets/runtime/tokenizer/pretokenize.ts';

/** A tokenizer of (at most) `vocabSize` ids learned from `texts`: 256 bytes + merges + <|endoftext|>. */
export function trainTokenizer(texts: Iterable<string>, vocabSize: number): BpeTokenizer {
  const merges = learnMerges(countChunks(texts), vocabSize - 257);
  const v = 256 + merges.length + 1; // fewer merges than asked when the text runs out of pairs
  return new BpeTokenizer({ type: 'byte-bpe', vocab_size: v, eot_id: v - 1, pretokenizer: PRETOKENIZER, merges });
}

/** How often each distinct chunk occurs; merges are learned per chunk, never across chunks. */
export function countChunks(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) forEachChunk(text, DEFAULT_PATTERN, (c) => counts.set(c, (counts.get(c) ?? 0) + 1));
  return counts;
}

type Entry = [count: number, key: number];

// "a before b" in the max-heap: higher count, then smaller pair key.
const before = (x: Entry, y: Entry): boolean => x[0] > y[0] || (x[0] === y[0] && x[1] < y[1]);

export function learnMerges(chunkCounts: ReadonlyMap<string, number>, numMerges: number): [number, number][] {
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [chunk, c] of chunkCounts) {
    words.push(Array.from(textToBytes(chunk)));
    counts.push(c);
  }
  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const addPairs = (w: number, sign: number, delta: Map<number, number>): void => {
    const word = words[w];
    for (let i = 0; i + 1 < word.length; i++) {
      const k = pairKey(word[i], word[i + 1]);
      delta.set(k, (delta.get(k) ?? 0) + sign * counts[w]);
      if (sign > 0) {
        let s = where.get(k);
        if (s === undefined) where.set(k, (s = new Set()));
        s.add(w);
      }
    }
  };
  const heap: Entry[] = [];
  const apply = (delta: Map<number, number>): void => {
    for (const [k, d] of delta) {
      if (d === 0) continue;
      const c = (pairCount.get(k) ?? 0) + d;
      if (c > 0) {
        pairCount.set(k, c);
        heapPush(heap, [c, k], before);
      } else pairCount.delete(k);
    }
  };
  const initial = new Map<number, number>();
  for (let w = 0; w < words.length; w++) addPairs(w, 1, initial);
  apply(initial);

  const merges: [number, number][] = [];
  while (merges.length < numMerges && heap.length > 0) {
    const [c, k] = heapPop(heap, before);
    if (pairCount.get(k) !== c) continue; // stale entry
    const a = Math.floor(k / 65536);
    const b = k % 65536;
    const id = 256 + merges.length;
    merges.push([a, b]);
    const delta = new Map<number, number>();
    for (const w of where.get(k) ?? []) {
      const word = words[w];
      let found = false;
      for (let i = 0; i + 1 < word.length && !found; i++) found = word[i] === a && word[i + 1] === b;
      if (!found) continue; // the index is never pruned, so it can hold chunks that lost the pair
      addPairs(w, -1, delta);
      const merged: number[] = [];
      for (let i = 0; i < word.length; i++) {
        if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
          merged.push(id);
          i++;
        } else merged.push(word[i]);
      }
      words[w] = merged;
      addPairs(w, 1, delta);
    }
    where.delete(k);
    apply(delta);
  }
  return merges;
}
