// A sailing boat: a hull (trapezoid, its bow raked forward), a mast, a mainsail and often a jib, sometimes a
// pennant at the masthead.

import type { Sketch } from '../place.ts';
import { line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawBoat(rng: Rng): Sketch {
  const deck = rng.uniform(0.15, 0.25);
  const depth = rng.uniform(0.12, 0.22);
  const keel = deck + depth;
  const bow = 0.5;
  const stern = -rng.uniform(0.4, 0.5);
  const sketch: Sketch = [
    {
      part: 'boat-hull',
      path: polyline([stern, deck, bow, deck, bow - rng.uniform(0.15, 0.3), keel, stern + rng.uniform(0.05, 0.15), keel], true),
    },
  ];
  const mast = rng.uniform(-0.12, 0.08);
  const head = -0.5;
  sketch.push({ part: 'boat-mast', path: line(mast, deck, mast, head) });
  const boom = deck - rng.uniform(0.04, 0.1);
  const aft = mast - rng.uniform(0.28, 0.4);
  const gap = 0.03;
  sketch.push({ part: 'boat-sail', path: polyline([mast - gap, head + 0.05, mast - gap, boom, aft, boom], true) });
  if (rng.chance(0.65)) {
    const fore = mast + rng.uniform(0.22, 0.35);
    sketch.push({ part: 'boat-sail', path: polyline([mast + gap, head + rng.uniform(0.08, 0.15), fore, boom, mast + gap, boom], true) });
  }
  if (rng.chance(0.3)) {
    const f = rng.uniform(0.08, 0.14);
    sketch.push({ part: 'boat-mast', path: polyline([mast, head, mast + f, head + 0.03, mast, head + 0.06]) });
  }
  return sketch;
}
