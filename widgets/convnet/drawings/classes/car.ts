// A car side-on: one closed body outline (sedan, hatchback or van), two wheels straddling its bottom line,
// and usually side windows following the cabin.

import type { Sketch } from '../place.ts';
import { circle, polyline } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawCar(rng: Rng): Sketch {
  const low = rng.uniform(0.16, 0.26); // sill to beltline
  const cabin = rng.uniform(0.15, 0.24);
  const kind = rng.pick(['sedan', 'sedan', 'hatchback', 'van'] as const);
  const front = 0.5;
  const rear = -0.5;
  const shieldBase = rng.uniform(0.08, 0.22);
  const shieldTop = shieldBase - rng.uniform(0.08, 0.18);
  const roofEnd = kind === 'van' ? rear + rng.uniform(0, 0.04) : rng.uniform(-0.3, -0.15);
  const backBase = kind === 'sedan' ? rng.uniform(-0.42, -0.32) : rear;
  const belt = -low;
  const top = belt - cabin;
  const nose = rng.uniform(0.3, 0.7) * belt; // the bumper's height: a bevel up to the hood
  const body = polyline(
    [rear, 0, front, 0, front, nose, front - rng.uniform(0.02, 0.08), belt, shieldBase, belt, shieldTop, top, roofEnd, top, backBase, belt]
      .concat(kind === 'sedan' ? [rear, belt + rng.uniform(0, 0.04)] : []),
    true,
  );
  const sketch: Sketch = [{ part: 'car-body', path: body }];
  const r = rng.uniform(0.09, 0.13);
  const wheelY = rng.uniform(-0.01, 0.04);
  for (const x of [rear + rng.uniform(0.17, 0.25), front - rng.uniform(0.17, 0.25)]) {
    sketch.push({ part: 'car-wheel', path: circle(x, wheelY, r) });
  }
  if (rng.chance(0.75)) {
    // Inset the cabin: the window's bottom edge sits a little above the beltline.
    const inset = rng.uniform(0.035, 0.055);
    const wb = belt - inset / 2;
    const wt = top + inset;
    const slope = (shieldBase - shieldTop) / (belt - top);
    const xf = shieldBase - inset - slope * (belt - wb);
    const xfTop = shieldTop - inset;
    const backSlope = (roofEnd - backBase) / (top - belt);
    const xr = backBase + inset + backSlope * (wb - belt);
    const xrTop = roofEnd + inset;
    if (rng.chance(0.6) && xfTop - xrTop > 0.25) {
      const mid = (xfTop + xrTop) / 2 + rng.uniform(-0.04, 0.04);
      const gap = inset / 2;
      sketch.push({ part: 'car-window', path: polyline([xr, wb, xrTop, wt, mid - gap, wt, mid - gap, wb], true) });
      sketch.push({ part: 'car-window', path: polyline([mid + gap, wb, mid + gap, wt, xfTop, wt, xf, wb], true) });
    } else {
      sketch.push({ part: 'car-window', path: polyline([xr, wb, xrTop, wt, xfTop, wt, xf, wb], true) });
    }
  }
  return sketch;
}
