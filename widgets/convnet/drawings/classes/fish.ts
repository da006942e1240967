// A fish side-on: an oval or lens-shaped body, a tail fin (triangle or forked), an eye near the front, often
// a dorsal fin and a gill arc.

import type { Sketch } from '../place.ts';
import { arc, circle, ellipse, lens, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawFish(rng: Rng): Sketch {
  const len = rng.uniform(0.6, 0.75);
  const h = len * rng.uniform(0.3, 0.55);
  const nose = 0.5;
  const back = nose - len;
  const cx = (nose + back) / 2;
  const body = rng.chance(0.5) ? ellipse(cx, 0, len / 2, h / 2) : lens(back, 0, nose, 0, h / len / 2);
  const sketch: Sketch = [{ part: 'fish-body', path: body }];
  const tl = rng.uniform(0.15, 0.25);
  const th = rng.uniform(0.15, 0.25);
  const attach = back + 0.02; // the tail's tip just inside the body, so the two strokes join
  if (rng.chance(0.7)) {
    sketch.push({ part: 'fish-fin', path: polyline([attach, 0, attach - tl, -th, attach - tl, th], true) });
  } else {
    sketch.push({ part: 'fish-fin', path: polyline([attach, 0, attach - tl, -th, attach - tl * 0.6, 0, attach - tl, th], true) });
  }
  if (rng.chance(0.6)) {
    const fx = cx + rng.uniform(-0.1, 0.05);
    const fw = rng.uniform(0.08, 0.14);
    const top = -h / 2 * 0.9;
    sketch.push({ part: 'fish-fin', path: polyline([fx + fw / 2, top, fx - fw / 2, top - rng.uniform(0.07, 0.12), fx - fw / 2, top + 0.02]) });
  }
  const ex = nose - len * rng.uniform(0.18, 0.26);
  const ey = -h * rng.uniform(0.1, 0.2);
  sketch.push({ part: 'fish-eye', path: rng.chance(0.7) ? circle(ex, ey, rng.uniform(0.03, 0.05)) : line(ex - 0.01, ey, ex + 0.01, ey) });
  if (rng.chance(0.4)) {
    const gx = nose - len * 0.38;
    sketch.push({ part: 'fish-body', path: arc(gx - h * 0.4, 0, h * 0.4, h * 0.35, -Math.PI / 3, Math.PI / 3) });
  }
  return sketch;
}
