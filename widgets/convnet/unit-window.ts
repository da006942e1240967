/**
 * Where a unit of a block looks in the input. Block outputs are taken before pooling (CONTRACT.md); with
 * 3 × 3 convolutions (padding 1) and 2 × 2 pooling (stride 2) between blocks, unit (x, y) of a block with
 * jump j is centred at ((x + ½)·j, (y + ½)·j) in input coordinates (pixel i spans [i, i + 1)), and its
 * theoretical receptive field is the r × r window around that centre: r = 3, 8, 18, 38 for blocks 1–4. The
 * window is clipped to the image; the part outside was zero padding.
 */

export interface BlockGeometry {
  /** Receptive field side, input pixels. */
  field: number;
  /** Input pixels between neighbouring units. */
  jump: number;
  /** The block's map is size × size. */
  size: number;
}

export interface PixelWindow {
  /** Inclusive start, exclusive end, in input pixels, clipped to [0, imageSize]. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The unclipped window (its start may be negative), for drawing what fell in the padding. */
  full: { x0: number; y0: number; x1: number; y1: number };
}

/** Receptive fields by the recurrence r_l = r_{l−1} + (k_l − 1)·j_{l−1}, j_l = j_{l−1}·s_l, over conv/pool layers. */
export function receptiveFields(layers: readonly { kernel: number; stride: number }[]): { field: number; jump: number }[] {
  let field = 1;
  let jump = 1;
  return layers.map(({ kernel, stride }) => {
    field += (kernel - 1) * jump;
    jump *= stride;
    return { field, jump };
  });
}

/** The layers of the contract's model, in order, with the index of each block's output among them. */
export const CONTRACT_LAYERS = [
  { kernel: 3, stride: 1 }, // block 1 conv
  { kernel: 2, stride: 2 }, // pool
  { kernel: 3, stride: 1 }, // block 2 conv
  { kernel: 2, stride: 2 },
  { kernel: 3, stride: 1 }, // block 3 conv
  { kernel: 2, stride: 2 },
  { kernel: 3, stride: 1 }, // block 4 conv
] as const;
export const BLOCK_OUTPUT_LAYERS = [0, 2, 4, 6] as const;

export function unitWindow(block: BlockGeometry, x: number, y: number, imageSize: number): PixelWindow {
  const cx = (x + 0.5) * block.jump;
  const cy = (y + 0.5) * block.jump;
  const half = block.field / 2;
  const full = { x0: Math.round(cx - half), y0: Math.round(cy - half), x1: Math.round(cx + half), y1: Math.round(cy + half) };
  const clip = (v: number) => Math.min(imageSize, Math.max(0, v));
  return { x0: clip(full.x0), y0: clip(full.y0), x1: clip(full.x1), y1: clip(full.y1), full };
}

/** The unit of a block whose receptive field is centred nearest to input pixel (px, py). */
export function unitAt(block: BlockGeometry, px: number, py: number): { x: number; y: number } {
  const pick = (p: number) => Math.min(block.size - 1, Math.max(0, Math.floor((p + 0.5) / block.jump)));
  return { x: pick(px), y: pick(py) };
}

/** The four blocks of the contract model: receptive field, jump and map size. */
export const CONTRACT_BLOCKS: readonly BlockGeometry[] = BLOCK_OUTPUT_LAYERS.map((layer, b) => ({
  ...receptiveFields(CONTRACT_LAYERS)[layer]!,
  size: 32 >> b,
}));

/**
 * The receptive fields of blocks 1…depth around one input point: for each block, the window of its unit
 * centred nearest to the point. Drawn on the input, they show the field growing with depth.
 */
export function nestedWindows(px: number, py: number, depth: number, imageSize = 32): (PixelWindow & { block: number })[] {
  return CONTRACT_BLOCKS.slice(0, depth).map((block, b) => {
    const u = unitAt(block, px, py);
    return { ...unitWindow(block, u.x, u.y, imageSize), block: b + 1 };
  });
}
