/**
 * Build time only (Node): the live probes' default view, computed on the shared model
 * (widgets/models/transformer/live/build.ts) with the grid code the browser runs on the reader's text.
 */
import type { LiveData } from '../models/transformer/live/build.ts';
import { readText } from '../models/transformer/live/build.ts';
import { probeAll } from '../models/transformer/probes.ts';
import { cellBars, genreView, probeGrid, resolveSelection, type InitialProbes } from './grid.ts';
import { gridLabels, type GridLabel } from './state.ts';

/** The grid probes the shipped probe file holds, in the figure's order. */
export function shippedGridLabels(data: LiveData): GridLabel[] {
  return gridLabels(Object.keys(data.probes.probes));
}

export async function initialProbes(data: LiveData, text: string, label: GridLabel, at: { word: number; layer: number } = { word: -1, layer: data.setup.layers }): Promise<InitialProbes> {
  const { win, resid, applies } = await readText(data, text);
  if (resid === null) throw new Error('the live probes need a non-empty default text');
  const [tp, genre] = probeAll(data.probes, resid, applies, [label, 'genre'].filter((l) => l in data.probes.probes));
  const grid = probeGrid(tp!, text, win.pieces, applies, data.probes, data.accuracies[label]);
  const selection = resolveSelection(grid, at.word, at.layer);
  return {
    text,
    tokens: win.ids.length,
    grid,
    genre: genre ? genreView(genre, data.probes, data.accuracies.genre) : null,
    selection: { ...selection, bars: cellBars(tp!, grid, selection.column, selection.layer) },
  };
}
