/**
 * The CPU splat rasteriser: contract.ts followed to the letter, one pixel at a time. It draws the static
 * image of the page (built with the site, for readers without WebGPU or WebGL2, search engines and print)
 * and is the reference the GPU renderers' images are compared with, so its sampling is the GPU's: pixel
 * (i, j) covers [i, i + 1) × [j, j + 1) and is sampled at its centre (i + 0.5, j + 0.5), and a splat touches
 * exactly the pixels whose centres lie inside its footprint quad (the rectangle of half-lengths radius1,
 * radius2 along Σ₂'s eigenvectors), as a rasterised quad does.
 *
 * Allocation: a depth per listed splat, the sorter's buffers and one float RGB image per call; no object per
 * splat. Each splat is blended and projected twice (once for its depth, once to draw it) rather than kept,
 * since that is cheaper than the memory of a dozen numbers per splat.
 */
import { MAX_ALPHA, MIN_ALPHA, srgbEncode, type DrawList, type FrameView, type RenderTree } from '../contract.ts';
import { allocateBlendedSplat, allocateProjectedSplat, blendedSplat, projectSplat } from '../project.ts';
import { createRadixSorter } from '../../sort/radix-sort.ts';

export interface RasterOptions {
  /**
   * 'float' (default) keeps the image in float32 between blends and rounds once to 8 bits at the end, the
   * ideal image. 'unorm8' rounds every pixel to the nearest 1/255 after each blend, as a GPU blending into
   * an 8-bit canvas does, for comparisons with such a renderer.
   */
  framebuffer?: 'float' | 'unorm8';
}

export interface RasterStats {
  /** Entries of the list in front of the near plane with a valid footprint. */
  drawn: number;
  /** Blends performed (pixels times the splats that covered them with α ≥ MIN_ALPHA). */
  fragments: number;
}

/**
 * Draws `list` over `frame.background` and returns width × height RGBA bytes, row 0 at the top, alpha 255.
 * A list marked `sortedFarFirst` is drawn in its own order, as the WebGL2 renderer draws it; otherwise it is
 * sorted far first by the blended means' depths, exactly and stably (radix-sort.ts, the WebGPU sort's
 * reference). `stats`, when given, is filled in.
 */
export function rasterizeSplats(
  tree: RenderTree,
  list: DrawList,
  frame: FrameView,
  options: RasterOptions = {},
  stats?: RasterStats,
): Uint8ClampedArray {
  const { width, height, view, fovy, colorByLevel, background } = frame;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new RangeError(`rasterizeSplats: the image must be at least 1 × 1 whole pixels, not ${width} × ${height}`);
  }
  const quantize = options.framebuffer === 'unorm8';
  const splat = allocateBlendedSplat();
  const p = allocateProjectedSplat();

  // Pass 1: which entries are drawn, and their depths.
  const entries = new Uint32Array(list.count);
  const depths = new Float32Array(list.count);
  let drawn = 0;
  for (let i = 0; i < list.count; i++) {
    blendedSplat(tree, list.nodes[i]!, list.blend[i]!, colorByLevel, splat);
    if (!projectSplat(splat, view, fovy, width, height, p)) continue;
    entries[drawn] = i;
    depths[drawn] = p.depth;
    drawn++;
  }
  const order = list.sortedFarFirst ? null : createRadixSorter().sortFarFirst(depths, drawn);

  // An 8-bit canvas is cleared to the background's nearest 8-bit values too.
  const level = (v: number) => (quantize ? Math.round(Math.min(1, Math.max(0, v)) * 255) / 255 : v);
  const bg0 = level(background[0]);
  const bg1 = level(background[1]);
  const bg2 = level(background[2]);
  const image = new Float32Array(3 * width * height);
  for (let k = 0; k < image.length; k += 3) {
    image[k] = bg0;
    image[k + 1] = bg1;
    image[k + 2] = bg2;
  }

  let fragments = 0;
  for (let s = 0; s < drawn; s++) {
    const i = entries[order ? order[s]! : s]!;
    blendedSplat(tree, list.nodes[i]!, list.blend[i]!, colorByLevel, splat);
    projectSplat(splat, view, fovy, width, height, p);
    const opacity = splat.opacity;
    // Even g = 1 cannot reach MIN_ALPHA.
    if (!(opacity >= MIN_ALPHA)) continue;
    const r = srgbEncode(splat.color[0]!);
    const g = srgbEncode(splat.color[1]!);
    const b = srgbEncode(splat.color[2]!);
    const { x, y, axisX, axisY, radius1, radius2, conicXX, conicXY, conicYY } = p;
    // The quad's bounding box, then only pixel centres inside it: i + 0.5 ∈ [x − ex, x + ex].
    const ex = Math.abs(radius1 * axisX) + Math.abs(radius2 * axisY);
    const ey = Math.abs(radius1 * axisY) + Math.abs(radius2 * axisX);
    const i0 = Math.max(0, Math.ceil(x - ex - 0.5));
    const i1 = Math.min(width - 1, Math.floor(x + ex - 0.5));
    const j0 = Math.max(0, Math.ceil(y - ey - 0.5));
    const j1 = Math.min(height - 1, Math.floor(y + ey - 0.5));
    // exp(−power)·opacity < MIN_ALPHA once power > ln(opacity / MIN_ALPHA); the slack keeps the exact test
    // below (on α itself) in charge at the boundary, the cut-off only skips exp where it cannot matter.
    const maxPower = Math.log(opacity / MIN_ALPHA) + 1e-6;
    for (let j = j0; j <= j1; j++) {
      const dy = j + 0.5 - y;
      let k = 3 * (j * width + i0);
      for (let ii = i0; ii <= i1; ii++, k += 3) {
        const dx = ii + 0.5 - x;
        const along = dx * axisX + dy * axisY;
        const across = dy * axisX - dx * axisY;
        if (along > radius1 || along < -radius1 || across > radius2 || across < -radius2) continue;
        const power = 0.5 * (conicXX * dx * dx + 2 * conicXY * dx * dy + conicYY * dy * dy);
        if (power > maxPower) continue;
        let alpha = opacity * Math.exp(-power);
        if (alpha > MAX_ALPHA) alpha = MAX_ALPHA;
        if (alpha < MIN_ALPHA) continue;
        const keep = 1 - alpha;
        let c0 = r * alpha + image[k]! * keep;
        let c1 = g * alpha + image[k + 1]! * keep;
        let c2 = b * alpha + image[k + 2]! * keep;
        if (quantize) {
          c0 = Math.round(c0 * 255) / 255;
          c1 = Math.round(c1 * 255) / 255;
          c2 = Math.round(c2 * 255) / 255;
        }
        image[k] = c0;
        image[k + 1] = c1;
        image[k + 2] = c2;
        fragments++;
      }
    }
  }
  if (stats) {
    stats.drawn = drawn;
    stats.fragments = fragments;
  }

  const out = new Uint8ClampedArray(4 * width * height);
  for (let px = 0, k = 0, o = 0; px < width * height; px++, k += 3, o += 4) {
    // Uint8ClampedArray rounds half to even and clamps; × 255 maps [0, 1] onto the 8-bit range.
    out[o] = image[k]! * 255;
    out[o + 1] = image[k + 1]! * 255;
    out[o + 2] = image[k + 2]! * 255;
    out[o + 3] = 255;
  }
  return out;
}
