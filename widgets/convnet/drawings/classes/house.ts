// A house front-on: square-ish walls, a gable or hipped roof with eaves, a door standing on the ground line
// (usually), and none to two windows, some with a cross of glazing bars.

import type { Sketch } from '../place.ts';
import { line, polyline, rect } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawHouse(rng: Rng): Sketch {
  const w = rng.uniform(0.6, 0.9);
  const h = rng.uniform(0.45, 0.7);
  const bottom = 0.5;
  const top = bottom - h;
  const eave = rng.uniform(0, 0.08);
  const rise = rng.uniform(0.25, 0.45);
  const roof =
    rng.chance(0.7)
      ? polyline([-w / 2 - eave, top, rng.uniform(-0.05, 0.05), top - rise, w / 2 + eave, top])
      : polyline([-w / 2 - eave, top, -w * rng.uniform(0.15, 0.3), top - rise, w * rng.uniform(0.15, 0.3), top - rise, w / 2 + eave, top]);
  const sketch: Sketch = [
    { part: 'house-wall', path: rect(0, (top + bottom) / 2, w, h) },
    { part: 'house-roof', path: roof },
  ];
  const hasDoor = rng.chance(0.85);
  const dw = rng.uniform(0.14, 0.22);
  const dh = h * rng.uniform(0.45, 0.65);
  const side = rng.chance(0.5) ? 1 : -1;
  const dx = hasDoor ? rng.uniform(-0.05, 0.15) * side * w : 0;
  if (hasDoor) sketch.push({ part: 'house-door', path: polyline([dx - dw / 2, bottom, dx - dw / 2, bottom - dh, dx + dw / 2, bottom - dh, dx + dw / 2, bottom]) });
  const windows = rng.pick([0, 1, 1, 2, 2]);
  const ws = rng.uniform(0.12, 0.18);
  const wy = top + h * rng.uniform(0.25, 0.4);
  const slots = hasDoor ? [-side * w * 0.27, side * w * 0.3] : [-w * 0.22, w * 0.22];
  const cross = rng.chance(0.5);
  for (let i = 0; i < windows; i++) {
    const wx = slots[i]!;
    if (hasDoor && Math.abs(wx - dx) < (dw + ws) / 2 + 0.03) continue;
    sketch.push({ part: 'house-window', path: rect(wx, wy, ws, ws) });
    if (cross) {
      sketch.push({ part: 'house-window', path: line(wx - ws / 2, wy, wx + ws / 2, wy) });
      sketch.push({ part: 'house-window', path: line(wx, wy - ws / 2, wx, wy + ws / 2) });
    }
  }
  return sketch;
}
