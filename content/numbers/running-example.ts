/**
 * The running example's state for the figures of the transformer essays, computed at build time on the
 * shipped model (widgets/attention/running-example.ts): the text, and the layer-2 head that sends the
 * attention of "um" in "␣j|um|ps" to "␣j". test/unit/essays/running-example.test.ts checks the claim the
 * essay makes about that head.
 */
import { loadNodeTransformer } from '../../widgets/models/transformer/node-inference.ts';
import { RUNNING_EXAMPLE, strongestHead } from '../../widgets/attention/running-example.ts';

const model = await loadNodeTransformer();
const ids = model.tokenizer.encode(RUNNING_EXAMPLE);
const pieces = ids.map((id) => new TextDecoder().decode(model.tokenizer.tokenBytes(id)));
const um = pieces.indexOf('um');
const j = pieces.indexOf(' j');
if (um < 0 || j < 0) throw new Error(`running example: the tokenizer no longer cuts "jumps" into "␣j|um|ps" (${JSON.stringify(pieces)})`);
const out = await model.run(ids);
const word = strongestHead(out.attn, 2, model.card.architecture.heads, um, j);

export const ex = {
  text: RUNNING_EXAMPLE,
  /** The head that gathers the word's pieces, in block 2. */
  layer: word.layer,
  head: word.head,
  /** 1-based token positions of "um", "ps" and "␣c|at"'s "at". */
  um: um + 1,
  ps: pieces.indexOf('ps') + 1,
  at: pieces.indexOf('at') + 1,
} as const;
