/**
 * Typed, bounds-checked views over the transformer's outputs, as both runtimes return them:
 * { data: Float32Array, dims } (an ORT tensor has exactly these two fields, so one can be passed as
 * is). The views are subarrays, not copies: a widget re-reads rows on every hover.
 *
 * Indexing, as in the tensors (all 0-based):
 * - attn, q, k, v [L, 1, H, T, ·]: `layer` 0…L−1 is block layer+1 (the essays and the measurements
 *   file number blocks from 1);
 * - resid [L+1, 1, T, d]: `layer` 0 is the embedding, `layer` ℓ the output of block ℓ (the same
 *   numbering as the measurements and the probes).
 */

import { resolveShape, type ModelCard } from './card.ts';

export interface TensorLike {
  data: Float32Array;
  dims: readonly number[];
}

/** The main graph's outputs, checked against the card (v is missing from older exports). */
export interface TransformerOutputs {
  /** Number of input tokens. */
  T: number;
  logits: TensorLike;
  attn: TensorLike;
  resid: TensorLike;
  q: TensorLike;
  k: TensorLike;
  v?: TensorLike;
}

/**
 * Checks raw outputs (e.g. the result of session.run) against the card's shapes for T tokens and
 * returns them typed. Throws if an output is missing, not float32, or has other dims.
 */
export function checkOutputs(card: ModelCard, raw: Record<string, { data: unknown; dims: readonly number[] } | undefined>, T: number): TransformerOutputs {
  const get = (name: string, optional = false): TensorLike | undefined => {
    const t = raw[name];
    if (t === undefined) {
      if (optional) return undefined;
      throw new Error(`model output "${name}" is missing`);
    }
    if (!(t.data instanceof Float32Array)) throw new Error(`model output "${name}" is not float32`);
    const want = resolveShape(card, name, { T });
    if (!sameDims(t.dims, want)) throw new Error(`model output "${name}" has dims [${t.dims.join(', ')}], the card says [${want.join(', ')}] for T = ${T}`);
    if (t.data.length !== product(want)) throw new Error(`model output "${name}" holds ${t.data.length} numbers, dims need ${product(want)}`);
    return { data: t.data, dims: [...t.dims] };
  };
  const hasV = card.outputs.some((s) => s.name === 'v');
  const out: TransformerOutputs = {
    T,
    logits: get('logits') as TensorLike,
    attn: get('attn') as TensorLike,
    resid: get('resid') as TensorLike,
    q: get('q') as TensorLike,
    k: get('k') as TensorLike,
  };
  const v = hasV ? get('v', true) : undefined;
  if (v !== undefined) out.v = v;
  return out;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function checkIndex(what: string, i: number, size: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= size) throw new RangeError(`${what} ${i} is out of range 0…${size - 1}`);
}

function checkRank(name: string, t: TensorLike, rank: number): void {
  if (t.dims.length !== rank) throw new RangeError(`${name} must have ${rank} dims, has [${t.dims.join(', ')}]`);
  if (t.data.length !== product(t.dims)) throw new RangeError(`${name} holds ${t.data.length} numbers, dims need ${product(t.dims)}`);
}

/** Sizes of attn [L, 1, H, T, T]. */
export function attnSizes(attn: TensorLike): { L: number; H: number; T: number } {
  checkRank('attn', attn, 5);
  const [L, , H, T] = attn.dims;
  return { L, H, T };
}

/** Attention weights of one query over keys 0…T−1 (entries after the query are 0: causal). */
export function attentionRow(attn: TensorLike, layer: number, head: number, query: number): Float32Array {
  const { L, H, T } = attnSizes(attn);
  checkIndex('layer', layer, L);
  checkIndex('head', head, H);
  checkIndex('query', query, T);
  const start = ((layer * H + head) * T + query) * T;
  return attn.data.subarray(start, start + T);
}

/** One head's [T × T] attention matrix, row-major (row = query, column = key). */
export function attentionMatrix(attn: TensorLike, layer: number, head: number): Float32Array {
  const { L, H, T } = attnSizes(attn);
  checkIndex('layer', layer, L);
  checkIndex('head', head, H);
  const start = (layer * H + head) * T * T;
  return attn.data.subarray(start, start + T * T);
}

/** Sizes of resid [L+1, 1, T, d]: `layers` counts residual layers (L + 1). */
export function residSizes(resid: TensorLike): { layers: number; T: number; d: number } {
  checkRank('resid', resid, 4);
  const [layers, , T, d] = resid.dims;
  return { layers, T, d };
}

/** The residual vector (d numbers) at residual layer 0…L and token position. */
export function residRow(resid: TensorLike, layer: number, position: number): Float32Array {
  const { layers, T, d } = residSizes(resid);
  checkIndex('residual layer', layer, layers);
  checkIndex('position', position, T);
  const start = (layer * T + position) * d;
  return resid.data.subarray(start, start + d);
}

/** Sizes of q, k or v [L, 1, H, T, head_dim]. */
export function headTensorSizes(t: TensorLike, name = 'q/k/v'): { L: number; H: number; T: number; hd: number } {
  checkRank(name, t, 5);
  const [L, , H, T, hd] = t.dims;
  return { L, H, T, hd };
}

/** One head's query, key or value vector (head_dim numbers) at a position. */
export function headRow(t: TensorLike, layer: number, head: number, position: number): Float32Array {
  const { L, H, T, hd } = headTensorSizes(t);
  checkIndex('layer', layer, L);
  checkIndex('head', head, H);
  checkIndex('position', position, T);
  const start = ((layer * H + head) * T + position) * hd;
  return t.data.subarray(start, start + hd);
}

/**
 * The next-token logits after the last position (V numbers), from either logits layout:
 * [1, V] (current exports) or [1, T, V] (older ones: the last row).
 */
export function lastLogits(logits: TensorLike): Float32Array {
  if (logits.dims.length === 2) {
    checkRank('logits', logits, 2);
    return logits.data;
  }
  checkRank('logits', logits, 3);
  const [, T, V] = logits.dims;
  if (T < 1) throw new RangeError('logits has no positions');
  return logits.data.subarray((T - 1) * V, T * V);
}
