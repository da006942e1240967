// Occlusion for line drawings: what lies behind an opaque convex shape is not drawn. Each stroke is clipped
// to the outside of the shape (Cyrus–Beck: a segment meets a convex polygon in one interval of its length),
// so a hidden stretch of a stroke is gone and the stroke falls apart into pieces. The rasteriser is unchanged:
// an occluded drawing is still just strokes, which the widget can show and the labels follow.

import type { Stroke } from './types.ts';

/** Pieces shorter than this (drawing units, ~0.3 px at 32 px) are dropped: a stub, not a line. */
const MIN_PIECE = 0.01;

/**
 * The interval [t0, t1] ⊂ [0, 1] of the segment a → b inside the convex polygon `poly` (x0, y0, x1, y1, …,
 * either winding), or null when it misses.
 */
export function insideInterval(ax: number, ay: number, bx: number, by: number, poly: readonly number[]): [number, number] | null {
  const n = poly.length / 2;
  // Winding sign, so that "inside" is the same side of every edge.
  let area = 0;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    area += poly[2 * i]! * poly[2 * j + 1]! - poly[2 * j]! * poly[2 * i + 1]!;
  }
  const sign = area >= 0 ? 1 : -1;
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const ex = poly[2 * j]! - poly[2 * i]!;
    const ey = poly[2 * j + 1]! - poly[2 * i + 1]!;
    // side(p) = sign · cross(e, p − v_i) ≥ 0 inside; along the segment side = num + t · den.
    const num = sign * (ex * (ay - poly[2 * i + 1]!) - ey * (ax - poly[2 * i]!));
    const den = sign * (ex * dy - ey * dx);
    if (den === 0) {
      if (num < 0) return null;
      continue;
    }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return null;
  }
  return [t0, t1];
}

const length = (p: number[]) => {
  let s = 0;
  for (let i = 2; i < p.length; i += 2) s += Math.hypot(p[i]! - p[i - 2]!, p[i + 1]! - p[i - 1]!);
  return s;
};

/** The parts of `stroke` outside the convex polygon, as strokes of the same part, pen and curvature. */
export function clipOutside(stroke: Stroke, poly: readonly number[]): Stroke[] {
  const p = stroke.points;
  const n = p.length / 2;
  const closed = n > 2 && p[0] === p[p.length - 2] && p[1] === p[p.length - 1];
  const pieces: number[][] = [];
  let current: number[] = [p[0]!, p[1]!];
  let hidden = false;
  for (let i = 0; i + 1 < n; i++) {
    const ax = p[2 * i]!, ay = p[2 * i + 1]!, bx = p[2 * i + 2]!, by = p[2 * i + 3]!;
    const inside = insideInterval(ax, ay, bx, by, poly);
    if (inside === null || inside[1] - inside[0] <= 0) {
      current.push(bx, by);
      continue;
    }
    hidden = true;
    const [t0, t1] = inside;
    if (t0 > 0) current.push(ax + t0 * (bx - ax), ay + t0 * (by - ay));
    if (current.length >= 4) pieces.push(current);
    current = t1 < 1 ? [ax + t1 * (bx - ax), ay + t1 * (by - ay), bx, by] : [bx, by];
  }
  if (current.length >= 4) pieces.push(current);
  if (!hidden) return [stroke];
  // A closed stroke cut somewhere: its last piece runs on into its first through the closing point.
  if (closed && pieces.length >= 2) {
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    if (first[0] === p[0] && first[1] === p[1] && last[last.length - 2] === p[0] && last[last.length - 1] === p[1]) {
      pieces[0] = last.slice(0, -2).concat(first);
      pieces.pop();
    }
  }
  return pieces
    .filter((piece) => length(piece) >= MIN_PIECE)
    .map((piece) => ({ points: Float32Array.from(piece), width: stroke.width, part: stroke.part, curved: stroke.curved }));
}
