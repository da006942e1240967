/**
 * The model's attention tensors as the figure holds them, from either source:
 * - the browser run: attn, q, k, v for every block and head of the reader's text;
 * - the build: one head only (the figure's default), packed small enough to ride along as props,
 *   so that the static page, and the hydrated figure before the model has downloaded, show real
 *   numbers, and the step panel can be recomputed for any query of that head.
 * Every view (heatmap, arcs, step table, summaries) reads through `headMatrix` / `headSteps`, so both
 * sources give the same figure.
 */
import { attentionSteps, type AttentionSteps } from '../models/transformer/attention-steps.ts';
import { attentionMatrix, attnSizes, headTensorSizes, type TensorLike } from '../models/transformer/outputs.ts';

export interface AttentionTensors {
  /** Number of tokens. */
  T: number;
  /** [L, 1, H, T, T] */
  attn: TensorLike;
  /** [L, 1, H, T, head_dim]; q before the 1/√head_dim scaling. */
  q: TensorLike;
  k: TensorLike;
  v?: TensorLike;
  /** Set when the tensors hold a single head: which block and head (1-based) that is. */
  only?: { layer: number; head: number };
}

/** Indices into the tensors for block `layer` and head `head` (1-based), or null when not held. */
export function tensorIndex(t: AttentionTensors, layer: number, head: number): { layer: number; head: number } | null {
  if (t.only) return t.only.layer === layer && t.only.head === head ? { layer: 0, head: 0 } : null;
  const { L, H } = attnSizes(t.attn);
  if (!Number.isInteger(layer) || !Number.isInteger(head) || layer < 1 || layer > L || head < 1 || head > H) return null;
  return { layer: layer - 1, head: head - 1 };
}

/** The head's [T × T] attention (row = query, column = key), or null when not held. */
export function headMatrix(t: AttentionTensors, layer: number, head: number): Float32Array | null {
  const at = tensorIndex(t, layer, head);
  return at ? attentionMatrix(t.attn, at.layer, at.head) : null;
}

/** The step-by-step computation for one query (0-based), or null when the head is not held. */
export function headSteps(t: AttentionTensors, layer: number, head: number, query: number): AttentionSteps | null {
  const at = tensorIndex(t, layer, head);
  if (!at || !(query >= 0 && query < t.T)) return null;
  return attentionSteps(t.q, t.k, t.v, at.layer, at.head, query);
}

// ---------------------------------------------------------------------------------------------
// One head as build-time props

/** One head of one text, float32 arrays as base64 (little-endian): exact, and 4 bytes a number. */
export interface PackedHead {
  layer: number;
  head: number;
  T: number;
  headDim: number;
  attn: string;
  q: string;
  k: string;
  v: string | null;
}

function headSlice(t: TensorLike, layer: number, head: number): Float32Array {
  const [, , H, T, d] = t.dims as [number, number, number, number, number];
  const start = (layer * H + head) * T * d;
  return t.data.subarray(start, start + T * d);
}

export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => view.setFloat32(i * 4, x, true));
  let binary = '';
  // In chunks: String.fromCharCode(...bytes) overflows the argument limit on large arrays.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function decodeFloat32(text: string): Float32Array {
  const binary = atob(text);
  if (binary.length % 4 !== 0) throw new RangeError('packed float32 data has a length that is not a multiple of 4');
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  return Float32Array.from({ length: binary.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

/** Block `layer`, head `head` (1-based) of a full run, packed. */
export function packHead(t: AttentionTensors, layer: number, head: number): PackedHead {
  const at = tensorIndex(t, layer, head);
  if (!at) throw new RangeError(`no head ${layer}.${head} in these tensors`);
  const { hd } = headTensorSizes(t.q, 'q');
  return {
    layer,
    head,
    T: t.T,
    headDim: hd,
    attn: encodeFloat32(attentionMatrix(t.attn, at.layer, at.head)),
    q: encodeFloat32(headSlice(t.q, at.layer, at.head)),
    k: encodeFloat32(headSlice(t.k, at.layer, at.head)),
    v: t.v ? encodeFloat32(headSlice(t.v, at.layer, at.head)) : null,
  };
}

/** The packed head as tensors of one block and one head ([1, 1, 1, T, ·]). */
export function unpackHead(p: PackedHead): AttentionTensors {
  const { T, headDim: hd } = p;
  const tensor = (text: string, last: number): TensorLike => {
    const data = decodeFloat32(text);
    if (data.length !== T * last) throw new RangeError(`packed head holds ${data.length} numbers, expected ${T * last}`);
    return { data, dims: [1, 1, 1, T, last] };
  };
  const out: AttentionTensors = { T, attn: tensor(p.attn, T), q: tensor(p.q, hd), k: tensor(p.k, hd), only: { layer: p.layer, head: p.head } };
  if (p.v !== null) out.v = tensor(p.v, hd);
  return out;
}
