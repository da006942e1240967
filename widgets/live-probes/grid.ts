/**
 * The live probes' grid as data: one column per word (per token for the sub-word `word_start`
 * probe), one row per residual layer 0…L, each cell the probe's most likely class and its
 * probability; plus the genre rows (a document label: one prediction per layer for the whole text)
 * and the class distribution of a selected cell. Pure: the build-time figure and the browser shape
 * the model's outputs with the same code.
 *
 * Which token a word's prediction is read at, and which tokens are outside what the probes were
 * trained on, follow widgets/models/transformer/probes.ts (wordPredictions, lowContext).
 */
import type { ProbeFile } from '../models/transformer/probe-file.ts';
import { documentPrediction, groupWords, hasLetterOrDigit, labelScope, lowContext, wordPredictions, type ProbePrediction, type TokenProbes } from '../models/transformer/probes.ts';
import type { Piece } from '../models/transformer/text-window.ts';
import type { ProbeAccuracy } from '../models/transformer/live/setup.ts';
import { percent, shorten, spokenClass } from '../models/transformer/live/text.ts';

export interface GridColumn {
  /** Header text (at most 14 characters) and the whole word or token (for a tooltip). */
  text: string;
  full: string;
  /** Token positions [first, end) the column covers, and the one its prediction is read at. */
  first: number;
  end: number;
  position: number;
  /** Fewer than min_context tokens before `position`: outside what the probes were trained on. */
  low: boolean;
}

export interface GridCell {
  index: number;
  /** Probability of the predicted class, rounded to 3 decimals (it is shown as a percentage). */
  confidence: number;
  /** The prediction differs from the layer below (never at layer 0). */
  changed: boolean;
}

export interface GridRow {
  /** Residual layer: 0 = embedding, ℓ = after block ℓ. */
  layer: number;
  /** The probe's measured validation accuracy at this layer (transformer-measurements.json), if known. */
  accuracy: number | null;
  cells: GridCell[];
}

export interface ProbeGrid {
  label: string;
  scope: 'word' | 'piece';
  classes: string[];
  columns: GridColumn[];
  rows: GridRow[];
  minContext: number;
  /** How many columns are low-context. */
  lowColumns: number;
  /** Always answering the most frequent class would score this (for the row labels' context). */
  majority: number | null;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The columns for a label's scope. Words (groupWords on the tokenizer's word starts) keep trailing
 * whitespace with them; a word of only whitespace (text that starts with a newline) has no
 * prediction and no column. For `word_start`, every token that holds a non-whitespace character.
 */
function gridColumns(scope: 'word' | 'piece', text: string, pieces: readonly Piece[], applies: readonly boolean[], file: ProbeFile): GridColumn[] {
  const columns: GridColumn[] = [];
  const add = (first: number, end: number, position: number, full: string) =>
    columns.push({ text: shorten(full), full, first, end, position, low: lowContext(file, position) });
  if (scope === 'piece') {
    pieces.forEach((p, t) => {
      if (applies[t]) add(t, t + 1, t, p.display);
    });
    return columns;
  }
  const words = groupWords(
    pieces.map((p) => p.wordStart),
    applies,
    pieces.map((p) => hasLetterOrDigit(text.slice(p.start, p.end))),
  );
  for (const w of words) {
    if (w.last < 0) continue;
    const full = text.slice(pieces[w.first]!.start, pieces[w.end - 1]!.end).trim();
    add(w.first, w.end, w.last, full === '' ? pieces[w.last]!.display : full);
  }
  return columns;
}

function toCell(p: ProbePrediction | null | undefined, below: GridCell | null): GridCell | null {
  if (!p) return null;
  return { index: p.index, confidence: round3(p.confidence), changed: below !== null && below.index !== p.index };
}

/**
 * The grid of one word-level or piece-level probe. `tokenProbes` is probeAll's entry for the label;
 * cells come from wordPredictions (the word's own last piece: "mat" in "mat.") or, per piece, the token
 * itself. A cell is never null: every column has a token the label applies to.
 */
export function probeGrid(
  tokenProbes: TokenProbes,
  text: string,
  pieces: readonly Piece[],
  applies: readonly boolean[],
  file: ProbeFile,
  accuracy?: ProbeAccuracy,
): ProbeGrid {
  const scope = labelScope(tokenProbes.label) === 'piece' ? 'piece' : 'word';
  const columns = gridColumns(scope, text, pieces, applies, file);
  const preds =
    scope === 'word'
      ? wordPredictions(
          tokenProbes,
          columns.map((c) => ({ first: c.first, end: c.end, last: c.position })),
        )
      : tokenProbes.predictions.map((row) => columns.map((c) => row[c.position] ?? null));
  const rows: GridRow[] = [];
  preds.forEach((row, layer) => {
    const below = rows[layer - 1];
    const cells = row.map((p, c) => toCell(p, below ? below.cells[c]! : null));
    if (cells.some((c) => c === null)) throw new Error(`probe ${tokenProbes.label}: a column has no prediction at layer ${layer}`);
    rows.push({ layer, accuracy: accuracy?.perLayer[layer] ?? null, cells: cells as GridCell[] });
  });
  return {
    label: tokenProbes.label,
    scope,
    classes: tokenProbes.classes,
    columns,
    rows,
    minContext: file.min_context,
    lowColumns: columns.filter((c) => c.low).length,
    majority: accuracy?.majority ?? null,
  };
}

export interface GenreRow {
  layer: number;
  index: number;
  confidence: number;
  /** Mean class probabilities over the tokens used, in class order (rounded to 3 decimals). */
  probs: number[];
  accuracy: number | null;
  changed: boolean;
}

export interface GenreView {
  classes: string[];
  /** Tokens averaged: positions from…T−1. */
  from: number;
  T: number;
  minContext: number;
  rows: GenreRow[];
  majority: number | null;
}

/**
 * The document's genre per layer: the mean of the tokens' genre probabilities (documentPrediction),
 * over the tokens with at least min_context tokens before them when the text has any, else over
 * all of them (and the view says which).
 */
export function genreView(tokenProbes: TokenProbes, file: ProbeFile, accuracy?: ProbeAccuracy): GenreView {
  const T = tokenProbes.predictions[0]?.length ?? 0;
  const from = T > file.min_context ? file.min_context : 0;
  const rows: GenreRow[] = [];
  documentPrediction(tokenProbes, from).forEach((p, layer) => {
    const below = rows[layer - 1];
    rows.push({
      layer,
      index: p.index,
      confidence: round3(p.confidence),
      probs: Array.from(p.probs, round3),
      accuracy: accuracy?.perLayer[layer] ?? null,
      changed: below !== undefined && below.index !== p.index,
    });
  });
  return { classes: tokenProbes.classes, from, T, minContext: file.min_context, rows, majority: accuracy?.majority ?? null };
}

/** The selected cell: `word` −1 (or past the end) is the last column; the layer is clamped into the grid. */
export function resolveSelection(grid: Pick<ProbeGrid, 'columns' | 'rows'>, word: number, layer: number): { column: number; layer: number } {
  const n = grid.columns.length;
  const column = n === 0 ? -1 : word < 0 || word >= n ? n - 1 : word;
  const top = grid.rows.length - 1;
  return { column, layer: Math.min(Math.max(0, layer), Math.max(0, top)) };
}

/**
 * The column of `to` that holds the token `from`'s column `column` is read at: switching between a
 * word-level probe and `word_start` keeps the reader on the same place in the text.
 */
export function mapColumn(from: Pick<ProbeGrid, 'columns'>, column: number, to: Pick<ProbeGrid, 'columns'>): number {
  const c = from.columns[column];
  if (!c) return -1;
  const i = to.columns.findIndex((d) => d.first <= c.position && c.position < d.end);
  return i;
}

export interface ClassBar {
  name: string;
  prob: number;
  top: boolean;
}

/** A distribution as bars, most likely first (ties keep class order). */
export function classBars(classes: readonly string[], probs: ArrayLike<number>): ClassBar[] {
  const order = classes.map((_, i) => i).sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0) || a - b);
  return order.map((i, rank) => ({ name: classes[i]!, prob: round3(probs[i] ?? 0), top: rank === 0 }));
}

/** The full class distribution of one cell of the grid (the selected word at the selected layer). */
export function cellBars(tokenProbes: TokenProbes, grid: ProbeGrid, column: number, layer: number): ClassBar[] {
  const c = grid.columns[column];
  const p = c ? tokenProbes.predictions[layer]?.[c.position] : null;
  return p ? classBars(tokenProbes.classes, p.probs) : [];
}

/** One sentence about the selected cell, for the live region and the bar list's caption. */
export function selectionSummary(grid: ProbeGrid, column: number, layer: number): string {
  const c = grid.columns[column];
  const cell = grid.rows[layer]?.cells[column];
  if (!c || !cell) return '';
  const what = grid.scope === 'piece' ? `Token ${c.position + 1} “${c.full}”` : `“${c.full}”`;
  const at = layer === 0 ? 'at layer 0 (the embedding)' : `after layer ${layer}`;
  const name = spokenClass(grid.classes[cell.index]!);
  let s = `${what} ${at}: ${name}, ${percent(cell.confidence)}`;
  if (cell.changed) s += `, changed from ${spokenClass(grid.classes[grid.rows[layer - 1]!.cells[column]!.index]!)} at the layer below`;
  if (c.low) s += `. Read with only ${c.position} tokens before it: the probes were trained on ${grid.minContext} or more`;
  return `${s}.`;
}

/** The default view of the live probes, computed at build time: small enough to travel as props. */
export interface InitialProbes {
  text: string;
  /** Tokens the model read. */
  tokens: number;
  grid: ProbeGrid;
  genre: GenreView | null;
  /** The default selection (last column, last layer) and its class distribution. */
  selection: { column: number; layer: number; bars: ClassBar[] };
}
