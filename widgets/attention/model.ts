/**
 * The figure's side of the model runtime (widgets/runtime/ort/): load the transformer once per page, and run it
 * on token ids under the figure's key, so that when the reader types faster than the model answers only the
 * newest text is computed and painted (newest wins; LiveModel drops every answer but the newest task's).
 *
 * Where it runs: the shared runtime's worker loads the model and chooses the backend (auto, or the reader's
 * menu). When that choice is WASM, the runs move to the page's own thread (runtime/ort/main-thread.ts): a
 * forward pass at 128 tokens takes a few milliseconds there, while a worker's answer arrives after the frame
 * in which the keystroke was handled, so the map painted a frame or more late (bench attention-latency).
 * The main-thread session opens in idle time after the first run; until it is open, and whenever the backend
 * is WebGPU (or still being chosen), the worker answers. If it cannot open, the worker keeps answering.
 */
import { mainThreadModel, type MainThreadModel, type TensorOut } from '../runtime/ort/main-thread.ts';
import { float32, modelRuntime, modelUrl, ModelRuntimeError } from '../runtime/ort/runtime.ts';
import type { AttentionTensors } from './head-data.ts';

/** The model's name in the page runtime, and its file under /models/ (IdleStart starts the same load). */
export const MODEL = 'transformer';
export const MODEL_FILE = 'transformer.onnx';

/** `expectedBytes`: the card's bytes.model, the progress total when the server compresses (0: unknown). */
export function loadModel(expectedBytes: number): Promise<unknown> {
  return modelRuntime().load(MODEL, modelUrl(MODEL_FILE), expectedBytes > 0 ? { expectedBytes } : {});
}

/** The page-thread session once open; `opening` keeps it to one try per page (a failure leaves the worker). */
let here: MainThreadModel | null = null;
let opening = false;

function openHere(): void {
  if (opening) return;
  opening = true;
  const open = () =>
    mainThreadModel(modelUrl(MODEL_FILE)).then(
      (model) => (here = model),
      () => undefined, // the worker, which loaded the same file, keeps answering
    );
  // Idle time: opening compiles the runtime's .wasm, which must not delay the first map.
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (typeof idle === 'function') idle(open, { timeout: 2_000 });
  else setTimeout(open, 500);
}

/**
 * attn, q, k (and v when the model exports it) for `ids`; null when a newer run of the same key was
 * requested meanwhile (its result is on the way: do not paint this one).
 */
export async function runAttention(ids: readonly number[], key: string, withValues: boolean): Promise<AttentionTensors | null> {
  const T = ids.length;
  const data = BigInt64Array.from(ids, (id) => BigInt(id));
  const outputs = withValues ? ['attn', 'q', 'k', 'v'] : ['attn', 'q', 'k'];
  const runtime = modelRuntime();
  let out: Record<string, TensorOut>;
  if (runtime.status.backend === 'wasm' && here) {
    const result = await here.run({ input_ids: { data, dims: [1, T] } }, key, outputs);
    if (!result) return null;
    runtime.recordRun(result.ms);
    out = result.outputs;
  } else {
    if (runtime.status.backend === 'wasm') openHere();
    const result = await runtime.run(MODEL, { input_ids: { type: 'int64', data, dims: [1, T] } }, { key, outputs });
    if (result.stale) return null;
    out = {};
    for (const name of outputs) if (Object.hasOwn(result.outputs, name)) out[name] = float32(result.outputs, name);
  }
  const get = (name: string): TensorOut => {
    const t = Object.hasOwn(out, name) ? out[name] : undefined;
    if (!t) throw new ModelRuntimeError({ kind: 'run', message: `The model gave no float32 output "${name}".` });
    return t;
  };
  const attn = get('attn');
  // The views index these tensors by their dims; a model that disagrees with the text is a bug to say, not to draw.
  if (attn.dims.length !== 5 || attn.dims[3] !== T || attn.dims[4] !== T) {
    throw new ModelRuntimeError({ kind: 'run', message: `The model returned attention for ${attn.dims[3]} tokens, not ${T}.` });
  }
  const tensors: AttentionTensors = { T, attn, q: get('q'), k: get('k') };
  if (withValues) tensors.v = get('v');
  return tensors;
}

/** The figure's sentence for a failure that is not already one (kit/problem.ts uses an Error's own message). */
export const MODEL_PROBLEM = 'The model could not run.';
