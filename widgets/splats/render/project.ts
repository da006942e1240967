/**
 * The per-splat math of contract.ts, steps 1–4, in TypeScript: the reference the shaders are written
 * against and what the CPU rasteriser (cpu/rasterize.ts) runs. Float64 throughout, so the GPU's float32
 * versions differ from it only by rounding.
 *
 * No objects per splat: callers keep one `BlendedSplat` and one `ProjectedSplat` and have them overwritten.
 */
import { cameraPosition, focalPixels, NEAR, type OrbitCamera } from '../camera.ts';
import { blendOpacity } from '../cut.ts';
import type { SplatTree } from '../types.ts';
import { LOW_PASS, MAX_RADIUS_PX, QUAD_SIGMAS, levelColor, type RenderTree } from './contract.ts';

/** A world-space Gaussian after step 1. */
export interface BlendedSplat {
  /** [3] */
  mean: Float64Array;
  /** [6] xx, xy, xz, yy, yz, zz */
  cov: Float64Array;
  /** [3] linear RGB */
  color: Float64Array;
  /** In [0, 1] (blendOpacity clamps the merged opacities that exceed 1). */
  opacity: number;
}

export function allocateBlendedSplat(): BlendedSplat {
  return { mean: new Float64Array(3), cov: new Float64Array(6), color: new Float64Array(3), opacity: 0 };
}

/**
 * Step 1: node `node` drawn at blend t, i.e. t·x_n + (1 − t)·x_p for mean, covariance and colour, and
 * blendOpacity(t, α_n, α_p, childCount[p]) for opacity. The root has no parent and is itself (t = 1); its
 * opacity goes through blendOpacity too, so that it is clamped to [0, 1] like every other node's.
 * With colorByLevel the colour is levelColor(level[node]), not blended.
 */
export function blendedSplat(tree: RenderTree, node: number, t: number, colorByLevel: boolean, out: BlendedSplat): BlendedSplat {
  const p = tree.parent[node]!;
  const w = p < 0 ? 1 : t;
  // With w = 1 the parent's values are multiplied by 0; reading the node twice keeps the root in one path.
  const q = p < 0 ? node : p;
  const u = 1 - w;
  const { mean, cov, color, opacity } = tree;
  for (let a = 0; a < 3; a++) out.mean[a] = w * mean[3 * node + a]! + u * mean[3 * q + a]!;
  for (let a = 0; a < 6; a++) out.cov[a] = w * cov[6 * node + a]! + u * cov[6 * q + a]!;
  if (colorByLevel) {
    const c = levelColor(tree.level[node]!);
    out.color[0] = c[0];
    out.color[1] = c[1];
    out.color[2] = c[2];
  } else {
    for (let a = 0; a < 3; a++) out.color[a] = w * color[3 * node + a]! + u * color[3 * q + a]!;
  }
  out.opacity = blendOpacity(w, opacity[node]!, opacity[q]!, p < 0 ? 1 : tree.childCount[p]!);
  return out;
}

/** A splat on screen after steps 2–4; pixels with y down, origin at the top-left corner. */
export interface ProjectedSplat {
  /** Pixel centre. */
  x: number;
  y: number;
  /** −z in camera space, world units. */
  depth: number;
  /** Σ₂ = J R Σ Rᵀ Jᵀ + LOW_PASS·I, px²: [[covXX, covXY], [covXY, covYY]]. */
  covXX: number;
  covXY: number;
  covYY: number;
  /** Σ₂⁻¹, the conic: g(Δ) = exp(−½ (conicXX Δx² + 2 conicXY Δx Δy + conicYY Δy²)). */
  conicXX: number;
  conicXY: number;
  conicYY: number;
  /** Σ₂'s eigenvalues, λ1 ≥ λ2 > 0, px². */
  lambda1: number;
  lambda2: number;
  /** The major eigenvector (unit); the minor one is (−axisY, axisX). */
  axisX: number;
  axisY: number;
  /** Footprint half-lengths along the major and minor axes: QUAD_SIGMAS·√λ, px (not drawn past MAX_RADIUS_PX). */
  radius1: number;
  radius2: number;
}

export function allocateProjectedSplat(): ProjectedSplat {
  return {
    x: 0,
    y: 0,
    depth: 0,
    covXX: 0,
    covXY: 0,
    covYY: 0,
    conicXX: 0,
    conicXY: 0,
    conicYY: 0,
    lambda1: 0,
    lambda2: 0,
    axisX: 1,
    axisY: 0,
    radius1: 0,
    radius2: 0,
  };
}

/** How far off-screen (in half-viewports) the Jacobian is still evaluated where the splat is: 3DGS's 1.3. */
const JACOBIAN_CLAMP = 1.3;

/**
 * Steps 2–4 for a blended splat and the column-major view matrix of a width × height viewport. Returns
 * false (and leaves `out` partly written) when the splat is not drawn: its mean is nearer than NEAR (or
 * behind the camera), or its projected covariance is not positive definite or not finite.
 */
export function projectSplat(
  splat: BlendedSplat,
  view: ArrayLike<number>,
  fovy: number,
  width: number,
  height: number,
  out: ProjectedSplat,
): boolean {
  const m = splat.mean;
  const mx = m[0]!;
  const my = m[1]!;
  const mz = m[2]!;
  const cx = view[0]! * mx + view[4]! * my + view[8]! * mz + view[12]!;
  const cy = view[1]! * mx + view[5]! * my + view[9]! * mz + view[13]!;
  const cz = view[2]! * mx + view[6]! * my + view[10]! * mz + view[14]!;
  const d = -cz;
  // `!(d >= NEAR)` also rejects a NaN depth.
  if (!(d >= NEAR)) return false;
  const f = focalPixels(fovy, height);
  out.x = width / 2 + (f * cx) / d;
  out.y = height / 2 - (f * cy) / d;
  out.depth = d;

  // The Jacobian at a clamped position: far off-screen splats keep a bounded, sane footprint (3DGS).
  const limX = (JACOBIAN_CLAMP * (width / 2)) / f;
  const limY = (JACOBIAN_CLAMP * (height / 2)) / f;
  const tx = Math.min(limX, Math.max(-limX, cx / d)) * d;
  const ty = Math.min(limY, Math.max(-limY, cy / d)) * d;
  const j00 = f / d;
  const j02 = (f * tx) / (d * d);
  const j11 = -f / d;
  const j12 = (-f * ty) / (d * d);

  // T = J R (2×3); R's row r, column c is view[4c + r].
  const t0 = j00 * view[0]! + j02 * view[2]!;
  const t1 = j00 * view[4]! + j02 * view[6]!;
  const t2 = j00 * view[8]! + j02 * view[10]!;
  const t3 = j11 * view[1]! + j12 * view[2]!;
  const t4 = j11 * view[5]! + j12 * view[6]!;
  const t5 = j11 * view[9]! + j12 * view[10]!;

  const s = splat.cov;
  const sxx = s[0]!;
  const sxy = s[1]!;
  const sxz = s[2]!;
  const syy = s[3]!;
  const syz = s[4]!;
  const szz = s[5]!;
  // Σ Tᵀ's two columns, then T times them.
  const u0 = sxx * t0 + sxy * t1 + sxz * t2;
  const u1 = sxy * t0 + syy * t1 + syz * t2;
  const u2 = sxz * t0 + syz * t1 + szz * t2;
  const v0 = sxx * t3 + sxy * t4 + sxz * t5;
  const v1 = sxy * t3 + syy * t4 + syz * t5;
  const v2 = sxz * t3 + syz * t4 + szz * t5;
  const a = t0 * u0 + t1 * u1 + t2 * u2 + LOW_PASS;
  const b = t0 * v0 + t1 * v1 + t2 * v2;
  const c = t3 * v0 + t4 * v1 + t5 * v2 + LOW_PASS;
  const det = a * c - b * b;
  if (!(det > 0) || !Number.isFinite(det)) return false;
  out.covXX = a;
  out.covXY = b;
  out.covYY = c;
  out.conicXX = c / det;
  out.conicXY = -b / det;
  out.conicYY = a / det;

  const mid = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  const l1 = mid + r;
  // det / λ1 rather than mid − r: the small eigenvalue without cancellation (capped at λ1, which a
  // circular footprint's rounding could exceed).
  const l2 = Math.min(l1, det / l1);
  out.lambda1 = l1;
  out.lambda2 = l2;
  // The major axis at angle ½·atan2(2b, a − c): well defined for any b, including a circle (angle 0).
  const theta = 0.5 * Math.atan2(2 * b, a - c);
  out.axisX = Math.cos(theta);
  out.axisY = Math.sin(theta);
  out.radius1 = QUAD_SIGMAS * Math.sqrt(l1);
  out.radius2 = QUAD_SIGMAS * Math.sqrt(l2);
  return out.radius1 <= MAX_RADIUS_PX;
}

/** The node arrays a renderer uploads, taken (not copied) from a built tree. */
export function renderTreeOf(tree: SplatTree): RenderTree {
  const n = tree.nodes;
  return {
    nodeCount: n.count,
    mean: n.mean,
    cov: n.cov,
    color: n.color,
    opacity: n.opacity,
    parent: tree.parent,
    childCount: tree.childCount,
    level: tree.level,
  };
}

/** The cut's camera for an orbit camera and a viewport height. */
export function cutCameraOf(camera: OrbitCamera, height: number): { position: [number, number, number]; fovy: number; height: number } {
  return { position: cameraPosition(camera), fovy: camera.fovy, height };
}
