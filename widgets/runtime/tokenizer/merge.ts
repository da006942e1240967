/**
 * Applies BPE merges to the bytes of one chunk: repeatedly merge the adjacent pair with the lowest
 * rank (the earliest learned merge), leftmost first. Merge r creates token 256 + r.
 *
 * A plain "scan for the best pair, merge, rescan" loop is quadratic in the chunk length, and a
 * chunk can be a whole 100k-character input (one long word, or a run of symbols). So the bytes
 * form a linked list and the candidate pairs sit in a min-heap keyed by (rank, position):
 * O(n log n). A heap entry is checked when popped, not deleted when it goes stale: it is still
 * valid iff its left node is alive and the pair there still has that rank (ranks are one-to-one
 * with pairs). Pairs created by a merge always have a higher rank than it (a merge can only use
 * tokens learned before it), so this pops merges in exactly the rank-then-left-to-right order.
 */
import { heapPop, heapPush } from './heap.ts';

/** Key of the pair (a, b) in the rank map; ids are < 2^16. */
export function pairKey(a: number, b: number): number {
  return a * 65536 + b;
}

// Heap keys pack rank * 2^32 + position, exact in a double while rank < 2^21; the smallest comes out first.
const POS = 4294967296;
const smaller = (a: number, b: number): boolean => a < b;

export function applyMerges(bytes: Uint8Array, ranks: ReadonlyMap<number, number>): number[] {
  const n = bytes.length;
  if (n < 2) return Array.from(bytes);
  const tok = Array.from(bytes);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap: number[] = [];
  const consider = (i: number): void => {
    if (i < 0 || next[i] < 0) return;
    const j = next[i];
    const r = ranks.get(pairKey(tok[i], tok[j]));
    if (r !== undefined) heapPush(heap, r * POS + i, smaller);
  };
  for (let i = 0; i + 1 < n; i++) consider(i);

  while (heap.length > 0) {
    const top = heapPop(heap, smaller);
    const rank = Math.floor(top / POS);
    const i = top - rank * POS;
    const j = next[i];
    if (tok[i] < 0 || j < 0 || ranks.get(pairKey(tok[i], tok[j])) !== rank) continue; // stale
    tok[i] = 256 + rank;
    tok[j] = -1; // dead
    next[i] = next[j];
    if (next[j] >= 0) prev[next[j]] = i;
    consider(prev[i]);
    consider(i);
  }
  const out: number[] = [];
  for (let i = 0; i >= 0; i = next[i]) out.push(tok[i]);
  return out;
}
