/**
 * Seeded pseudo-random numbers, so that a scene is the same array bit for bit on every run and machine:
 * mulberry32 (Tommy Ettinger), a 32-bit state, plenty for placing splats and cheap enough for millions.
 */

/** A function returning uniform numbers in [0, 1), determined by `seed` (any number; its low 32 bits count). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform in [low, high). */
export function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}
