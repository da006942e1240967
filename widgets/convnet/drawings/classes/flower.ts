// A flower: a round centre ringed by petals (little circles, long loops, or one wavy daisy outline), a
// stem (straight or gently bent) and none to two leaves on it.

import type { Sketch } from '../place.ts';
import { bezier, circle, ellipse, lens, wavyCircle } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawFlower(rng: Rng): Sketch {
  const cy = rng.uniform(-0.3, -0.2);
  const rc = rng.uniform(0.06, 0.1);
  const sketch: Sketch = [{ part: 'flower-centre', path: circle(0, cy, rc) }];
  const n = rng.int(5, 8);
  const kind = rng.pick(['circles', 'loops', 'daisy'] as const);
  const phase = rng.uniform(0, 2 * Math.PI);
  if (kind === 'daisy') {
    const reach = rc + rng.uniform(0.12, 0.18);
    sketch.push({ part: 'flower-petal', path: wavyCircle(0, cy, reach * 0.8, n, 0.3, phase) });
  } else {
    const rp = rng.uniform(0.07, 0.11);
    const long = kind === 'loops' ? rng.uniform(1.3, 1.8) : 1;
    for (let i = 0; i < n; i++) {
      const t = phase + (2 * Math.PI * i) / n;
      const d = rc + rp * long;
      sketch.push({ part: 'flower-petal', path: ellipse(d * Math.cos(t), cy + d * Math.sin(t), rp * long, rp * Math.min(1, (Math.PI * d) / n / rp), t) });
    }
  }
  const bottom = 0.5;
  const sx = rng.uniform(-0.12, 0.12);
  const bend = rng.uniform(-0.15, 0.15);
  const stemTop = cy + rc;
  sketch.push({ part: 'flower-stem', path: bezier(0, stemTop, bend, (stemTop + bottom) / 2, sx, bottom) });
  const leaves = rng.pick([0, 1, 1, 2]);
  const first = rng.chance(0.5) ? 1 : -1;
  for (let i = 0; i < leaves; i++) {
    const s = i === 0 ? first : -first;
    const t = rng.uniform(0.45, 0.75);
    // The point of the stem's Bézier at t: the leaf grows from the stem.
    const lx = 2 * (1 - t) * t * bend + t * t * sx;
    const ly = (1 - t) * (1 - t) * stemTop + 2 * (1 - t) * t * ((stemTop + bottom) / 2) + t * t * bottom;
    const ll = rng.uniform(0.15, 0.22);
    const up = rng.uniform(0.4, 0.9);
    sketch.push({ part: 'flower-leaf', path: lens(lx, ly, lx + s * ll * Math.cos(up), ly - ll * Math.sin(up), rng.uniform(0.18, 0.28)) });
  }
  return sketch;
}
