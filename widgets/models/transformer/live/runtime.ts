/**
 * Browser glue of the live figures: the tokenizer, the probe file and the two ONNX graphs, loaded
 * through the page's shared runtime (widgets/runtime/ort/), and the two runs. Every file is fetched
 * once per page, however many figures ask: the runtime keeps one session per model name and URL,
 * loadTokenizer one tokenizer per URL, and this module one probe file per URL.
 *
 * Runs are newest-wins per key (the runtime drops superseded requests and marks late results
 * stale): the run functions return null for a stale result, which the caller must not paint
 * (LiveModel.run: widgets/runtime/kit/live-model.svelte.ts).
 */
import { ModelRuntimeError, float32, modelRuntime, modelUrl } from '../../../runtime/ort/runtime.ts';
import type { BpeTokenizer } from '../../../runtime/tokenizer/index.ts';
import { loadJsonOnce } from '../../../runtime/fetch-json.ts';
import { loadTokenizer } from '../../../runtime/tokenizer/load.ts';
import { parseProbeFile, type ProbeFile } from '../probe-file.ts';
import { residSizes, type TensorLike } from '../outputs.ts';
import { LENS_NAME, MODEL_NAME, type LiveSetup } from './setup.ts';

export function loadLiveTokenizer(setup: LiveSetup): Promise<BpeTokenizer> {
  return loadTokenizer(modelUrl(setup.files.tokenizer));
}

export async function loadModel(setup: LiveSetup): Promise<void> {
  await modelRuntime().load(MODEL_NAME, modelUrl(setup.files.model), { expectedBytes: setup.bytes.model ?? undefined });
}

export async function loadLens(setup: LiveSetup): Promise<void> {
  await modelRuntime().load(LENS_NAME, modelUrl(setup.files.lens), { expectedBytes: setup.bytes.lens ?? undefined });
}

/** The probe weights (transformer-probes.json), checked against the model the page was built with. */
export async function loadProbeFile(setup: LiveSetup): Promise<ProbeFile> {
  const file = await loadJsonOnce(modelUrl(setup.files.probes), 'probe weights', parseProbeFile);
  if (file.model.n_layer !== setup.layers || file.model.d_model !== setup.dModel) {
    throw new Error('The probe weights on the server belong to another model than this page; reload the page.');
  }
  return file;
}

/** The residual stream [L+1, 1, T, d] for the token ids, or null if a newer run under `key` superseded it. */
export async function runResid(ids: readonly number[], setup: LiveSetup, key: string): Promise<TensorLike | null> {
  const data = BigInt64Array.from(ids, (id) => BigInt(id));
  const res = await modelRuntime().run(MODEL_NAME, { input_ids: { type: 'int64', data, dims: [1, ids.length] } }, { key, outputs: ['resid'] });
  if (res.stale) return null;
  const resid = float32(res.outputs, 'resid');
  const { layers, T, d } = residSizes(resid);
  if (layers !== setup.layers + 1 || T !== ids.length || d !== setup.dModel) {
    throw new ModelRuntimeError({ kind: 'run', message: 'The model on the server has another shape than this page expects; reload the page.' });
  }
  return resid;
}

/** Lens logits [N, V] for residual rows [N, d], or null when superseded. */
export async function runLens(rows: TensorLike, key: string): Promise<TensorLike | null> {
  const res = await modelRuntime().run(LENS_NAME, { resid: { type: 'float32', data: rows.data, dims: [...rows.dims] } }, { key });
  if (res.stale) return null;
  return float32(res.outputs, 'logits');
}
