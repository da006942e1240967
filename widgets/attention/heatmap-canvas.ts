/**
 * Browser-only: paints `cellAlphas` onto the heatmap's canvas in the theme's colour. The T × T image is
 * scaled up without smoothing, so each cell stays a crisp square at any device pixel ratio, and is
 * tinted by compositing ('source-in' keeps the colour where the cells are, with their alpha), so the
 * colour can be any CSS colour the browser understands.
 */

export interface CellPaint {
  /** cellAlphas(matrix, T) */
  alphas: Uint8ClampedArray<ArrayBuffer>;
  T: number;
  /** CSS pixels per cell (the layout's). */
  cell: number;
  /** A resolved colour (theme.ts's cssVariable): a canvas cannot read var(--accent). */
  color: string;
}

// One scratch canvas for the T × T image, reused across redraws.
let scratch: HTMLCanvasElement | null = null;

export function paintCells(
  canvas: HTMLCanvasElement,
  { alphas, T, cell, color }: CellPaint,
): void {
  const ratio = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
  const side = Math.max(1, Math.round(T * cell * ratio));
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas context");
  scratch ??= document.createElement("canvas");
  if (scratch.width !== T) scratch.width = T;
  if (scratch.height !== T) scratch.height = T;
  const small = scratch.getContext("2d");
  if (!small) throw new Error("no 2D canvas context");
  small.putImageData(new ImageData(alphas, T, T), 0, 0);

  ctx.save();
  ctx.globalCompositeOperation = "copy";
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, side, side);
  ctx.globalCompositeOperation = "source-in";
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, side, side);
  ctx.restore();
}
