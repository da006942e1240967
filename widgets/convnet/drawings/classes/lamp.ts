// A lamp: a standard lamp (trapezoid shade on a straight pole) or a desk lamp (jointed arm, shade tipped
// down), on a flat base.

import type { Sketch } from '../place.ts';
import { arc, ellipse, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawLamp(rng: Rng): Sketch {
  const bottom = 0.5;
  const bw = rng.uniform(0.18, 0.3);
  const bh = rng.uniform(0.04, 0.08);
  const base =
    rng.chance(0.5)
      ? ellipse(0, bottom - bh / 2, bw, bh / 2)
      : polyline([-bw, bottom, -bw * 0.8, bottom - bh, bw * 0.8, bottom - bh, bw, bottom], true);
  const sketch: Sketch = [{ part: 'lamp-stand', path: base }];
  const baseTop = bottom - bh;
  if (rng.chance(0.65)) {
    const top = -0.5;
    const sh = rng.uniform(0.22, 0.35);
    const tw = rng.uniform(0.1, 0.18);
    const sw = rng.uniform(0.25, 0.38);
    sketch.push({ part: 'lamp-shade', path: polyline([-tw, top, tw, top, sw, top + sh, -sw, top + sh], true) });
    sketch.push({ part: 'lamp-stand', path: line(0, top + sh, 0, baseTop) });
    if (rng.chance(0.3)) {
      const cx = rng.uniform(0.4, 0.8) * sw;
      sketch.push({ part: 'lamp-stand', path: line(cx, top + sh, cx, top + sh + rng.uniform(0.1, 0.2)) });
    }
    return sketch;
  }
  // Desk lamp: base → elbow → head, the shade a trapezoid hanging from the head, turned to face down-forward.
  const elbow = { x: rng.uniform(-0.3, -0.15), y: rng.uniform(-0.15, 0.05) };
  const head = { x: rng.uniform(0.05, 0.2), y: rng.uniform(-0.5, -0.35) };
  sketch.push({ part: 'lamp-stand', path: polyline([0, baseTop, elbow.x, elbow.y, head.x, head.y]) });
  const tilt = rng.uniform(0.4, 0.9); // radians: the shade's axis from straight down, towards +x
  const ax = Math.sin(tilt), ay = Math.cos(tilt); // axis, pointing out of the mouth
  const px = ay, py = -ax; // across the axis
  const len = rng.uniform(0.2, 0.3);
  const tw = rng.uniform(0.04, 0.07);
  const mw = rng.uniform(0.14, 0.2);
  const mx = head.x + ax * len, my = head.y + ay * len;
  sketch.push({
    part: 'lamp-shade',
    path: polyline([head.x + px * tw, head.y + py * tw, mx + px * mw, my + py * mw, mx - px * mw, my - py * mw, head.x - px * tw, head.y - py * tw], true),
  });
  if (rng.chance(0.4)) sketch.push({ part: 'lamp-shade', path: arc(mx, my, mw * 0.5, mw * 0.5, Math.atan2(py, px), Math.atan2(py, px) + Math.PI, 0) });
  return sketch;
}
