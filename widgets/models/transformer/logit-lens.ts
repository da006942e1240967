/**
 * The logit lens (nostalgebraist 2020): the final LayerNorm and the unembedding applied to the
 * residual stream after every layer, read as a next-token distribution. transformer-lens.onnx does
 * the matrix work ([N, d] → [N, V]); this module builds its input and reads its output.
 *
 * For one position, feed lensInputForPosition(resid, t) ([L+1, d]: embedding, then after each
 * block) and pass the [L+1, V] logits to lensLayers(). The last layer's distribution is the
 * model's own; KL(final ‖ layer ℓ) says how far layer ℓ still is from it (0 at ℓ = L). Because the
 * unembedding is tied to the token embedding, layer 0 mostly predicts the *current* token
 * (MEASUREMENTS.md): an artefact of weight tying, which a view should say.
 */

import type { BpeTokenizer } from '../../runtime/tokenizer/index.ts';
import { NATS_PER_BIT, klDivergence, logSoftmax, topIndices } from './numerics.ts';
import { residSizes, type TensorLike } from './outputs.ts';

/** The lens graph's input for position t at every residual layer: { data [L+1 × d], dims [L+1, d] }. */
export function lensInputForPosition(resid: TensorLike, position: number): TensorLike {
  const { layers, T, d } = residSizes(resid);
  if (!Number.isInteger(position) || position < 0 || position >= T) throw new RangeError(`position ${position} is out of range 0…${T - 1}`);
  const data = new Float32Array(layers * d);
  for (let l = 0; l < layers; l++) data.set(resid.data.subarray((l * T + position) * d, (l * T + position + 1) * d), l * d);
  return { data, dims: [layers, d] };
}

/**
 * The lens graph's input for every position at one residual layer: { data [T × d], dims [T, d] }.
 * At layer L this gives next-token logits for every position (the main graph returns only the last).
 */
export function lensInputForLayer(resid: TensorLike, layer: number): TensorLike {
  const { layers, T, d } = residSizes(resid);
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers) throw new RangeError(`residual layer ${layer} is out of range 0…${layers - 1}`);
  return { data: resid.data.slice(layer * T * d, (layer + 1) * T * d), dims: [T, d] };
}

export interface TokenLabel {
  id: number;
  /** Readable form: "␣cat" (a leading space made visible), "<0x0A>" for a newline (tokenizer.tokenText). */
  display: string;
  /** The token decoded as text (may contain U+FFFD for a piece of a character). */
  text: string;
  leadingSpace: boolean;
}

function tokenLabel(tokenizer: BpeTokenizer, id: number): TokenLabel {
  const bytes = tokenizer.tokenBytes(id);
  return { id, display: tokenizer.tokenText(id), text: tokenizer.decode([id]), leadingSpace: bytes[0] === 0x20 };
}

export interface LensCandidate extends TokenLabel {
  prob: number;
}

export interface LensLayer {
  /** Residual layer 0…L. */
  layer: number;
  logProbs: Float64Array;
  /** The most likely next tokens under this layer's lens, most likely first. */
  top: LensCandidate[];
  /** KL(p_final ‖ p_layer), in nats and bits; 0 at the last layer. */
  klNats: number;
  klBits: number;
  /** Rank (0 = top) of the final layer's most likely token under this layer. */
  finalTopRank: number;
  /** Probability this layer gives the final layer's most likely token. */
  finalTopProb: number;
}

/**
 * Reads lens logits for one position at every layer ([L+1, V], layer 0 first) into per-layer
 * distributions, top-k tokens and KL from the final layer.
 */
export function lensLayers(logits: TensorLike, tokenizer: BpeTokenizer, k = 5): LensLayer[] {
  if (logits.dims.length !== 2) throw new RangeError(`lens logits must be [layers, V], got [${logits.dims.join(', ')}]`);
  const [layers, V] = logits.dims;
  if (layers < 1 || logits.data.length !== layers * V) throw new RangeError(`lens logits hold ${logits.data.length} numbers for [${layers}, ${V}]`);
  const logProbs = Array.from({ length: layers }, (_, l) => logSoftmax(logits.data.subarray(l * V, (l + 1) * V)));
  const final = logProbs[layers - 1];
  const finalTop = topIndices(final, 1)[0];
  return logProbs.map((lp, layer) => {
    const kl = klDivergence(final, lp);
    let rank = 0;
    for (let v = 0; v < V; v++) if (lp[v] > lp[finalTop]) rank++;
    return {
      layer,
      logProbs: lp,
      top: topIndices(lp, k).map((id) => ({ ...tokenLabel(tokenizer, id), prob: Math.exp(lp[id]) })),
      klNats: kl,
      klBits: kl / NATS_PER_BIT,
      finalTopRank: rank,
      finalTopProb: Math.exp(lp[finalTop]),
    };
  });
}
