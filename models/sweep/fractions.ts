// Data fractions for the scaling sweeps: a seeded shuffle of the training documents, cut where the running
// size first reaches the fraction. Whole documents (as the corpus split is by document), nested (the 1/8
// subset of a seed lies inside its 1/4 subset, so a bigger fraction only adds data), and the same for every
// learner that uses the same seed.
import { mulberry32, shuffled } from '../data/prng.ts';

/** The fractions of Brown train the sweeps use. */
export const SWEEP_FRACTIONS = [1 / 8, 1 / 4, 1 / 2, 1] as const;

/** A fraction as logs write it: "1/8", "1". */
export const fractionLabel = (f: number) => (f === 1 ? '1' : `1/${Math.round(1 / f)}`);

export interface Sized {
  id: string;
  /** Words, tokens or anything additive. */
  size: number;
}

/** The shuffled order of documents for a seed (ids sorted first, so input order does not matter). */
export function documentOrder<T extends Sized>(docs: readonly T[], seed: number): T[] {
  const sorted = docs.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return shuffled(sorted, mulberry32(seed));
}

/** The shortest prefix of the seed's order whose size reaches `fraction` of the total (all of it at 1). */
export function nestedSubset<T extends Sized>(docs: readonly T[], fraction: number, seed: number): T[] {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`nestedSubset: fraction must be in (0, 1], got ${fraction}`);
  const order = documentOrder(docs, seed);
  const total = order.reduce((s, d) => s + d.size, 0);
  const out: T[] = [];
  let size = 0;
  for (const d of order) {
    if (size >= fraction * total && out.length > 0) break;
    out.push(d);
    size += d.size;
  }
  return out;
}
