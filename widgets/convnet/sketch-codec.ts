/**
 * A reader's sketch in a URL. A sketch is a list of strokes, each a polyline in drawing coordinates [0, 1]²
 * (CONTRACT.md). Points are quantised to a 64 × 64 grid, two grid steps per pixel of the 32 × 32 image, which
 * is finer than the model can tell apart, and each coordinate becomes one base64url character: a point is two
 * characters, strokes are joined by '.'. A 40-stroke sketch of 300 points is a 640-character link.
 */
import { FIELD_LINK_BYTES } from '../runtime/url-state.ts';

export const GRID = 64;
/**
 * What a link may spend on a sketch, in URL bytes (one byte per character: the alphabet and '.' are never
 * escaped). A sketch whose code is longer is simplified *for the link only* (simplifyForLink); the drawing
 * on screen and the model's input keep every stroke, and the figure says that the link is shortened.
 */
export const LINK_SKETCH_BYTES = FIELD_LINK_BYTES;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export type Point = readonly [number, number];
export type Sketch = readonly (readonly Point[])[];

function quantise(v: number): number {
  return Math.min(GRID - 1, Math.max(0, Math.floor(v * GRID)));
}

/** A grid cell back to drawing coordinates: the cell's centre. */
function dequantise(q: number): number {
  return (q + 0.5) / GRID;
}

/**
 * Strokes this module returned from snapSketch: snapping them again changes nothing, so they are passed through
 * as they are. The view snaps its whole sketch on every pointer move; without this a long drawing would cost
 * time in proportion to all its points on every move (quadratic over a drawing).
 */
const onGrid = new WeakSet<readonly Point[]>();

/** Snaps a sketch to the link's grid, dropping repeated cells and empty strokes. */
export function snapSketch(sketch: Sketch): Point[][] {
  const out: Point[][] = [];
  for (const stroke of sketch) {
    if (onGrid.has(stroke)) {
      out.push(stroke as Point[]);
      continue;
    }
    const snapped: Point[] = [];
    for (const [x, y] of stroke) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const p: Point = [dequantise(quantise(x)), dequantise(quantise(y))];
      const last = snapped.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) snapped.push(p);
    }
    if (snapped.length > 0) {
      onGrid.add(snapped);
      out.push(snapped);
    }
  }
  return out;
}

/** The code of a sketch already on the grid: two characters a point, strokes joined by '.'. */
function codeOf(snapped: Sketch): string {
  return snapped.map((stroke) => stroke.map(([x, y]) => ALPHABET[quantise(x)]! + ALPHABET[quantise(y)]!).join('')).join('.');
}

/** Characters of a sketch's code: 2 per point, 1 between strokes. */
function codeLength(sketch: Sketch): number {
  return sketch.length === 0 ? 0 : 2 * pointCount(sketch) + sketch.length - 1;
}

/** The link form: the whole sketch when it fits in LINK_SKETCH_BYTES, else simplifyForLink's. */
export function encodeSketch(sketch: Sketch): string {
  const snapped = snapSketch(sketch);
  return codeOf(codeLength(snapped) <= LINK_SKETCH_BYTES ? snapped : simplifyForLink(snapped));
}

/** undefined for anything that is not a sketch this codec wrote (odd lengths, foreign characters). */
export function decodeSketch(raw: string): Point[][] | undefined {
  if (raw === '') return [];
  const sketch: Point[][] = [];
  for (const part of raw.split('.')) {
    if (part.length === 0 || part.length % 2 !== 0) return undefined;
    const stroke: Point[] = [];
    for (let i = 0; i < part.length; i += 2) {
      const x = VALUE.get(part[i]!);
      const y = VALUE.get(part[i + 1]!);
      if (x === undefined || y === undefined) return undefined;
      stroke.push([dequantise(x), dequantise(y)]);
    }
    sketch.push(stroke);
  }
  return sketch;
}

export function pointCount(sketch: Sketch): number {
  return sketch.reduce((n, s) => n + s.length, 0);
}

/**
 * Fits a sketch into LINK_SKETCH_BYTES for a link: first every other interior point of the longest strokes
 * is dropped (endpoints kept), so a long scribble still draws nearly the same thing; only when every stroke
 * is down to its endpoints are the last strokes left out. Never applied to the drawing on screen.
 */
export function simplifyForLink(sketch: Sketch): Point[][] {
  let out = snapSketch(sketch);
  while (codeLength(out) > LINK_SKETCH_BYTES) {
    const longest = out.reduce((a, s, i) => (s.length > out[a]!.length ? i : a), 0);
    const s = out[longest]!;
    if (s.length <= 2) break;
    out = out.map((t, i) => (i === longest ? t.filter((_, k) => k === 0 || k === t.length - 1 || k % 2 === 0) : t));
  }
  while (codeLength(out) > LINK_SKETCH_BYTES) out = out.slice(0, -1);
  return out;
}

const count = new Intl.NumberFormat('en-US');

/** '' when a link carries the whole sketch; else what it keeps (url-state.ts Field.shortened). */
export function sketchShortened(sketch: Sketch): string {
  const snapped = snapSketch(sketch);
  if (codeLength(snapped) <= LINK_SKETCH_BYTES) return '';
  const simple = simplifyForLink(snapped);
  const strokes = simple.length < snapped.length ? ` and the first ${count.format(simple.length)} of its ${count.format(snapped.length)} strokes` : '';
  return `it keeps a simplified drawing: ${count.format(pointCount(simple))} of its ${count.format(pointCount(snapped))} points${strokes}`;
}
