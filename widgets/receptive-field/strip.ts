/**
 * Geometry of the strip diagram: one row per layer (input at the bottom), one column per input
 * position. A position of a strided layer stands for `jump` input columns, so its cell is that
 * wide and the diagram shows resolution dropping with depth. Units are abstract: the view
 * stretches the drawing to its box, so rows keep a readable height on a phone.
 */
import type { Cone } from './receptive-field.ts';

export interface StripCell {
  layer: number;
  position: number;
  x: number;
  width: number;
  inCone: boolean;
  selected: boolean;
}

export interface StripRow {
  layer: number;
  y: number;
  label: string;
  cells: StripCell[];
}

export interface StripGeometry {
  width: number;
  height: number;
  rowHeight: number;
  rows: StripRow[];
}

const CELL = 10;
const ROW = 10;
const GAP = 1.5;

export function stripGeometry(cone: Cone, jumps: readonly number[]): StripGeometry {
  const n = cone.lengths[0]!;
  const depth = cone.lengths.length - 1;
  const rows: StripRow[] = [];
  for (let layer = depth; layer >= 0; layer--) {
    const jump = jumps[layer] ?? 1;
    const seen = new Set(cone.positions[layer]);
    const cells: StripCell[] = [];
    for (let position = 0; position < cone.lengths[layer]!; position++) {
      const start = position * jump;
      const end = Math.min((position + 1) * jump, n);
      cells.push({
        layer,
        position,
        x: start * CELL + GAP / 2,
        width: Math.max((end - start) * CELL - GAP, 1),
        inCone: seen.has(position),
        selected: layer === depth && position === cone.output,
      });
    }
    rows.push({ layer, y: (depth - layer) * ROW, label: layer === 0 ? 'in' : `L${layer}`, cells });
  }
  return { width: n * CELL, height: (depth + 1) * ROW, rowHeight: ROW, rows };
}
