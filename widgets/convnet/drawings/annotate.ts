// Per-pixel labels for probing (CONTRACT.md): each inked pixel takes the part, the orientation and the
// shape of the stroke that covers it most, read at that stroke's segment nearest the pixel's centre.
// Orientation is the direction of the nearest segment, measured as on screen (counter-clockwise, y up), so
// bin 2 is '/', bin 6 is '\'. Shape, first match wins: 'end' within 1 px (plus the half pen width, so a
// round cap counts) of an open stroke's first or last point; 'corner' within 1.5 px of a vertex where the
// stroke turns by more than 45°; 'curve' on a curved stroke (types.ts); else 'straight'.

import { ORIENTATION_BINS, SHAPE } from './parts.ts';
import type { Coverage } from './rasterize.ts';
import type { Stroke } from './types.ts';

const END_PX = 1;
const CORNER_PX = 1.5;
const CORNER_TURN = Math.PI / 4;

interface Geometry {
  /** Points in pixel units. */
  p: Float64Array;
  closed: boolean;
  /** Vertices (pixel units) where the stroke turns by more than CORNER_TURN. */
  corners: number[];
}

export function labelPixels(strokes: readonly Stroke[], cov: Coverage): { part: Uint8Array; orientation: Uint8Array; shape: Uint8Array } {
  const { size, best, segment } = cov;
  const part = new Uint8Array(size * size);
  const orientation = new Uint8Array(size * size);
  const shape = new Uint8Array(size * size);
  const geometry = new Map<number, Geometry>();
  for (let pixel = 0; pixel < best.length; pixel++) {
    const s = best[pixel]!;
    if (s < 0) continue;
    const stroke = strokes[s]!;
    let g = geometry.get(s);
    if (g === undefined) {
      g = geometryOf(stroke, size);
      geometry.set(s, g);
    }
    const x = (pixel % size) + 0.5;
    const y = Math.floor(pixel / size) + 0.5;
    part[pixel] = stroke.part + 1;
    orientation[pixel] = 1 + orientationBin(g.p, segment[pixel]!);
    shape[pixel] = shapeOf(g, stroke, (stroke.width * size) / 2, x, y);
  }
  return { part, orientation, shape };
}

function geometryOf(stroke: Stroke, size: number): Geometry {
  const p = Float64Array.from(stroke.points, (v) => v * size);
  const n = p.length / 2;
  const closed = n > 2 && stroke.points[0] === stroke.points[p.length - 2] && stroke.points[1] === stroke.points[p.length - 1];
  // Directions of the non-degenerate segments, each with the vertex it starts from.
  const dirs: { at: number; dx: number; dy: number }[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const dx = p[2 * i + 2]! - p[2 * i]!;
    const dy = p[2 * i + 3]! - p[2 * i + 1]!;
    if (dx * dx + dy * dy > 1e-12) dirs.push({ at: i, dx, dy });
  }
  const corners: number[] = [];
  const turn = (a: { dx: number; dy: number }, b: { dx: number; dy: number }) =>
    Math.acos(Math.max(-1, Math.min(1, (a.dx * b.dx + a.dy * b.dy) / Math.hypot(a.dx, a.dy) / Math.hypot(b.dx, b.dy))));
  for (let j = 1; j < dirs.length; j++) {
    if (turn(dirs[j - 1]!, dirs[j]!) > CORNER_TURN) corners.push(p[2 * dirs[j]!.at]!, p[2 * dirs[j]!.at + 1]!);
  }
  if (closed && dirs.length > 1 && turn(dirs[dirs.length - 1]!, dirs[0]!) > CORNER_TURN) corners.push(p[0]!, p[1]!);
  return { p, closed, corners };
}

/** The orientation bin (0 … 7) of the segment starting at coordinate i; of the nearest non-degenerate one
 * if it has no length, 0 for a dot. */
function orientationBin(p: Float64Array, i: number): number {
  let dx = 0, dy = 0;
  for (let step = 0; step < p.length && dx === 0 && dy === 0; step += 2) {
    for (const j of [i - step, i + step]) {
      if (j < 0 || j + 3 >= p.length || (dx !== 0 || dy !== 0)) continue;
      dx = p[j + 2]! - p[j]!;
      dy = p[j + 3]! - p[j + 1]!;
    }
  }
  if (dx === 0 && dy === 0) return 0;
  const degrees = ((Math.atan2(-dy, dx) * 180) / Math.PI + 360) % 180;
  return Math.floor((degrees + 180 / ORIENTATION_BINS / 2) / (180 / ORIENTATION_BINS)) % ORIENTATION_BINS;
}

function shapeOf(g: Geometry, stroke: Stroke, halfWidth: number, x: number, y: number): number {
  const p = g.p;
  if (!g.closed) {
    const reach = (END_PX + halfWidth) ** 2;
    if ((x - p[0]!) ** 2 + (y - p[1]!) ** 2 <= reach) return SHAPE.end;
    if ((x - p[p.length - 2]!) ** 2 + (y - p[p.length - 1]!) ** 2 <= reach) return SHAPE.end;
  }
  for (let i = 0; i < g.corners.length; i += 2) {
    if ((x - g.corners[i]!) ** 2 + (y - g.corners[i + 1]!) ** 2 <= CORNER_PX * CORNER_PX) return SHAPE.corner;
  }
  return stroke.curved ? SHAPE.curve : SHAPE.straight;
}
