/**
 * The models that race, as a list: each with what the figure needs to run it and to say what it reads. The
 * server entry builds the list from the model cards (build.ts); a model trained on the long-range tasks is
 * one more entry (a card, its files, its kind), not a change to the view. Pure TS: it travels as island props.
 */

export type RaceKind = 'transformer' | 'lstm';

export interface RaceModel {
  /** Its name in the page's model runtime (one session per page, shared with other figures). */
  id: string;
  /** The second graph's runtime name: the transformer's lens, the LSTM's head (final LayerNorm + unembedding). */
  readoutId: string;
  /** "Transformer", "LSTM": what the lane is titled. */
  label: string;
  kind: RaceKind;
  /** Tokens it reads before the target: its window (null: the whole text, from a zero state). */
  context: number | null;
  layers: number;
  dModel: number;
  /** Attention heads per layer (transformers). */
  heads: number;
  params: number | null;
  /** Files under /models/ and their sizes (the progress totals; null: unknown). */
  files: { model: string; readout: string };
  bytes: { model: number | null; readout: number | null };
  /**
   * Per layer, the head whose attention to the fact the measurement chose once over every task and distance
   * (memory-attention.json `chosen_heads`), for this model's attention readout; empty when none was measured.
   */
  chosenHeads: number[];
}

/** What a lane says the model reads. */
export function readsText(m: RaceModel): string {
  return m.context === null ? 'reads the whole passage, token by token, from a zero state' : `reads only the last ${m.context} tokens before the answer`;
}
