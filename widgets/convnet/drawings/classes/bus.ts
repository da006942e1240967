// A bus side-on: a long boxy body with a flat roof, two wheels under it like a car's, a row of three to five
// square windows and a door near the front. It shares wheels and windows with the car and the truck, so its
// parts alone do not name it: their number and arrangement do.

import type { Sketch } from '../place.ts';
import { circle, polyline, rect } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawBus(rng: Rng): Sketch {
  const h = rng.uniform(0.34, 0.46);
  const front = 0.5;
  const rear = -0.5;
  const top = -h;
  const bevel = rng.uniform(0.02, 0.07);
  const body = polyline([rear, 0, front, 0, front, top + bevel, front - bevel, top, rear + bevel * 0.5, top, rear, top + bevel * 0.5], true);
  const sketch: Sketch = [{ part: 'bus-body', path: body }];
  const r = rng.uniform(0.08, 0.11);
  const wheelY = rng.uniform(-0.01, 0.03);
  for (const x of [rear + rng.uniform(0.14, 0.22), front - rng.uniform(0.14, 0.22)]) sketch.push({ part: 'bus-wheel', path: circle(x, wheelY, r) });
  const dw = rng.uniform(0.09, 0.13);
  const doorX = front - rng.uniform(0.08, 0.12) - dw / 2;
  const doorTop = top + rng.uniform(0.05, 0.08);
  sketch.push({ part: 'bus-door', path: polyline([doorX - dw / 2, -0.01, doorX - dw / 2, doorTop, doorX + dw / 2, doorTop, doorX + dw / 2, -0.01]) });
  const count = rng.int(3, 5);
  const wy = top + h * rng.uniform(0.3, 0.36);
  const ws = h * rng.uniform(0.3, 0.38);
  const from = rear + 0.07 + ws / 2;
  const to = doorX - dw / 2 - 0.04 - ws / 2;
  for (let i = 0; i < count; i++) {
    const x = count === 1 ? (from + to) / 2 : from + ((to - from) * i) / (count - 1);
    sketch.push({ part: 'bus-window', path: rect(x, wy, Math.min(ws, ((to - from) / Math.max(1, count - 1)) * 0.8), ws) });
  }
  return sketch;
}
