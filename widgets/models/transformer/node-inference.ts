/**
 * Build-time inference (Node only: it reads files with node:fs). Astro server code uses it to
 * render each figure's default state into the static HTML, with the same onnxruntime-web (wasm,
 * one thread) the browser runs, so a figure does not change when it hydrates.
 *
 * Sessions are created once per process and shared by every figure of the build.
 * Runs on one session are queued: onnxruntime-web's wasm backend does not promise concurrent
 * run() calls on one session are safe, and a build renders figures concurrently.
 * Outputs come back as { data: Float32Array, dims } like the browser runtime's, checked against
 * the model card.
 */

import * as ort from 'onnxruntime-web';
import { readArtifactBytes, readTokenizer, readTransformerCard } from '../artifacts.ts';
import type { BpeTokenizer } from '../../runtime/tokenizer/index.ts';
import type { ModelCard } from './card.ts';
import { checkOutputs, type TensorLike, type TransformerOutputs } from './outputs.ts';

export interface NodeTransformer {
  card: ModelCard;
  tokenizer: BpeTokenizer;
  /** Runs transformer.onnx on 1…context token ids. */
  run(ids: readonly number[]): Promise<TransformerOutputs>;
  /** Runs transformer-lens.onnx on residual rows { data [N × d], dims [N, d] } → logits [N, V]. */
  lens(resid: TensorLike): Promise<TensorLike>;
}

let loaded: Promise<NodeTransformer> | undefined;

/** The shipped model (public/models, via widgets/models/artifacts.ts), loaded once per process. */
export function loadNodeTransformer(): Promise<NodeTransformer> {
  if (loaded === undefined) {
    const p = load();
    loaded = p;
    p.catch(() => (loaded = undefined)); // a failed load (file missing mid-rebuild) may be retried
  }
  return loaded;
}

async function load(): Promise<NodeTransformer> {
  ort.env.wasm.numThreads = 1;
  const card = readTransformerCard();
  const tokenizer = readTokenizer(card.files.tokenizer ?? card.tokenizer.file);
  if (tokenizer.vocabSize !== card.architecture.vocab_size) {
    throw new Error(`tokenizer has ${tokenizer.vocabSize} tokens, the model card ${card.architecture.vocab_size}`);
  }
  // Read the bytes ourselves: ORT's own file loading under Node differs between builds.
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'] };
  const main = await ort.InferenceSession.create(readArtifactBytes(card.files.model ?? 'transformer.onnx'), options);
  const lensSession = await ort.InferenceSession.create(readArtifactBytes(card.files.lens ?? card.lens.file), options);
  const queue = ortQueue;
  const { context, vocab_size: V, d_model: d } = card.architecture;

  return {
    card,
    tokenizer,
    run(ids) {
      const T = ids.length;
      if (T < 1 || T > context) return Promise.reject(new RangeError(`the model reads 1…${context} tokens, got ${T}`));
      for (const id of ids) {
        if (!Number.isInteger(id) || id < 0 || id >= V) return Promise.reject(new RangeError(`token id ${id} is outside 0…${V - 1}`));
      }
      const input = new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, T]);
      return queue(async () => checkOutputs(card, await main.run({ input_ids: input }), T));
    },
    lens(resid) {
      if (resid.dims.length !== 2 || resid.dims[1] !== d || resid.data.length !== resid.dims[0] * d) {
        return Promise.reject(new RangeError(`lens input must be [N, ${d}], got [${resid.dims.join(', ')}]`));
      }
      const input = new ort.Tensor('float32', resid.data, [resid.dims[0], d]);
      return queue(async () => {
        const out = (await lensSession.run({ resid: input })).logits;
        if (out === undefined || !(out.data instanceof Float32Array)) throw new Error('lens graph returned no float32 "logits"');
        return { data: out.data, dims: [...out.dims] };
      });
    },
  };
}

/**
 * One queue for every onnxruntime-web run in this Node process (the build renders pages concurrently, and runs
 * of different sessions interleaved in the one wasm instance failed: "unaligned accesses", missing outputs).
 */
export const ortQueue: <T>(task: () => Promise<T>) => Promise<T> = serial();

/** A queue that runs the given tasks one after another, whatever their callers await. */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}
