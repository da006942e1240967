// The features every learner sees (Golding 1995; Golding & Roth 1999; Banko & Brill 2001 used the same two
// kinds): context words anywhere within ±K of the target, as a bag, and collocations, the exact words at
// fixed offsets next to it. Strings, so that each learner builds its own vocabulary from its training data.
import type { Example } from './examples.ts';

/** Context words are taken within this many words on each side. */
export const CONTEXT_K = 3;

/** Collocation features: the word just before, just after, around, and the two before / after. */
export function collocations(e: Pick<Example, 'left' | 'right'>): string[] {
  const [l1 = '<s>', l2 = '<s>'] = e.left;
  const [r1 = '</s>', r2 = '</s>'] = e.right;
  return [`L1=${l1}`, `R1=${r1}`, `L1R1=${l1} ${r1}`, `L2L1=${l2} ${l1}`, `R1R2=${r1} ${r2}`];
}

/** Every feature of an example: its collocations, then each distinct context word within ±CONTEXT_K. */
export function features(e: Pick<Example, 'left' | 'right'>): string[] {
  const bag = new Set([...e.left.slice(0, CONTEXT_K), ...e.right.slice(0, CONTEXT_K)]);
  return [...collocations(e), ...[...bag].map((w) => `W=${w}`)];
}
