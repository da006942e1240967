// A truck side-on: a tall cab with a window at one end, a long cargo box behind it, and two or three wheels.
// Wheels and a window like the car's and the bus's; what tells it apart is the step between cab and box.

import type { Sketch } from '../place.ts';
import { circle, polyline, rect } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawTruck(rng: Rng): Sketch {
  const front = 0.5;
  const rear = -0.5;
  const cabW = rng.uniform(0.22, 0.3);
  const cabH = rng.uniform(0.3, 0.42);
  const boxH = cabH + rng.uniform(0.02, 0.14);
  const gap = rng.uniform(0.01, 0.04);
  const cabBack = front - cabW;
  const slope = rng.uniform(0.02, 0.08);
  const sketch: Sketch = [
    { part: 'truck-cab', path: polyline([cabBack, 0, front, 0, front, -cabH * 0.55, front - slope, -cabH, cabBack, -cabH], true) },
    { part: 'truck-cargo', path: rect((rear + cabBack - gap) / 2, -boxH / 2, cabBack - gap - rear, boxH) },
  ];
  const wy = -cabH * rng.uniform(0.62, 0.72);
  const wh = cabH * rng.uniform(0.22, 0.3);
  sketch.push({ part: 'truck-window', path: polyline([cabBack + 0.03, wy + wh / 2, front - slope - 0.02, wy + wh / 2, front - slope * 1.3 - 0.02, wy - wh / 2, cabBack + 0.03, wy - wh / 2], true) });
  const r = rng.uniform(0.08, 0.11);
  const wheelY = rng.uniform(0, 0.04);
  const xs = [front - cabW / 2, rear + rng.uniform(0.12, 0.18)];
  if (rng.chance(0.5)) xs.push(xs[1]! + 2.2 * r);
  for (const x of xs) sketch.push({ part: 'truck-wheel', path: circle(x, wheelY, r) });
  return sketch;
}
