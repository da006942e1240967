/**
 * The live probes' URL state, e.g.
 * `?probes-live.text=The+cat+sat&probes-live.label=chunk&probes-live.word=2&probes-live.layer=1`.
 *
 * - `text`: the reader's text; a link keeps all of it up to 7,500 URL bytes (url-state.ts textField),
 *   more than the model's 128 tokens can take; past that the link is shortened and the figure says so.
 * - `label`: which probe fills the grid (the word-level ones and `word_start`; genre is a document
 *   label and always has its own rows).
 * - `word`: the selected column (a word, or a token for `word_start`); −1, the default, is the last.
 * - `layer`: the selected residual layer 0…L; the default is L, the model's last.
 * Anything invalid falls back to the field's default (url-state.ts).
 */
import { enumField, intField, textField, type StateOf } from '../runtime/url-state.ts';

/** The grid's probes in the order the picker lists them; the first present one is the default. */
export const GRID_LABELS = ['upos', 'chunk', 'sentpos', 'word_start'] as const;
export type GridLabel = (typeof GRID_LABELS)[number];

/** How the picker names each probe (the level of the text it reads). */
export const LABEL_NAMES: Record<GridLabel, string> = {
  upos: 'Part of speech',
  chunk: 'Noun-phrase chunk',
  sentpos: 'Position in sentence',
  word_start: 'Word start',
};

export const LABEL_HINTS: Record<GridLabel, string> = {
  upos: 'word level: the word’s universal part of speech',
  chunk: 'phrase level: outside (O), beginning (B-NP) or inside (I-NP) a noun phrase',
  sentpos: 'sentence level: first word, 2–3, 4–7, 8–15 or 16+',
  word_start: 'sub-word level: does this token begin a word',
};

/** The grid labels the probe file has, in picker order (a retrained file may ship fewer). */
export function gridLabels(available: readonly string[]): GridLabel[] {
  return GRID_LABELS.filter((l) => available.includes(l));
}

export const DEFAULT_PROBES_TEXT =
  'The old man walked slowly down to the river, where his daughter was waiting with a small boat. ' +
  'She had painted it blue the summer before, and the paint was already peeling. ' +
  '"We should leave before the rain," she said. He nodded, but he did not get in. ' +
  'For a long time he stood on the bank and watched the water move past the reeds.';

export function liveProbesSchema(opts: { defaultText: string; labels: readonly GridLabel[]; layers: number; context: number }) {
  const labels = opts.labels.length > 0 ? opts.labels : (['upos'] as const);
  return {
    text: textField({ default: opts.defaultText }),
    label: enumField<GridLabel>(labels, labels[0]!),
    word: intField({ min: -1, max: opts.context - 1, default: -1 }),
    layer: intField({ min: 0, max: opts.layers, default: opts.layers }),
  };
}

export type LiveProbesSchema = ReturnType<typeof liveProbesSchema>;
export type LiveProbesState = StateOf<LiveProbesSchema>;
