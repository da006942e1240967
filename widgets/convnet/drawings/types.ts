// The drawing format shared by the generator, the rasteriser and the widget (CONTRACT.md, "Images").

export interface Stroke {
  /** Polyline x0, y0, x1, y1, … in drawing coordinates [0, 1]² (x right, y down). A stroke whose last
   * point equals its first is closed: it has no ends. */
  points: Float32Array;
  /** Pen width, drawing units (1 = the image side). */
  width: number;
  /** Index into PARTS (parts.ts); the per-pixel part label is part + 1. */
  part: number;
  /** Drawn as an arc, circle or ellipse whose radius is under ~6 px at 32 px: its pixels are 'curve'. */
  curved: boolean;
}

export interface Drawing {
  strokes: Stroke[];
  /** Index into DRAWING_CLASSES (parts.ts). */
  label: number;
}
