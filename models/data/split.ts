// Train/validation split BY DOCUMENT, stratified by fine genre: for every genre, shuffle its documents
// (sorted by id first) with a seeded PRNG and send max(1, round(fraction × n)) of them to validation.
import { mulberry32, shuffled } from './prng.ts';
import type { Split } from './types.ts';

export const SPLIT_SEED = 1961; // the Brown Corpus samples texts printed in 1961
export const VAL_FRACTION = 0.1;

export function stratifiedSplit(
  docs: readonly { id: string; genre: string }[],
  fraction = VAL_FRACTION,
  seed = SPLIT_SEED,
): Map<string, Split> {
  const byGenre = new Map<string, string[]>();
  for (const d of docs) {
    const list = byGenre.get(d.genre) ?? [];
    list.push(d.id);
    byGenre.set(d.genre, list);
  }
  const random = mulberry32(seed);
  const out = new Map<string, Split>();
  for (const genre of [...byGenre.keys()].sort()) {
    const ids = byGenre.get(genre)!.slice().sort();
    const nVal = Math.min(ids.length - 1, Math.max(1, Math.round(fraction * ids.length)));
    const order = shuffled(ids, random);
    order.forEach((id, i) => out.set(id, i < nVal ? 'val' : 'train'));
  }
  return out;
}
