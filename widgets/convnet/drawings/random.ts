// A seeded PRNG (mulberry32) with the few draws the drawers need. Every draw goes through `next`, so a
// seed fixes the whole stream, and the same seed gives the same drawings on every machine.
import { mulberry32 } from '../../runtime/mulberry32.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
  /** Gaussian (Box–Muller, two draws per call, no cached second value). */
  normal(mean?: number, sd?: number): number;
  /** Integer uniform in [a, b], both ends included. */
  int(a: number, b: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    uniform: (a, b) => a + (b - a) * next(),
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next(); // (0, 1]: log stays finite
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (a, b) => a + Math.floor(next() * (b - a + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick: no items');
      return items[Math.floor(next() * items.length)]!;
    },
  };
  return rng;
}
