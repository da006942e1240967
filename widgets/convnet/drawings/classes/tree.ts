// A tree: a trunk (two lines, or one for a thin tree, sometimes forking into branches) under a round, cloudy
// or pointed (fir) crown.

import type { Sketch } from '../place.ts';
import { circle, line, polyline, wavyCircle } from '../primitives.ts';
import type { Rng } from '../random.ts';

export function drawTree(rng: Rng): Sketch {
  const bottom = 0.5;
  const crownKind = rng.pick(['round', 'cloud', 'cloud', 'fir'] as const);
  const sketch: Sketch = [];
  if (crownKind === 'fir') {
    const trunkTop = bottom - rng.uniform(0.12, 0.2);
    const tw = rng.uniform(0.05, 0.1);
    sketch.push({ part: 'tree-trunk', path: polyline([-tw / 2, trunkTop, -tw / 2, bottom, tw / 2, bottom, tw / 2, trunkTop]) });
    const tiers = rng.int(1, 3);
    const height = rng.uniform(0.7, 0.85);
    const width = rng.uniform(0.45, 0.7);
    for (let i = 0; i < tiers; i++) {
      // Tiers overlap: each starts a little above the previous one's base and is a little narrower.
      const base = trunkTop - (i * height) / (tiers + 1);
      const apex = trunkTop - height + (tiers - 1 - i) * 0.05;
      const half = (width / 2) * (1 - (0.6 * i) / tiers);
      sketch.push({ part: 'tree-crown', path: polyline([-half, base, 0, apex, half, base], true) });
    }
    return sketch;
  }
  const r = rng.uniform(0.28, 0.4);
  const trunkH = rng.uniform(0.3, 0.45);
  const trunkTop = bottom - trunkH;
  const cy = trunkTop - r * rng.uniform(0.7, 0.9);
  if (rng.chance(0.2)) {
    sketch.push({ part: 'tree-trunk', path: line(0, bottom, 0, trunkTop - r * 0.3) });
  } else {
    const wb = rng.uniform(0.1, 0.18);
    const wt = wb * rng.uniform(0.5, 0.9);
    sketch.push({ part: 'tree-trunk', path: line(-wb / 2, bottom, -wt / 2, trunkTop) });
    sketch.push({ part: 'tree-trunk', path: line(wb / 2, bottom, wt / 2, trunkTop) });
    if (rng.chance(0.3)) sketch.push({ part: 'tree-trunk', path: line(-wb / 2 - 0.06, bottom, wb / 2 + 0.06, bottom) });
  }
  if (rng.chance(0.35)) {
    const s = rng.chance(0.5) ? 1 : -1;
    sketch.push({ part: 'tree-trunk', path: line(0, trunkTop, s * r * 0.45, trunkTop - r * 0.5) });
  }
  const crown = crownKind === 'round' ? circle(0, cy, r) : wavyCircle(0, cy, r, rng.int(5, 8), rng.uniform(0.08, 0.14), rng.uniform(0, 2 * Math.PI));
  sketch.push({ part: 'tree-crown', path: crown });
  return sketch;
}
