// The hard task's scene around the object (parts.ts): an opaque shape in front of part of the object, whose
// outline is drawn and behind which the object's strokes are clipped (occlude.ts), and a few stray strokes
// (lines, zigzags, small circles and boxes: shapes a wheel, a window or a stem is also made of) anywhere in
// the image. Everything is drawn with the object's pen and the same hand-drawn wobble (place.ts).

import { clipOutside } from './occlude.ts';
import { partIndex } from './parts.ts';
import { PLACEMENT, handDrawn } from './place.ts';
import type { Rng } from './random.ts';
import type { Drawing, Stroke } from './types.ts';

export const CLUTTER = {
  /** Chance that an occluder hides part of the object. */
  occluder: 0.75,
  /** Occluder size: its radius as a share of the object's larger side. */
  occluderRadius: [0.22, 0.4],
  /** Stray strokes per drawing, both ends included. */
  strokes: [1, 4],
} as const;

/** The object's bounding box [x0, y0, x1, y1] in drawing units. */
function bounds(strokes: readonly Stroke[]): [number, number, number, number] {
  let x0 = 1, y0 = 1, x1 = 0, y1 = 0;
  for (const s of strokes)
    for (let i = 0; i < s.points.length; i += 2) {
      x0 = Math.min(x0, s.points[i]!);
      x1 = Math.max(x1, s.points[i]!);
      y0 = Math.min(y0, s.points[i + 1]!);
      y1 = Math.max(y1, s.points[i + 1]!);
    }
  return [x0, y0, x1, y1];
}

/** A convex occluder: a turned rectangle or a rounded blob (a polygon of 7–10 sides), closed. */
function occluderShape(cx: number, cy: number, r: number, rng: Rng): { poly: number[]; curved: boolean } {
  if (rng.chance(0.5)) {
    const a = rng.uniform(0, Math.PI);
    const w = r * rng.uniform(0.9, 1.4);
    const h = r * rng.uniform(0.6, 1.1);
    const c = Math.cos(a), s = Math.sin(a);
    const poly: number[] = [];
    for (const [u, v] of [[-w, -h], [w, -h], [w, h], [-w, h]] as const) poly.push(cx + c * u - s * v, cy + s * u + c * v);
    return { poly, curved: false };
  }
  const sides = rng.int(7, 10);
  const phase = rng.uniform(0, 2 * Math.PI);
  const stretch = rng.uniform(0.75, 1.25);
  const poly: number[] = [];
  for (let i = 0; i < sides; i++) {
    const t = phase + (2 * Math.PI * i) / sides;
    poly.push(cx + r * stretch * Math.cos(t), cy + (r / stretch) * Math.sin(t));
  }
  return { poly, curved: r < PLACEMENT.curveRadius };
}

/** One stray stroke's clean path, anywhere in the image. */
function strayPath(rng: Rng): { pts: number[]; closed: boolean; curved: boolean } {
  const x = rng.uniform(0.08, 0.92);
  const y = rng.uniform(0.08, 0.92);
  const kind = rng.int(0, 3);
  if (kind === 0) {
    const a = rng.uniform(0, Math.PI);
    const l = rng.uniform(0.08, 0.3) / 2;
    return { pts: [x - l * Math.cos(a), y - l * Math.sin(a), x + l * Math.cos(a), y + l * Math.sin(a)], closed: false, curved: false };
  }
  if (kind === 1) {
    const pts = [x, y];
    let a = rng.uniform(0, 2 * Math.PI);
    for (let i = 0, n = rng.int(2, 4); i < n; i++) {
      a += rng.uniform(2, 2.6) * (i % 2 ? 1 : -1);
      const l = rng.uniform(0.05, 0.12);
      pts.push(pts[pts.length - 2]! + l * Math.cos(a), pts[pts.length - 1]! + l * Math.sin(a));
    }
    return { pts, closed: false, curved: false };
  }
  if (kind === 2) {
    const r = rng.uniform(0.03, 0.08);
    const pts: number[] = [];
    for (let i = 0; i < 18; i++) pts.push(x + r * Math.cos((Math.PI * i) / 9), y + r * Math.sin((Math.PI * i) / 9));
    return { pts, closed: true, curved: true };
  }
  const w = rng.uniform(0.04, 0.1);
  const h = rng.uniform(0.04, 0.1);
  return { pts: [x - w, y - h, x + w, y - h, x + w, y + h, x - w, y + h], closed: true, curved: false };
}

function asStroke(pts: number[], closed: boolean, curved: boolean, part: number, pen: number, wobble: number, rng: Rng): Stroke {
  const p = closed ? [...pts, pts[0]!, pts[1]!] : pts;
  return { points: handDrawn(p, closed, wobble, 0, rng), width: pen * rng.uniform(0.9, 1.1), part, curved };
}

/** The drawing with stray strokes and, usually, an occluder in front of the object and of the strays. */
export function addClutter(drawing: Drawing, rng: Rng): Drawing {
  const pen = drawing.strokes[0]?.width ?? PLACEMENT.penWidth[0];
  const wobble = rng.uniform(PLACEMENT.wobble[0], PLACEMENT.wobble[1]);
  let strokes: Stroke[] = [...drawing.strokes];
  for (let i = 0, n = rng.int(CLUTTER.strokes[0], CLUTTER.strokes[1]); i < n; i++) {
    const s = strayPath(rng);
    strokes.push(asStroke(s.pts, s.closed, s.curved, partIndex('clutter'), pen, wobble, rng));
  }
  if (rng.chance(CLUTTER.occluder)) {
    const [x0, y0, x1, y1] = bounds(drawing.strokes);
    const r = Math.max(x1 - x0, y1 - y0) * rng.uniform(CLUTTER.occluderRadius[0], CLUTTER.occluderRadius[1]);
    // Centre inside the object's box, so it always hides something.
    const cx = rng.uniform(x0 + 0.2 * (x1 - x0), x1 - 0.2 * (x1 - x0));
    const cy = rng.uniform(y0 + 0.2 * (y1 - y0), y1 - 0.2 * (y1 - y0));
    const { poly, curved } = occluderShape(cx, cy, r, rng);
    strokes = strokes.flatMap((s) => clipOutside(s, poly));
    strokes.push(asStroke(poly, true, curved, partIndex('occluder'), pen, wobble, rng));
  }
  return { strokes, label: drawing.label };
}
