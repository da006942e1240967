/**
 * Geometry of the arcs view: tokens sit in equal columns along a strip, and each query → key pair
 * whose weight reaches a threshold gets an arc above the strip, from the query back to the key (keys
 * are never later: the model is causal). A token's attention to itself is a small loop. Arc height
 * grows with the distance, capped so that a 128-token text stays a strip; opacity and width grow
 * with the weight (opacity ∝ √weight, the same encoding as the heatmap, so a weight of 0.1 stays
 * visible). Units are CSS pixels: the view lays the token strip out on the same columns.
 */

export interface ArcOptions {
  /** Width of one token's column. */
  column?: number;
  /** Smallest weight drawn. */
  threshold?: number;
  /** Tallest arc. */
  maxHeight?: number;
}

export const ARC_DEFAULTS = { column: 48, threshold: 0.1, maxHeight: 140 } as const;

export interface Arc {
  query: number;
  key: number;
  weight: number;
  /** SVG path. */
  d: string;
  opacity: number;
  strokeWidth: number;
  self: boolean;
}

export interface ArcsGeometry {
  width: number;
  height: number;
  column: number;
  threshold: number;
  /** Lightest first, so that heavy arcs are drawn on top. */
  arcs: Arc[];
}

/**
 * The column width that fits T tokens in `available` pixels, between 36 (short tokens stay legible)
 * and 64 (a short text does not spread thin); the default before the box is measured.
 */
export function arcColumn(T: number, available: number): number {
  if (!(T > 0) || !(available > 0)) return ARC_DEFAULTS.column;
  return Math.max(36, Math.min(64, Math.floor(available / T)));
}

/** Centre of token `i`'s column. */
export function columnCentre(i: number, column: number): number {
  return (i + 0.5) * column;
}

/** Peak height of an arc spanning `distance` tokens. */
export function arcHeight(distance: number, column: number, maxHeight: number): number {
  return Math.min(maxHeight, 10 + distance * column * 0.35);
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function arcsGeometry(matrix: ArrayLike<number>, T: number, options: ArcOptions = {}): ArcsGeometry {
  const column = options.column ?? ARC_DEFAULTS.column;
  const threshold = options.threshold ?? ARC_DEFAULTS.threshold;
  const maxHeight = options.maxHeight ?? ARC_DEFAULTS.maxHeight;
  const picked: { query: number; key: number; weight: number }[] = [];
  let tallest = 0;
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++) {
      const w = matrix[i * T + j]!;
      if (!(w >= threshold)) continue; // also drops NaN
      picked.push({ query: i, key: j, weight: w });
      tallest = Math.max(tallest, i === j ? 14 : arcHeight(i - j, column, maxHeight));
    }
  }
  const height = Math.ceil(Math.max(tallest, 14) + 6);
  const base = height;
  const arcs = picked
    .sort((a, b) => a.weight - b.weight)
    .map(({ query, key, weight }) => {
      const xq = columnCentre(query, column);
      const xk = columnCentre(key, column);
      let d: string;
      if (query === key) {
        // A loop above the token: leaves and returns to the baseline ~12 px apart.
        d = `M${r1(xq - 6)},${base} C${r1(xq - 10)},${base - 18} ${r1(xq + 10)},${base - 18} ${r1(xq + 6)},${base}`;
      } else {
        // A cubic with both control points at 4/3 h peaks at height h, halfway.
        const c = (arcHeight(query - key, column, maxHeight) * 4) / 3;
        d = `M${r1(xq)},${base} C${r1(xq)},${r1(base - c)} ${r1(xk)},${r1(base - c)} ${r1(xk)},${base}`;
      }
      return {
        query,
        key,
        weight,
        d,
        opacity: Math.min(1, Math.sqrt(weight)),
        strokeWidth: r1(1 + 2.5 * weight),
        self: query === key,
      };
    });
  return { width: T * column, height, column, threshold, arcs };
}
