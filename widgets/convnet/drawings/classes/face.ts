// A face: a round or oval head (sometimes ears, sometimes a few hairs), two eyes (rings, dots or closed
// arcs), a mouth (smile, straight or frown) and usually a nose.

import type { Sketch } from '../place.ts';
import { arc, circle, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawFace(rng: Rng): Sketch {
  const rx = rng.uniform(0.38, 0.48);
  const ry = rng.uniform(0.44, 0.5);
  const sketch: Sketch = [{ part: 'face-head', path: arc(0, 0, rx, ry, 0, 2 * Math.PI) }];
  if (rng.chance(0.3)) {
    for (const s of [-1, 1]) sketch.push({ part: 'face-head', path: arc(s * rx, 0, 0.07, 0.1, s > 0 ? -Math.PI / 2 : Math.PI / 2, s > 0 ? Math.PI / 2 : (3 * Math.PI) / 2) });
  }
  if (rng.chance(0.25)) {
    const n = rng.int(3, 5);
    for (let i = 0; i < n; i++) {
      const t = -Math.PI / 2 + (i - (n - 1) / 2) * 0.3;
      const x = rx * Math.cos(t), y = ry * Math.sin(t);
      sketch.push({ part: 'face-head', path: line(x, y, x * 1.25, y * 1.2) });
    }
  }
  const ex = rng.uniform(0.13, 0.2);
  const ey = rng.uniform(-0.2, -0.07);
  const eye = rng.pick(['ring', 'ring', 'dot', 'closed'] as const);
  const er = rng.uniform(0.04, 0.07);
  for (const s of [-1, 1]) {
    const x = s * ex;
    const path =
      eye === 'ring' ? circle(x, ey, er) : eye === 'dot' ? line(x - 0.01, ey, x + 0.01, ey) : arc(x, ey - er / 2, er * 1.2, er, Math.PI * 0.15, Math.PI * 0.85);
    sketch.push({ part: 'face-eye', path });
  }
  const my = rng.uniform(0.15, 0.28);
  const mw = rng.uniform(0.12, 0.22);
  const mouth = rng.pick(['smile', 'smile', 'smile', 'straight', 'frown'] as const);
  const mpath =
    mouth === 'smile'
      ? arc(0, my - mw * 0.5, mw, mw * rng.uniform(0.5, 0.9), Math.PI * 0.15, Math.PI * 0.85)
      : mouth === 'straight'
        ? line(-mw * 0.7, my, mw * 0.7, my)
        : arc(0, my + mw * 0.4, mw * 0.8, mw * 0.5, Math.PI * 1.15, Math.PI * 1.85);
  sketch.push({ part: 'face-mouth', path: mpath });
  if (rng.chance(0.7)) {
    const ny = rng.uniform(0.02, 0.08);
    const nose = rng.pick(['line', 'hook', 'button'] as const);
    const npath =
      nose === 'line'
        ? line(0, ey + 0.08, 0, ny)
        : nose === 'hook'
          ? polyline([0.01, ey + 0.07, -0.05, ny, 0.02, ny])
          : arc(0, ny - 0.02, 0.04, 0.03, 0, Math.PI);
    sketch.push({ part: 'face-nose', path: npath });
  }
  return sketch;
}
