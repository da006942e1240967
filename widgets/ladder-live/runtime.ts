/**
 * Browser glue of the live ladder: its model and probe file, loaded through the page's shared runtime
 * (widgets/runtime/ort/), and one window's run. Runs are newest-wins per key: a superseded run returns null.
 */
import { ModelRuntimeError, float32, modelRuntime, modelUrl } from '../runtime/ort/runtime.ts';
import { loadJsonOnce } from '../runtime/fetch-json.ts';
import { parseHierProbes, type HierCard, type HierProbeFile } from '../models/hier/card.ts';
import type { WindowRows } from './readout.ts';

export const MODEL_NAME = 'hier-ladder';

/** What the view needs of the card (a prop, from the build). */
export interface LadderSetup {
  card: HierCard;
}

export async function loadLadderModel(setup: LadderSetup): Promise<void> {
  await modelRuntime().load(MODEL_NAME, modelUrl(setup.card.files.model), { expectedBytes: setup.card.bytes.model ?? undefined });
}

export function loadLadderProbes(setup: LadderSetup): Promise<HierProbeFile> {
  return loadJsonOnce(modelUrl(setup.card.files.probes), 'probe weights', (json) => parseHierProbes(json, setup.card));
}

export async function runWindow(ids: readonly number[], setup: LadderSetup, key: string): Promise<WindowRows | null> {
  const L = setup.card.architecture.layers;
  const names = ['logits', ...Array.from({ length: L + 1 }, (_, l) => `resid${l}`)];
  const data = BigInt64Array.from(ids, (id) => BigInt(id));
  const res = await modelRuntime().run(MODEL_NAME, { input_ids: { type: 'int64', data, dims: [1, ids.length] } }, { key, outputs: names });
  if (res.stale) return null;
  const [logits, ...resid] = names.map((n) => float32(res.outputs, n));
  if (logits!.dims[1] !== ids.length) throw new ModelRuntimeError({ kind: 'run', message: 'The model on the server has another shape than this page expects; reload the page.' });
  return { logits: logits!.data, resid: resid.map((r) => r.data) };
}
