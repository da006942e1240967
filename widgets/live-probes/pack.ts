/**
 * The build-time grid, packed for the trip to the browser as island props. Astro serialises every
 * number of a prop as its own tagged entry ([0, 0.931]) inside an HTML attribute, so the plain
 * ProbeGrid of a 100-token text weighs ~48 KB there; packed, a few KB. Packing keeps what cannot
 * be recomputed (classes, probabilities to 1/1000, token spans, word texts) and recomputes the rest
 * (header texts, low-context flags, changes from the layer below) with the same code the browser
 * uses on its own results. Pure; `unpackGrid(packGrid(g))` equals `g` (tested).
 */
import { shorten } from '../models/transformer/live/text.ts';
import type { GridCell, GridColumn, GridRow, InitialProbes, ProbeGrid } from './grid.ts';

export interface PackedGrid {
  label: string;
  scope: 'word' | 'piece';
  classes: string[];
  minContext: number;
  majority: number | null;
  accuracy: (number | null)[];
  /** Each column's whole word or token. */
  words: string[];
  /** Per column: first, end, position, each 2 base-36 digits. */
  spans: string;
  /** Per row, per column: class index (1 base-36 digit) + probability in thousandths (2 digits). */
  cells: string;
}

export type PackedInitialProbes = Omit<InitialProbes, 'grid'> & { grid: PackedGrid };

const b36 = (n: number, width: number) => {
  const s = n.toString(36);
  if (!Number.isInteger(n) || n < 0 || s.length > width) throw new RangeError(`cannot pack ${n} in ${width} base-36 digits`);
  return s.padStart(width, '0');
};
const unb36 = (s: string, at: number, width: number) => parseInt(s.slice(at, at + width), 36);

export function packGrid(grid: ProbeGrid): PackedGrid {
  return {
    label: grid.label,
    scope: grid.scope,
    classes: grid.classes,
    minContext: grid.minContext,
    majority: grid.majority,
    accuracy: grid.rows.map((r) => r.accuracy),
    words: grid.columns.map((c) => c.full),
    spans: grid.columns.map((c) => b36(c.first, 2) + b36(c.end, 2) + b36(c.position, 2)).join(''),
    cells: grid.rows.map((r) => r.cells.map((c) => b36(c.index, 1) + b36(Math.round(c.confidence * 1000), 2)).join('')).join(''),
  };
}

export function unpackGrid(p: PackedGrid): ProbeGrid {
  const n = p.words.length;
  const columns: GridColumn[] = p.words.map((full, i) => {
    const position = unb36(p.spans, i * 6 + 4, 2);
    return { text: shorten(full), full, first: unb36(p.spans, i * 6, 2), end: unb36(p.spans, i * 6 + 2, 2), position, low: position < p.minContext };
  });
  const rows: GridRow[] = [];
  p.accuracy.forEach((accuracy, layer) => {
    const below = rows[layer - 1];
    const cells: GridCell[] = [];
    for (let c = 0; c < n; c++) {
      const at = (layer * n + c) * 3;
      const index = unb36(p.cells, at, 1);
      cells.push({ index, confidence: unb36(p.cells, at + 1, 2) / 1000, changed: below !== undefined && below.cells[c]!.index !== index });
    }
    rows.push({ layer, accuracy, cells });
  });
  return {
    label: p.label,
    scope: p.scope,
    classes: p.classes,
    columns,
    rows,
    minContext: p.minContext,
    lowColumns: columns.filter((c) => c.low).length,
    majority: p.majority,
  };
}

export function packInitialProbes(initial: InitialProbes): PackedInitialProbes {
  return { ...initial, grid: packGrid(initial.grid) };
}

export function unpackInitialProbes(packed: PackedInitialProbes): InitialProbes {
  return { ...packed, grid: unpackGrid(packed.grid) };
}
