/**
 * Seeded pseudo-random numbers, so that a scene is the same array bit for bit on every run and machine:
 * mulberry32 (Tommy Ettinger), a 32-bit state, plenty for placing splats and cheap enough for millions.
 */

export { mulberry32 } from '../../runtime/mulberry32.ts';

/** Uniform in [low, high). */
export function uniform(random: () => number, low: number, high: number): number {
  return low + (high - low) * random();
}
