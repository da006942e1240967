/**
 * What the live probes show, from what the browser has computed: the probes on the reader's text
 * (a Result), or the build-time view for the default text until then. Pure: the view (LiveProbesView)
 * only wires these to its state.
 */
import type { ProbeFile } from '../models/transformer/probe-file.ts';
import { hasNonSpace, probeAll, type TokenProbes } from '../models/transformer/probes.ts';
import type { TextWindow } from '../models/transformer/text-window.ts';
import type { ProbeAccuracy } from '../models/transformer/live/setup.ts';
import { cellBars, genreView, mapColumn, probeGrid, type ClassBar, type GenreView, type InitialProbes, type ProbeGrid } from './grid.ts';
import type { GridLabel } from './state.ts';

/** Every probe's guesses on one text (the grid's probes and genre). */
export interface ProbesResult {
  text: string;
  win: TextWindow;
  applies: boolean[];
  probes: Record<string, TokenProbes>;
}

/** Runs every probe the figure shows (the grid's labels, and genre when the file has it) on a residual stream. */
export function probesResult(
  text: string,
  win: TextWindow,
  tokenBytes: (id: number) => Uint8Array,
  file: ProbeFile,
  resid: Parameters<typeof probeAll>[1],
  labels: readonly GridLabel[],
): ProbesResult {
  const applies = win.ids.map((id) => hasNonSpace(tokenBytes(id)));
  const wanted = [...labels, ...('genre' in file.probes ? ['genre'] : [])];
  const all = probeAll(file, resid, applies, wanted);
  return { text, win, applies, probes: Object.fromEntries(all.map((tp) => [tp.label, tp])) };
}

export function gridFor(r: ProbesResult, label: string, file: ProbeFile | null, accuracies: Record<string, ProbeAccuracy>): ProbeGrid | null {
  const tp = r.probes[label];
  return tp && file ? probeGrid(tp, r.text, r.win.pieces, r.applies, file, accuracies[label]) : null;
}

export interface ShownProbes {
  grid: ProbeGrid;
  genre: GenreView | null;
  /** The selected label's guesses (null for the build-time view: its bars came with it). */
  probes: TokenProbes | null;
}

/**
 * The browser's own result when it is for this text; the build-time view for the default text until
 * then; else the last result (while the new one is computed).
 */
export function shownProbes(
  result: ProbesResult | null,
  initial: InitialProbes,
  text: string,
  label: string,
  file: ProbeFile | null,
  accuracies: Record<string, ProbeAccuracy>,
): ShownProbes | null {
  const fromResult = (r: ProbesResult): ShownProbes | null => {
    const grid = gridFor(r, label, file, accuracies);
    const g = r.probes.genre;
    return grid && file ? { grid, genre: g ? genreView(g, file, accuracies.genre) : null, probes: r.probes[label]! } : null;
  };
  if (result && result.text === text) return fromResult(result);
  if (text === initial.text && label === initial.grid.label) return { grid: initial.grid, genre: initial.genre, probes: null };
  return result ? fromResult(result) : null;
}

/** The selected cell's class distribution: computed, or the build-time one for its own cell. */
export function shownBars(shown: ShownProbes, selection: { column: number; layer: number }, initial: InitialProbes): ClassBar[] {
  if (shown.probes) return cellBars(shown.probes, shown.grid, selection.column, selection.layer);
  const s = initial.selection;
  return s.column === selection.column && s.layer === selection.layer ? s.bars : [];
}

/** The stored word for a column: -1 for the last one (the default follows the text's end). */
export function storedWord(grid: Pick<ProbeGrid, 'columns'>, column: number): number {
  return column < 0 || column >= grid.columns.length - 1 ? -1 : column;
}

/** Switching between a word-level probe and word_start keeps the selection on the same place in the text. */
export function wordAfterLabelChange(from: ProbeGrid | null, column: number | null, storedWordNow: number, to: ProbeGrid | null): number {
  if (!from || column === null || !to || storedWordNow < 0) return -1;
  return storedWord(to, mapColumn(from, column, to));
}

/** The caption's note on the columns read with less context than the probes were trained on. */
export function lowContextNote(grid: Pick<ProbeGrid, 'lowColumns' | 'columns' | 'minContext'>): string {
  const n = grid.lowColumns;
  if (n === grid.columns.length) return `${n === 1 ? 'The column has' : 'Every column has'} fewer than ${grid.minContext} tokens before it`;
  return n === 1 ? `The first column has fewer than ${grid.minContext} tokens before it` : `The first ${n} columns have fewer than ${grid.minContext} tokens before them`;
}
