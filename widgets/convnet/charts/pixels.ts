/**
 * Small grey images as SVG without a raster encoder: ink quantised to a few levels and each row's runs of
 * one level merged into one rect, so a 38 × 38 patch of strokes is a hundred-odd rects, not 1,444.
 */
export interface Run {
  x: number;
  y: number;
  w: number;
  /** Ink level 1 … levels (0, paper, is not drawn). */
  level: number;
}

/** Runs of equal quantised ink per row of a size × size image (ink 0–255, row-major). */
export function inkRuns(pixels: ArrayLike<number>, size: number, levels = 3): Run[] {
  const runs: Run[] = [];
  const q = (v: number) => Math.min(levels, Math.round((v / 255) * levels));
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      const level = q(pixels[y * size + x] ?? 0);
      let end = x + 1;
      while (end < size && q(pixels[y * size + end] ?? 0) === level) end++;
      if (level > 0) runs.push({ x, y, w: end - x, level });
      x = end;
    }
  }
  return runs;
}

/** A 3 × 3 kernel's cells as fills: positive weights in ink, negative in the accent, opacity by size. */
export function kernelCells(weight: number[][], scale: number): { x: number; y: number; positive: boolean; opacity: number }[] {
  return weight.flatMap((row, y) => row.map((w, x) => ({ x, y, positive: w >= 0, opacity: Math.min(1, Math.abs(w) / scale) })));
}
