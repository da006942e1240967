// From an object drawn in its own frame (a Sketch) to a Drawing in the image: a random mirror, rotation
// (±20°), scale (its larger side 50–90 % of the image) and position that keeps it whole, one pen width
// (1–2 px at 32 px), then the hand-drawn look: every stroke is cut into ~1 px pieces and bent by smooth
// low-frequency noise (the slow drift of a hand), plus a little per-point jitter (its tremor).

import type { Path } from './primitives.ts';
import { partIndex, type PartName } from './parts.ts';
import type { Rng } from './random.ts';
import type { Drawing, Stroke } from './types.ts';

export interface SketchItem {
  part: PartName;
  path: Path;
}
export type Sketch = SketchItem[];

export const PLACEMENT = {
  maxTurn: (20 * Math.PI) / 180,
  scale: [0.5, 0.9],
  penWidth: [0.03, 0.06],
  // Peak slope of the bend = wobble · 2π / wavelength ≤ 0.012 · 2π / 0.4 ≈ 11°: a straight line stays in
  // its orientation bin unless it lies near a bin's edge.
  wobble: [0.003, 0.012],
  jitter: [0, 0.002],
  /** Arcs under this radius (drawing units: 6 px at 32 px) are 'curve' (CONTRACT.md). */
  curveRadius: 6 / 32,
  /** Longest piece a stroke is cut into before bending, ~1 px at 32 px. */
  piece: 0.03,
} as const;

export function place(sketch: Sketch, label: number, rng: Rng): Drawing {
  const mirror = rng.chance(0.5) ? -1 : 1;
  const turn = rng.uniform(-PLACEMENT.maxTurn, PLACEMENT.maxTurn);
  const cos = Math.cos(turn);
  const sin = Math.sin(turn);
  const turned = sketch.map(({ path }) => {
    const p = path.points;
    const out: number[] = [];
    for (let i = 0; i < p.length; i += 2) {
      const x = mirror * p[i]!;
      const y = p[i + 1]!;
      out.push(cos * x - sin * y, sin * x + cos * y);
    }
    return out;
  });

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of turned) {
    for (let i = 0; i < p.length; i += 2) {
      minX = Math.min(minX, p[i]!);
      maxX = Math.max(maxX, p[i]!);
      minY = Math.min(minY, p[i + 1]!);
      maxY = Math.max(maxY, p[i + 1]!);
    }
  }
  const k = rng.uniform(PLACEMENT.scale[0], PLACEMENT.scale[1]) / Math.max(maxX - minX, maxY - minY, 1e-6);
  const pen = rng.uniform(PLACEMENT.penWidth[0], PLACEMENT.penWidth[1]);
  const margin = pen / 2 + 0.015;
  const offset = (lo: number, hi: number) => {
    const a = margin - k * lo;
    const b = 1 - margin - k * hi;
    return a <= b ? rng.uniform(a, b) : (a + b) / 2;
  };
  const dx = offset(minX, maxX);
  const dy = offset(minY, maxY);
  const wobble = rng.uniform(PLACEMENT.wobble[0], PLACEMENT.wobble[1]);
  const jitter = rng.uniform(PLACEMENT.jitter[0], PLACEMENT.jitter[1]);

  const strokes: Stroke[] = sketch.map(({ part, path }, s) => {
    const p = turned[s]!;
    const pts: number[] = [];
    for (let i = 0; i < p.length; i += 2) pts.push(dx + k * p[i]!, dy + k * p[i + 1]!);
    if (path.closed) pts.push(pts[0]!, pts[1]!);
    return {
      // No tremor on arcs: their vertices are a fraction of a pixel apart, and jitter there would turn them
      // into spurious corners.
      points: handDrawn(pts, path.closed, wobble, path.radius === null ? jitter : 0, rng),
      width: pen * rng.uniform(0.9, 1.1),
      part: partIndex(part),
      curved: path.radius !== null && path.radius * k < PLACEMENT.curveRadius,
    };
  });
  return { strokes, label };
}

/** Cuts the polyline into short pieces and bends it; a closed stroke stays closed (periodic noise, the last
 * point set back onto the first). */
export function handDrawn(pts: number[], closed: boolean, wobble: number, jitter: number, rng: Rng): Float32Array {
  const cut: number[] = [pts[0]!, pts[1]!];
  const along: number[] = [0];
  for (let i = 2; i < pts.length; i += 2) {
    const x0 = pts[i - 2]!, y0 = pts[i - 1]!, x1 = pts[i]!, y1 = pts[i + 1]!;
    const len = Math.hypot(x1 - x0, y1 - y0);
    const n = Math.max(1, Math.ceil(len / PLACEMENT.piece));
    const start = along[along.length - 1]!;
    for (let j = 1; j <= n; j++) {
      cut.push(x0 + ((x1 - x0) * j) / n, y0 + ((y1 - y0) * j) / n);
      along.push(start + (len * j) / n);
    }
  }
  const total = along[along.length - 1]!;
  // Two sine waves per axis, wavelengths 0.4–1 of the image (shorter ones make circles look like polygons); on a closed stroke a whole number of them
  // fits the perimeter so the start and end move together.
  const waves = [0, 1, 2, 3].map(() => {
    let lambda = rng.uniform(0.4, 1);
    if (closed && total > 0) lambda = total / Math.max(1, Math.round(total / lambda));
    return { f: (2 * Math.PI) / lambda, phase: rng.uniform(0, 2 * Math.PI) };
  });
  const out = new Float32Array(cut.length);
  for (let i = 0; i < cut.length; i += 2) {
    const u = along[i / 2]!;
    const ox = wobble * 0.5 * (Math.sin(waves[0]!.f * u + waves[0]!.phase) + Math.sin(waves[1]!.f * u + waves[1]!.phase));
    const oy = wobble * 0.5 * (Math.sin(waves[2]!.f * u + waves[2]!.phase) + Math.sin(waves[3]!.f * u + waves[3]!.phase));
    const jx = jitter > 0 ? rng.normal(0, jitter) : 0;
    const jy = jitter > 0 ? rng.normal(0, jitter) : 0;
    out[i] = clamp01(cut[i]! + ox + jx);
    out[i + 1] = clamp01(cut[i + 1]! + oy + jy);
  }
  if (closed) {
    out[out.length - 2] = out[0]!;
    out[out.length - 1] = out[1]!;
  }
  return out;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
