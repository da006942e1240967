/**
 * The series' running example: the sentence the tokenizer figure opens on, the attention figure opens on,
 * and the essays discuss ("The cat jumps over the fence."). Which head gathers the pieces of "jumps" is not
 * written down anywhere: it is found here, on the shipped model, so a retrained model moves the figure to
 * its own head (and the claim test in test/unit/essays checks that such a head still exists).
 */
import { attentionRow, type TensorLike } from '../models/transformer/outputs.ts';

export const RUNNING_EXAMPLE = 'The cat jumps over the fence.';

export interface WordHead {
  /** 1-based, as the essays and the figure number them. */
  layer: number;
  head: number;
  /** 1-based token positions: the query piece ("um") and the piece that starts its word ("␣j"). */
  query: number;
  key: number;
  /** The weight from the query to the key in that head. */
  weight: number;
}

/**
 * The head of block `layer` (1-based) that puts the most weight from piece `query` on piece `key`
 * (both 0-based positions): the head the essay points the reader to.
 */
export function strongestHead(attn: TensorLike, layer: number, heads: number, query: number, key: number): WordHead {
  let best: WordHead = { layer, head: 1, query: query + 1, key: key + 1, weight: -1 };
  for (let h = 0; h < heads; h++) {
    const weight = attentionRow(attn, layer - 1, h, query)[key]!;
    if (weight > best.weight) best = { layer, head: h + 1, query: query + 1, key: key + 1, weight };
  }
  return best;
}
