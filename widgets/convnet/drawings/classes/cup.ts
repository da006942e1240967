// A cup: a mug (straight sides) or a teacup (flaring, round-bottomed), a handle loop on one side, and
// often a saucer line under it.

import type { Sketch } from '../place.ts';
import { arc, ellipse, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawCup(rng: Rng): Sketch {
  const bottom = rng.uniform(0.25, 0.35);
  const h = rng.uniform(0.45, 0.65);
  const top = bottom - h;
  const sketch: Sketch = [];
  let side: number; // x of the body's right side at mid height
  if (rng.chance(0.55)) {
    const w = h * rng.uniform(0.7, 0.95);
    const taper = rng.uniform(0, 0.06);
    sketch.push({ part: 'cup-body', path: polyline([-w / 2, top, w / 2, top, w / 2 - taper, bottom, -w / 2 + taper, bottom], true) });
    side = w / 2 - taper / 2;
  } else {
    const w = rng.uniform(0.6, 0.8);
    const r = rng.uniform(0.1, 0.2);
    const wb = w * rng.uniform(0.45, 0.65);
    // Sides flare out to the rim; the bottom corners are rounded.
    sketch.push({
      part: 'cup-body',
      path: polyline([-w / 2, top, w / 2, top, wb / 2 + r * 0.3, bottom - r * 0.5, wb / 2 - r * 0.2, bottom, -wb / 2 + r * 0.2, bottom, -wb / 2 - r * 0.3, bottom - r * 0.5], true),
    });
    side = (w / 2 + wb / 2) / 2;
    if (rng.chance(0.4)) sketch.push({ part: 'cup-body', path: ellipse(0, top, w / 2, rng.uniform(0.03, 0.06)) });
  }
  const hy = top + h * rng.uniform(0.35, 0.5);
  const hr = h * rng.uniform(0.22, 0.32);
  const hw = rng.uniform(0.15, 0.22);
  sketch.push({ part: 'cup-handle', path: arc(side - 0.01, hy, hw, hr, -Math.PI / 2, Math.PI / 2) });
  if (rng.chance(0.7)) {
    const sw = rng.uniform(0.45, 0.6);
    const sy = bottom + rng.uniform(0.03, 0.06);
    sketch.push({ part: 'cup-saucer', path: rng.chance(0.5) ? line(-sw, sy, sw, sy) : polyline([-sw, sy - 0.02, -sw * 0.75, sy + 0.03, sw * 0.75, sy + 0.03, sw, sy - 0.02]) });
  }
  return sketch;
}
