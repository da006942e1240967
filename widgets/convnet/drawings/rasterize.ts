// Strokes → pixels (CONTRACT.md, "Images" and "Per-pixel annotations"). Each stroke is the union of its
// segments' capsules (radius width/2, round caps and joins); a pixel's ink is the share of its 4 × 4
// samples inside the union of all strokes. Only the pixels in each segment's bounding box are visited, and a
// pixel whose centre is far from (or deep inside) a capsule skips its per-sample tests.

import { labelPixels } from './annotate.ts';
import type { Stroke } from './types.ts';

export interface Raster {
  /** size × size, row-major, ink = 1, paper = 0. */
  ink: Float32Array;
  /** 0 = no ink, else 1 + index into PARTS of the stroke covering the pixel most. */
  part: Uint8Array;
  /** 0 = no ink, else 1 + orientation bin (0 = horizontal, 2 = '/', 4 = vertical, 6 = '\'). */
  orientation: Uint8Array;
  /** 0 = no ink, else SHAPE.straight | corner | curve | end. */
  shape: Uint8Array;
}

const SAMPLES = 4;
/** Farthest a sample lies from its pixel's centre: (0.375, 0.375). */
const SAMPLE_REACH = 0.375 * Math.SQRT2;

/** Coverage of every pixel, and (when `track`) the stroke covering each pixel most. */
export interface Coverage {
  size: number;
  /** Samples (of 16) inside any stroke. */
  count: Uint8Array;
  /** Index of the stroke with the most samples in the pixel (the first on a tie); −1 where none. */
  best: Int16Array;
  /** Of that stroke, the segment (index of its first coordinate in `points`) nearest the pixel's centre. */
  segment: Int32Array;
}

interface Scratch {
  size: number;
  /** Per sample: the last stroke that covered it, −1 = paper. */
  stamp: Int32Array;
  /** Per pixel, for the stroke being drawn: samples covered, nearest segment and its distance. */
  own: Uint8Array;
  ownSegment: Int32Array;
  ownDistance: Float64Array;
  bestCount: Uint8Array;
}
let scratch: Scratch | null = null;

function coverage(strokes: readonly Stroke[], size: number, track: boolean): Coverage {
  const side = size * SAMPLES;
  if (scratch === null || scratch.size !== size) {
    const n = size * size;
    scratch = {
      size,
      stamp: new Int32Array(side * side),
      own: new Uint8Array(n),
      ownSegment: new Int32Array(n),
      ownDistance: new Float64Array(n).fill(Infinity),
      bestCount: new Uint8Array(n),
    };
  }
  const { stamp, own, ownSegment, ownDistance, bestCount } = scratch;
  stamp.fill(-1);
  bestCount.fill(0);
  const count = new Uint8Array(size * size);
  const best = new Int16Array(size * size).fill(-1);
  const segment = new Int32Array(size * size);

  for (let s = 0; s < strokes.length; s++) {
    const stroke = strokes[s]!;
    const p = stroke.points;
    if (p.length < 2) continue;
    const r = (stroke.width * size) / 2;
    const r2 = r * r;
    let sx0 = size, sy0 = size, sx1 = -1, sy1 = -1; // pixels this stroke came near
    const last = p.length >= 4 ? p.length - 2 : 0;
    for (let i = 0; i === 0 || i < last; i += 2) {
      const ax = p[i]! * size, ay = p[i + 1]! * size;
      const bx = p.length >= 4 ? p[i + 2]! * size : ax;
      const by = p.length >= 4 ? p[i + 3]! * size : ay;
      const dx = bx - ax, dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const inv = len2 > 0 ? 1 / len2 : 0;
      const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - r)), x1 = Math.min(size - 1, Math.floor(Math.max(ax, bx) + r));
      const y0 = Math.max(0, Math.floor(Math.min(ay, by) - r)), y1 = Math.min(size - 1, Math.floor(Math.max(ay, by) + r));
      for (let py = y0; py <= y1; py++) {
        for (let px = x0; px <= x1; px++) {
          const d = Math.sqrt(dist2(px + 0.5, py + 0.5, ax, ay, dx, dy, inv));
          if (d > r + SAMPLE_REACH) continue;
          const inside = d + SAMPLE_REACH <= r;
          const pixel = py * size + px;
          if (d < ownDistance[pixel]!) {
            ownDistance[pixel] = d;
            ownSegment[pixel] = i;
          }
          if (px < sx0) sx0 = px;
          if (px > sx1) sx1 = px;
          if (py < sy0) sy0 = py;
          if (py > sy1) sy1 = py;
          for (let j = 0; j < SAMPLES; j++) {
            const Y = py + (j + 0.5) / SAMPLES;
            let k = (py * SAMPLES + j) * side + px * SAMPLES;
            for (let i2 = 0; i2 < SAMPLES; i2++, k++) {
              if (stamp[k] === s) continue;
              if (!inside && dist2(px + (i2 + 0.5) / SAMPLES, Y, ax, ay, dx, dy, inv) > r2) continue;
              if (stamp[k] === -1) count[pixel]!++;
              stamp[k] = s;
              own[pixel]!++;
            }
          }
        }
      }
    }
    for (let py = sy0; py <= sy1; py++) {
      for (let px = sx0; px <= sx1; px++) {
        const pixel = py * size + px;
        if (track && own[pixel]! > bestCount[pixel]!) {
          bestCount[pixel] = own[pixel]!;
          best[pixel] = s;
          segment[pixel] = ownSegment[pixel]!;
        }
        own[pixel] = 0;
        ownDistance[pixel] = Infinity;
      }
    }
  }
  return { size, count, best, segment };
}

function dist2(x: number, y: number, ax: number, ay: number, dx: number, dy: number, inv: number): number {
  let t = ((x - ax) * dx + (y - ay) * dy) * inv;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = x - ax - t * dx;
  const ey = y - ay - t * dy;
  return ex * ex + ey * ey;
}

function inkOf(count: Uint8Array): Float32Array {
  const ink = new Float32Array(count.length);
  for (let i = 0; i < count.length; i++) ink[i] = count[i]! / (SAMPLES * SAMPLES);
  return ink;
}

/** Ink only: what the widget needs for the reader's sketch. */
export function rasterizeInk(strokes: readonly Stroke[], size = 32): Float32Array {
  return inkOf(coverage(strokes, size, false).count);
}

export function rasterize(strokes: readonly Stroke[], size = 32): Raster {
  const cov = coverage(strokes, size, true);
  return { ink: inkOf(cov.count), ...labelPixels(strokes, cov) };
}
