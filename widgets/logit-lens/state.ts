/**
 * The logit lens's URL state, e.g. `?lens.text=The+cat+sat+on+the&lens.pos=2`.
 *
 * - `text`: the reader's text (up to 7,500 URL bytes in a link, as for the live probes).
 * - `pos`: the token position the lens reads; −1, the default, is the last token, and stays the
 *   last one while the reader types.
 * Anything invalid falls back to the default (url-state.ts); a position past the end of the text is
 * read as the last token (the view clamps it).
 */
import { intField, textField, type StateOf } from '../runtime/url-state.ts';

export const DEFAULT_LENS_TEXT = 'When the storm was over, the children ran out of the house and down to the';

export function logitLensSchema(opts: { defaultText: string; context: number }) {
  return {
    text: textField({ default: opts.defaultText }),
    pos: intField({ min: -1, max: opts.context - 1, default: -1 }),
  };
}

export type LogitLensSchema = ReturnType<typeof logitLensSchema>;
export type LogitLensState = StateOf<LogitLensSchema>;

/** The position the lens reads for T tokens: `pos`, or the last token when −1 or past the end. */
export function lensPosition(pos: number, T: number): number {
  if (T <= 0) return -1;
  return pos < 0 || pos >= T ? T - 1 : pos;
}

/** What to store when the reader picks token `index` of T: the last one is stored as −1 (it follows the end). */
export function storedPosition(index: number, T: number): number {
  return index >= T - 1 ? -1 : Math.max(0, index);
}
