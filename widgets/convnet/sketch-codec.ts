/**
 * A reader's sketch in a URL. A sketch is a list of strokes, each a polyline in drawing coordinates [0, 1]²
 * (CONTRACT.md). Points are quantised to a 64 × 64 grid, two grid steps per pixel of the 32 × 32 image, which
 * is finer than the model can tell apart, and each coordinate becomes one base64url character: a point is two
 * characters, strokes are joined by '.'. A 40-stroke sketch of 300 points is a 640-character link.
 */

export const GRID = 64;
/** Points a link may carry; a sketch with more is simplified before it is written (simplifyForLink). */
export const MAX_LINK_POINTS = 800;
const MAX_STROKES = 100;

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

/** Snaps a sketch to the link's grid, dropping repeated cells and empty strokes. */
export function snapSketch(sketch: Sketch): Point[][] {
  const out: Point[][] = [];
  for (const stroke of sketch) {
    const snapped: Point[] = [];
    for (const [x, y] of stroke) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const p: Point = [dequantise(quantise(x)), dequantise(quantise(y))];
      const last = snapped.at(-1);
      if (!last || last[0] !== p[0] || last[1] !== p[1]) snapped.push(p);
    }
    if (snapped.length > 0) out.push(snapped);
  }
  return out;
}

export function encodeSketch(sketch: Sketch): string {
  return snapSketch(sketch)
    .slice(0, MAX_STROKES)
    .map((stroke) => stroke.map(([x, y]) => ALPHABET[quantise(x)]! + ALPHABET[quantise(y)]!).join(''))
    .join('.');
}

/** undefined for anything that is not a sketch this codec wrote (odd lengths, foreign characters, too long). */
export function decodeSketch(raw: string): Point[][] | undefined {
  if (raw === '') return [];
  const parts = raw.split('.');
  if (parts.length > MAX_STROKES) return undefined;
  let points = 0;
  const sketch: Point[][] = [];
  for (const part of parts) {
    if (part.length === 0 || part.length % 2 !== 0) return undefined;
    const stroke: Point[] = [];
    for (let i = 0; i < part.length; i += 2) {
      const x = VALUE.get(part[i]!);
      const y = VALUE.get(part[i + 1]!);
      if (x === undefined || y === undefined) return undefined;
      stroke.push([dequantise(x), dequantise(y)]);
    }
    points += stroke.length;
    if (points > MAX_LINK_POINTS) return undefined;
    sketch.push(stroke);
  }
  return sketch;
}

export function pointCount(sketch: Sketch): number {
  return sketch.reduce((n, s) => n + s.length, 0);
}

/**
 * Fits a sketch into MAX_LINK_POINTS by dropping every other interior point of the longest strokes until it
 * fits (endpoints kept), so a very long scribble still gets a link that draws nearly the same thing.
 */
export function simplifyForLink(sketch: Sketch): Point[][] {
  let out = snapSketch(sketch).slice(0, MAX_STROKES);
  while (pointCount(out) > MAX_LINK_POINTS) {
    const longest = out.reduce((a, s, i) => (s.length > out[a]!.length ? i : a), 0);
    const s = out[longest]!;
    if (s.length <= 2) break;
    out = out.map((t, i) => (i === longest ? t.filter((_, k) => k === 0 || k === t.length - 1 || k % 2 === 0) : t));
  }
  // Two-point strokes everywhere and still too many: drop the last strokes.
  while (pointCount(out) > MAX_LINK_POINTS) out = out.slice(0, -1);
  return out;
}
