/**
 * Build time only (Node): the logit lens's default view, computed on the shared model
 * (widgets/models/transformer/live/build.ts) with the row code the browser runs on the reader's text.
 */
import type { LiveData } from '../models/transformer/live/build.ts';
import { readText } from '../models/transformer/live/build.ts';
import { lensInputForPosition, lensLayers } from '../models/transformer/logit-lens.ts';
import { averageKlBits, lensView, type InitialLens } from './rows.ts';
import { lensPosition } from './state.ts';

/** The measured KL to the final layer, averaged over the evaluation text: the chart's reference line. */
export function shippedAverageBits(data: LiveData): number[] {
  return averageKlBits(data.measurements.logit_lens.layers.map((l) => l.kl));
}

export async function initialLens(data: LiveData, text: string, pos = -1): Promise<InitialLens> {
  const { win, resid } = await readText(data, text);
  if (resid === null) throw new Error('the logit lens needs a non-empty default text');
  // The state's `pos` (−1: the last token), as the view resolves it.
  const position = lensPosition(pos, win.ids.length);
  const logits = await data.model.lens(lensInputForPosition(resid, position));
  const layers = lensLayers(logits, data.model.tokenizer, 5);
  return {
    text,
    pieces: win.pieces.map((p) => p.display),
    view: lensView(layers, position, win.pieces[position]!.display, shippedAverageBits(data)),
  };
}
