/**
 * Scenes as sets of surfaces covered with flat splats. A part knows its (approximate) area and how to draw
 * a random point on itself with its normal and colour; `splatSurfaces` shares the splats among the parts by
 * area and writes each one straight into the typed arrays (no object per splat, so a million is quick).
 */
import { COV_STRIDE, allocateGaussians, type Gaussians } from '../types.ts';
import { mulberry32 } from './random.ts';

/** What `SurfacePart.sample` writes: position, unit normal, linear RGB. */
export const SAMPLE_X = 0;
export const SAMPLE_NX = 3;
export const SAMPLE_R = 6;
export const SAMPLE_SIZE = 9;

export interface SurfacePart {
  /** Approximate area (world units²); parts get splats in proportion to it. */
  area: number;
  /** Writes one random point of the surface into out[0 … 8]: x y z, nx ny nz (unit length), r g b. */
  sample(random: () => number, out: Float64Array): void;
  /**
   * Splat size over the mean spacing (default COVERAGE). A large surface seen at a grazing angle, like
   * terrain, needs more overlap than a car panel, or random gaps between splats let the background through.
   */
  coverage?: number;
}

/** How flat a splat is: its extent along the normal relative to its smaller in-surface extent. */
const FLATNESS = 0.1;
/** Splat size relative to the mean spacing √(area / splats), so that neighbours overlap. */
const COVERAGE = 0.7;

export function splatSurfaces(parts: readonly SurfacePart[], count: number, seed: number): Gaussians {
  const gaussians = allocateGaussians(count);
  const random = mulberry32(seed);
  const shares = shareByArea(parts, count);
  const sample = new Float64Array(SAMPLE_SIZE);
  let i = 0;
  parts.forEach((part, p) => {
    const spacing = Math.sqrt(part.area / Math.max(1, shares[p]));
    for (let k = 0; k < shares[p]; k++, i++) {
      part.sample(random, sample);
      writeSurfaceSplat(gaussians, i, sample, (part.coverage ?? COVERAGE) * spacing, random);
    }
  });
  return gaussians;
}

/**
 * Which part each of `splatSurfaces(parts, count, seed)`'s splats was drawn on (index into `parts`): the
 * splats are written part by part, in the shares below, so this needs no seed. The measurements use it as
 * the scene's ground-truth part labels (models/splats/purity.ts).
 */
export function surfaceLabels(parts: readonly SurfacePart[], count: number): Uint8Array {
  if (parts.length > 256) throw new RangeError('surfaceLabels: more than 256 parts');
  const labels = new Uint8Array(count);
  const shares = shareByArea(parts, count);
  let i = 0;
  shares.forEach((share, p) => {
    labels.fill(p, i, i + share);
    i += share;
  });
  return labels;
}

/** Splat counts per part proportional to area, summing to `count` exactly (largest remainders). */
function shareByArea(parts: readonly SurfacePart[], count: number): Int32Array {
  const total = parts.reduce((sum, part) => sum + part.area, 0);
  const exact = parts.map((part) => (count * part.area) / total);
  const shares = Int32Array.from(exact, Math.floor);
  let left = count - shares.reduce((sum, n) => sum + n, 0);
  const byRemainder = exact.map((x, p) => [x - Math.floor(x), p]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length, left--) shares[byRemainder[k][1]]++;
  return shares;
}

/**
 * Writes Gaussian i: centred on the sample, flattened along its normal, elongated in a random direction of
 * the tangent plane. Σ = R S² Rᵀ with R = [u v n] (u, v tangents, n the normal), i.e.
 * Σ = su² uuᵀ + sv² vvᵀ + sn² nnᵀ. Colour and opacity are jittered a little so that neighbours differ.
 */
function writeSurfaceSplat(g: Gaussians, i: number, sample: Float64Array, size: number, random: () => number): void {
  const nx = sample[SAMPLE_NX];
  const ny = sample[SAMPLE_NX + 1];
  const nz = sample[SAMPLE_NX + 2];
  // A tangent basis without branches on near-parallel axes (Duff et al. 2017, "Building an orthonormal
  // basis, revisited").
  const sign = nz >= 0 ? 1 : -1;
  const a = -1 / (sign + nz);
  const b = nx * ny * a;
  const t1x = 1 + sign * nx * nx * a;
  const t1y = sign * b;
  const t1z = -sign * nx;
  const t2x = b;
  const t2y = sign + ny * ny * a;
  const t2z = -ny;
  const angle = 2 * Math.PI * random();
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const ux = cos * t1x + sin * t2x;
  const uy = cos * t1y + sin * t2y;
  const uz = cos * t1z + sin * t2z;
  const vx = -sin * t1x + cos * t2x;
  const vy = -sin * t1y + cos * t2y;
  const vz = -sin * t1z + cos * t2z;
  const su = size * (0.6 + 0.8 * random());
  const sv = su * (0.35 + 0.65 * random());
  const sn = FLATNESS * sv;
  const uu = su * su;
  const vv = sv * sv;
  const nn = sn * sn;
  const c = COV_STRIDE * i;
  g.cov[c] = uu * ux * ux + vv * vx * vx + nn * nx * nx;
  g.cov[c + 1] = uu * ux * uy + vv * vx * vy + nn * nx * ny;
  g.cov[c + 2] = uu * ux * uz + vv * vx * vz + nn * nx * nz;
  g.cov[c + 3] = uu * uy * uy + vv * vy * vy + nn * ny * ny;
  g.cov[c + 4] = uu * uy * uz + vv * vy * vz + nn * ny * nz;
  g.cov[c + 5] = uu * uz * uz + vv * vz * vz + nn * nz * nz;
  for (let k = 0; k < 3; k++) {
    g.mean[3 * i + k] = sample[SAMPLE_X + k];
    const jitter = 1 + 0.12 * (random() - 0.5);
    g.color[3 * i + k] = Math.min(1, Math.max(0, sample[SAMPLE_R + k] * jitter));
  }
  g.opacity[i] = 0.55 + 0.45 * random();
}
