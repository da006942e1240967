/**
 * The live ladder's URL state, e.g. `?ladder-live.seed=12&ladder-live.token=57`, or with the reader's own text
 * `?ladder-live.edited=1&ladder-live.text=<doc>+the+biga+…`.
 *
 * - `seed`: which generated document (widgets/models/hier-language/language.ts `generateDocument(seed)`).
 * - `edited`: 1 when the reader has edited the text; `text` is then what the model reads (it may be empty).
 *   While `edited` is 0 the text is the seed's document, and a link carries only the seed.
 * - `token`: the selected piece (its position); −1, or a position where no probe reads, selects the first
 *   agreement point (readout.ts `selectedPoint`).
 * Anything invalid falls back to the field's default (url-state.ts).
 */
import { boolField, intField, textField, type StateOf } from '../runtime/url-state.ts';
import { MAX_PIECES } from './text.ts';

export const MAX_SEED = 999_999;
export const DEFAULT_SEED = 7;

export function ladderLiveSchema() {
  return {
    seed: intField({ min: 0, max: MAX_SEED, default: DEFAULT_SEED }),
    edited: boolField(false),
    text: textField({ default: '' }),
    token: intField({ min: -1, max: MAX_PIECES - 1, default: -1 }),
  };
}

export type LadderLiveSchema = ReturnType<typeof ladderLiveSchema>;
export type LadderLiveState = StateOf<LadderLiveSchema>;
