// A vase: a rounded body narrowing to a neck and a flared lip, no handle, sometimes a band of pattern. Its
// body is drawn like a teacup's, so the neck and the missing handle are what separate it from a cup.

import type { Sketch } from '../place.ts';
import { ellipse, line, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawVase(rng: Rng): Sketch {
  const bottom = 0.5;
  const h = rng.uniform(0.55, 0.75);
  const belly = rng.uniform(0.2, 0.3);
  const base = belly * rng.uniform(0.45, 0.7);
  const shoulder = bottom - h * rng.uniform(0.55, 0.7);
  const neck = belly * rng.uniform(0.3, 0.5);
  const neckTop = bottom - h;
  const bellyY = bottom - h * rng.uniform(0.25, 0.4);
  const side = (s: number) => [s * base, bottom, s * belly, bellyY, s * belly * 0.85, shoulder + 0.04, s * neck, shoulder];
  const right = side(1);
  const left = side(-1);
  // One closed outline for the body: up the right side to the shoulder, across, down the left side.
  const body: number[] = [...right];
  for (let i = left.length - 2; i >= 0; i -= 2) body.push(left[i]!, left[i + 1]!);
  const sketch: Sketch = [{ part: 'vase-body', path: polyline(body, true) }];
  const lip = neck * rng.uniform(1.2, 1.6);
  sketch.push({ part: 'vase-neck', path: polyline([neck, shoulder, neck * 0.9, neckTop + 0.04, lip, neckTop]) });
  sketch.push({ part: 'vase-neck', path: polyline([-neck, shoulder, -neck * 0.9, neckTop + 0.04, -lip, neckTop]) });
  if (rng.chance(0.4)) sketch.push({ part: 'vase-neck', path: ellipse(0, neckTop, lip, rng.uniform(0.02, 0.04)) });
  if (rng.chance(0.5)) {
    const y = bellyY + rng.uniform(-0.05, 0.05);
    sketch.push({ part: 'vase-body', path: line(-belly * 0.95, y, belly * 0.95, y) });
  }
  return sketch;
}
