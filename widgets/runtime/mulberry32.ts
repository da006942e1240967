/**
 * Seeded pseudo-random numbers shared by the procedural generators (splat scenes, convnet drawings) and the
 * model factory's document split (models/data/prng.ts): mulberry32
 * (Tommy Ettinger), a 32-bit state, so the same seed gives the same stream, bit for bit, on every machine.
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
