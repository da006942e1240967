/**
 * The figure's side of the shared model runtime (widgets/runtime/ort/): load the transformer once
 * per page, and run it on token ids under the figure's key, so that when the reader types faster
 * than the model answers only the newest text is computed and painted (newest wins).
 * Inference runs in the runtime's worker: typing never waits for it.
 */
import { float32, modelRuntime, modelUrl, ModelRuntimeError } from '../runtime/ort/runtime.ts';
import type { AttentionTensors } from './head-data.ts';

/** The model's name in the page runtime, and its file under /models/ (IdleStart starts the same load). */
export const MODEL = 'transformer';
export const MODEL_FILE = 'transformer.onnx';

/** `expectedBytes`: the card's bytes.model, the progress total when the server compresses (0: unknown). */
export function loadModel(expectedBytes: number): Promise<unknown> {
  return modelRuntime().load(MODEL, modelUrl(MODEL_FILE), expectedBytes > 0 ? { expectedBytes } : {});
}

/**
 * attn, q, k (and v when the model exports it) for `ids`; null when a newer run of the same key was
 * requested meanwhile (its result is on the way: do not paint this one).
 */
export async function runAttention(ids: readonly number[], key: string, withValues: boolean): Promise<AttentionTensors | null> {
  const T = ids.length;
  const data = BigInt64Array.from(ids, (id) => BigInt(id));
  const outputs = withValues ? ['attn', 'q', 'k', 'v'] : ['attn', 'q', 'k'];
  const result = await modelRuntime().run(MODEL, { input_ids: { type: 'int64', data, dims: [1, T] } }, { key, outputs });
  if (result.stale) return null;
  const attn = float32(result.outputs, 'attn');
  // The views index these tensors by their dims; a model that disagrees with the text is a bug to say, not to draw.
  if (attn.dims.length !== 5 || attn.dims[3] !== T || attn.dims[4] !== T) {
    throw new ModelRuntimeError({ kind: 'run', message: `The model returned attention for ${attn.dims[3]} tokens, not ${T}.` });
  }
  const tensors: AttentionTensors = { T, attn, q: float32(result.outputs, 'q'), k: float32(result.outputs, 'k') };
  if (withValues) tensors.v = float32(result.outputs, 'v');
  return tensors;
}

/** The figure's sentence for a failure that is not already one (kit/problem.ts uses an Error's own message). */
export const MODEL_PROBLEM = 'The model could not run.';
