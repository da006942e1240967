/**
 * What every splat renderer (WebGPU, WebGL2, and the CPU rasteriser of the static image) agrees on, so that
 * their images match: the arrays they are given, the draw list, the view, and the exact per-splat math.
 *
 * Per frame, for each entry i of a DrawList (node n = nodes[i], blend t = blend[i], parent p = parent[n]):
 *  1. Blend with the parent (Kerbl et al. 2024; cut.ts): mean, covariance and colour are t·x_n + (1 − t)·x_p,
 *     opacity is blendOpacity(t, α_n, α_p, childCount[p]) (cut.ts). The root, or t = 1, is the node itself.
 *     With colorByLevel, the node's colour is levelColor(level[n]) instead (no blending of colours then).
 *  2. Camera space: t_c = V·[μ, 1] with V the view matrix (camera.ts); depth d = −t_c.z; a splat with
 *     d < NEAR is not drawn. Pixel centre: (W/2 + f·t_c.x/d, H/2 − f·t_c.y/d), f = focalPixels(fovy, H).
 *  3. EWA (Zwicker et al. 2002, as 3DGS): clamp x/d and y/d to ±1.3·(W/2)/f and ±1.3·(H/2)/f (far off-screen
 *     splats get a bounded Jacobian), J = [[f/d, 0, f·x/d²], [0, −f/d, −f·y/d²]] (pixel y points down),
 *     R the view's 3×3 rotation, Σ₂ = J R Σ Rᵀ Jᵀ + LOW_PASS·I (the 0.3 px² low-pass: no splat is thinner
 *     than about a pixel, so none aliases away).
 *  4. Footprint: the eigenvectors of Σ₂ with half-lengths QUAD_SIGMAS·√λ. A splat whose major half-length
 *     would exceed MAX_RADIUS_PX is not drawn: it is centimetres from the camera (the camera is inside the
 *     scene), and a quad cut to the cap would draw a sharp-edged slab across the view.
 *     A fragment at pixel offset Δ from the centre has g = exp(−½ Δᵀ Σ₂⁻¹ Δ) and
 *     α = min(MAX_ALPHA, opacity·g); fragments with α < MIN_ALPHA are discarded.
 *  5. Colour out: c = srgbEncode(clamp(colour, 0, 1)) per splat (scene colours are linear RGB; blending
 *     happens in display space, as the web splat viewers do), premultiplied (c·α, α), composited far first
 *     with (ONE, ONE_MINUS_SRC_ALPHA) over a cleared opaque background.
 * Sorting: far first by d of the blended mean. WebGPU sorts on the GPU (exact float keys); WebGL2's list
 * comes sorted from the Worker (16-bit counting sort, counting-sort.ts), so ties within 1/65,535 of the depth
 * range may be drawn in another order: the images agree closely, not bit for bit.
 */

/** Added to the projected covariance's diagonal, px² (3DGS's low-pass filter). */
export const LOW_PASS = 0.3;
/** Quad half-length in standard deviations: beyond 3σ, g < 0.0111, under MIN_ALPHA once opacity ≤ 0.35. */
export const QUAD_SIGMAS = 3;
/** Splats larger than this half-length on screen are not drawn (step 4): no splat can cover the view many times. */
export const MAX_RADIUS_PX = 1024;
export const MIN_ALPHA = 1 / 255;
export const MAX_ALPHA = 0.99;

export type Backend = 'webgpu' | 'webgl2';

/** The tree's arrays a renderer uploads once per scene (the cut needs more; the Worker keeps those). */
export interface RenderTree {
  nodeCount: number;
  /** [3M] */
  mean: Float32Array;
  /** [6M] xx, xy, xz, yy, yz, zz */
  cov: Float32Array;
  /** [3M] linear RGB */
  color: Float32Array;
  /** [M] unclamped (merged nodes may exceed 1) */
  opacity: Float32Array;
  /** [M] −1 for the root */
  parent: Int32Array;
  /** [M] */
  childCount: Uint8Array;
  /** [M] */
  level: Uint8Array;
}

/** What to draw this frame: node indices and their blend t, valid in [0, count). */
export interface DrawList {
  count: number;
  nodes: Uint32Array;
  blend: Float32Array;
  /** True when the list is already in far-first order (the WebGL2 path); WebGPU sorts it itself. */
  sortedFarFirst: boolean;
}

export interface FrameView {
  /** World → camera, column-major 4×4 (camera.ts viewMatrix). */
  view: Float32Array;
  /** Vertical field of view, radians. */
  fovy: number;
  /** Drawing-buffer size in device pixels. */
  width: number;
  height: number;
  colorByLevel: boolean;
  /** Opaque background, display (sRGB) values in [0, 1]. */
  background: readonly [number, number, number];
}

export interface SplatRenderer {
  readonly backend: Backend;
  /** True when render() expects `sortedFarFirst` lists (WebGL2); false when it sorts on the GPU (WebGPU). */
  readonly wantsSortedList: boolean;
  /** Uploads a scene's node arrays; replaces the previous scene's. */
  setTree(tree: RenderTree): void;
  /** Draws one frame into the canvas. Resolves when the GPU work is submitted (WebGPU) or issued (WebGL2). */
  render(list: DrawList, frame: FrameView): Promise<void>;
  /** Frees GPU resources; the renderer cannot be used afterwards. */
  destroy(): void;
}

export interface RendererEvents {
  /**
   * The GPU device or WebGL context was lost (driver reset, tab backgrounded on a phone…). The widget
   * creates a new renderer and uploads the tree again. `reason` is for the console and the status line.
   */
  onLost(reason: string): void;
}

/** Colours of levels 0…7 (cycled beyond): a categorical palette that tells neighbouring levels apart, sRGB. */
export const LEVEL_PALETTE_SRGB: readonly (readonly [number, number, number])[] = [
  [0.12, 0.47, 0.71],
  [1.0, 0.5, 0.05],
  [0.17, 0.63, 0.17],
  [0.84, 0.15, 0.16],
  [0.58, 0.4, 0.74],
  [0.55, 0.34, 0.29],
  [0.89, 0.47, 0.76],
  [0.74, 0.74, 0.13],
];

function srgbDecode(c: number): number {
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

export function srgbEncode(c: number): number {
  const x = c < 0 ? 0 : c > 1 ? 1 : c;
  return x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055;
}

/** A level's colour in linear RGB (so that step 5's srgbEncode gives back the palette's sRGB value). */
export function levelColor(level: number): [number, number, number] {
  const c = LEVEL_PALETTE_SRGB[level % LEVEL_PALETTE_SRGB.length]!;
  return [srgbDecode(c[0]), srgbDecode(c[1]), srgbDecode(c[2])];
}
