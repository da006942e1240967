/**
 * Browser glue: the race's graphs through the page's shared model runtime (widgets/runtime/ort/: one worker, one
 * session per model name, so a page whose other figures load the transformer loads it once), the tokenizer and
 * the filler file. Runs are newest-wins per key (one key per figure and model): a superseded run answers null
 * (score.ts stops at once), and its result never paints (LiveModel.run).
 */
import { float32, modelRuntime, modelUrl } from '../runtime/ort/runtime.ts';
import { loadJsonOnce } from '../runtime/fetch-json.ts';
import { loadTokenizer } from '../runtime/tokenizer/load.ts';
import type { BpeTokenizer } from '../runtime/tokenizer/index.ts';
import { MemoryTaskGenerator, parseFillerSet } from '../runtime/memory-tasks/index.ts';
import type { RaceModel } from './models.ts';
import type { Engines } from './race.ts';
import type { LstmEngine, TransformerEngine } from './score.ts';

export const FILLER_FILE = 'memory-filler.json';

/** The passage generator: the shipped tokenizer and the filler sentences. */
export async function loadGenerator(tokenizerFile: string): Promise<{ gen: MemoryTaskGenerator; tokenizer: BpeTokenizer }> {
  const [tokenizer, filler] = await Promise.all([
    loadTokenizer(modelUrl(tokenizerFile)),
    loadJsonOnce(modelUrl(FILLER_FILE), 'filler text', parseFillerSet),
  ]);
  return { gen: new MemoryTaskGenerator(tokenizer, filler), tokenizer };
}

/** Loads a model's two graphs (each once per page). */
export async function loadRaceModel(m: RaceModel): Promise<void> {
  const load = (name: string, file: string, bytes: number | null) => modelRuntime().load(name, modelUrl(file), bytes ? { expectedBytes: bytes } : {});
  await Promise.all([load(m.id, m.files.model, m.bytes.model), load(m.readoutId, m.files.readout, m.bytes.readout)]);
}

const ids64 = (ids: readonly number[]) => ({ type: 'int64' as const, data: BigInt64Array.from(ids, (i) => BigInt(i)), dims: [1, ids.length] });

function transformer(m: RaceModel, key: string): TransformerEngine {
  return {
    async run(ids, withAttention) {
      const res = await modelRuntime().run(m.id, { input_ids: ids64(ids) }, { key, outputs: withAttention ? ['resid', 'attn'] : ['resid'] });
      if (res.stale) return null;
      return { resid: float32(res.outputs, 'resid'), attn: withAttention ? float32(res.outputs, 'attn') : null };
    },
    async lens(rows) {
      const res = await modelRuntime().run(m.readoutId, { resid: { type: 'float32', data: rows.data, dims: [...rows.dims] } }, { key: `${key}:readout` });
      return res.stale ? null : float32(res.outputs, 'logits');
    },
  };
}

function lstm(m: RaceModel, key: string): LstmEngine {
  const state = (data: Float32Array) => ({ type: 'float32' as const, data, dims: [m.layers, 1, m.dModel] });
  return {
    async run(ids, h0, c0) {
      const res = await modelRuntime().run(m.id, { input_ids: ids64(ids), h0: state(h0), c0: state(c0) }, { key });
      if (res.stale) return null;
      return { logits: float32(res.outputs, 'logits'), h: float32(res.outputs, 'h'), c: float32(res.outputs, 'c') };
    },
    async head(rows) {
      const res = await modelRuntime().run(m.readoutId, { h: { type: 'float32', data: rows.data, dims: [...rows.dims] } }, { key: `${key}:readout` });
      return res.stale ? null : float32(res.outputs, 'logits');
    },
  };
}

/** The engines of one figure: its runs are newest-wins under keys of its own. */
export function browserEngines(figureKey: string): Engines {
  return { transformer: (m) => transformer(m, `${figureKey}:${m.id}`), lstm: (m) => lstm(m, `${figureKey}:${m.id}`) };
}
