/**
 * The logit lens's two-step run on the reader's text, and what the figure shows. The residual stream
 * of the last text is kept: choosing another position only runs the small lens graph. A run stops as
 * soon as a newer one has started (`current`, from LiveModel.run) and answers null for a stale step.
 */
import type { BpeTokenizer } from '../runtime/tokenizer/index.ts';
import { lensInputForPosition, lensLayers } from '../models/transformer/logit-lens.ts';
import type { TensorLike } from '../models/transformer/outputs.ts';
import type { TextWindow } from '../models/transformer/text-window.ts';
import { runLens, runResid } from '../models/transformer/live/runtime.ts';
import type { LiveSetup } from '../models/transformer/live/setup.ts';
import { lensView, type InitialLens, type LensView } from './rows.ts';

export interface LensResult {
  text: string;
  position: number;
  view: LensView;
}

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class LensRunner {
  private residCache: { ids: readonly number[]; resid: TensorLike } | null = null;
  private readonly lensKey: string;

  constructor(
    private readonly setup: LiveSetup,
    private readonly averageBits: readonly number[],
    private readonly runKey: string,
  ) {
    this.lensKey = `${runKey}:lens`;
  }

  /** The lens at `pos` of the window's text, or null when a newer run superseded this one. */
  async run(win: TextWindow, pos: number, text: string, tokenizer: BpeTokenizer, current: () => boolean): Promise<LensResult | null> {
    const { ids } = win;
    let resid = this.residCache && sameIds(this.residCache.ids, ids) ? this.residCache.resid : null;
    if (!resid) {
      resid = await runResid(ids, this.setup, this.runKey);
      if (resid === null || !current()) return null;
      this.residCache = { ids, resid };
    }
    const logits = await runLens(lensInputForPosition(resid, pos), this.lensKey);
    if (logits === null || !current()) return null;
    const view = lensView(lensLayers(logits, tokenizer, 5), pos, win.pieces[pos]!.display, this.averageBits);
    return { text, position: pos, view };
  }
}

/**
 * The browser's result when it is for this text and position; the build-time view for the default
 * text's position until then; else the last result (while the new one is computed).
 */
export function shownLens(result: LensResult | null, initial: InitialLens, text: string, position: number): LensView | null {
  if (result && result.text === text && result.position === position) return result.view;
  if (text === initial.text && position === initial.view.position) return initial.view;
  return result?.view ?? null;
}
