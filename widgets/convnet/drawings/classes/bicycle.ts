// A bicycle side-on: two big wheels, the diamond frame (rear triangle, top and down tubes, fork), a seat and
// handlebar (drawn as part of the frame: at 32 px they are a pixel or two).

import type { Sketch } from '../place.ts';
import { circle, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawBicycle(rng: Rng): Sketch {
  const r = rng.uniform(0.17, 0.23);
  const half = rng.uniform(0.27, 0.33);
  const hub = r;
  const rear = { x: -half, y: hub };
  const front = { x: half, y: hub };
  const crank = { x: rng.uniform(-0.08, 0.02), y: hub + rng.uniform(0, 0.04) };
  const frameTop = hub - rng.uniform(0.28, 0.36);
  const seat = { x: crank.x - rng.uniform(0.08, 0.14), y: frameTop };
  const head = { x: front.x - rng.uniform(0.08, 0.14), y: frameTop + rng.uniform(-0.02, 0.04) };
  const sketch: Sketch = [
    { part: 'bicycle-wheel', path: circle(rear.x, rear.y, r) },
    { part: 'bicycle-wheel', path: circle(front.x, front.y, r) },
    // Rear triangle and top tube to the head, then the fork down to the front hub.
    { part: 'bicycle-frame', path: polyline([crank.x, crank.y, rear.x, rear.y, seat.x, seat.y, head.x, head.y, front.x, front.y]) },
    { part: 'bicycle-frame', path: line(seat.x, seat.y, crank.x, crank.y) },
    { part: 'bicycle-frame', path: line(crank.x, crank.y, head.x, head.y) },
  ];
  const post = rng.uniform(0.04, 0.08);
  const saddle = rng.uniform(0.08, 0.12);
  sketch.push({ part: 'bicycle-frame', path: polyline([seat.x, seat.y, seat.x - post * 0.3, seat.y - post]) });
  sketch.push({ part: 'bicycle-frame', path: line(seat.x - post * 0.3 - saddle * 0.6, seat.y - post, seat.x - post * 0.3 + saddle * 0.4, seat.y - post) });
  const stem = rng.uniform(0.06, 0.1);
  const bar = rng.uniform(0.06, 0.1);
  const hx = head.x - stem * 0.3;
  const hy = head.y - stem;
  sketch.push({ part: 'bicycle-frame', path: polyline([head.x, head.y, hx, hy, hx - bar, hy + rng.uniform(-0.03, 0.03)]) });
  return sketch;
}
