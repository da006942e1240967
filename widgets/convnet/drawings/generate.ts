// Samples of the 10 classes: one drawer per class (classes/), placed and hand-drawn by place.ts.

import { DRAWERS } from './classes/index.ts';
import { place } from './place.ts';
import { createRng, type Rng } from './random.ts';
import type { Drawing } from './types.ts';

export function drawSample(label: number, rng: Rng): Drawing {
  const drawer = DRAWERS[label];
  if (drawer === undefined) throw new RangeError(`no class ${label}`);
  return place(drawer(rng), label, rng);
}

/** `count` drawings from one PRNG stream seeded with `seed`; sample i is of class i mod 10, so every
 * prefix of 10k samples is balanced. */
export function* sampleDataset(count: number, seed: number): Generator<Drawing> {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) yield drawSample(i % DRAWERS.length, rng);
}
