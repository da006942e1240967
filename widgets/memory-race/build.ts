/**
 * Build time only (Node: node:fs and Node's onnxruntime-web): the race's model list from the model cards, the
 * measured curves the figure shows beside the live answers, and the race on the opening state, run with the
 * same code the browser runs (race.ts) on the same graphs, so the static HTML shows real answers before, or
 * without, JavaScript.
 */
import * as ort from 'onnxruntime-web';
import { readArtifactBytes, readArtifactJson, readForgetting, readMemoryFiller, readRecall, readTokenizer, readTransformerCard } from '../models/artifacts.ts';
import { parseLstmCard } from '../models/lstm/card.ts';
import { loadNodeTransformer, ortQueue } from '../models/transformer/node-inference.ts';
import { MemoryTaskGenerator } from '../runtime/memory-tasks/index.ts';
import type { RaceModel } from './models.ts';
import { passageFor } from './view.ts';
import type { BpeTokenizer } from '../runtime/tokenizer/index.ts';
import { runLane, type Engines, type RaceResult } from './race.ts';
import { measuredFrom, type Measured } from './measured.ts';
import type { MemoryRaceState } from './state.ts';
import type { Floats, LstmEngine } from './score.ts';

const positive = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);

/** memory-attention.json's chosen head per layer, when it was measured on this transformer's shape. */
function chosenHeads(layers: number, heads: number): number[] {
  const raw = (readArtifactJson('memory-attention.json') as { chosen_heads?: unknown; layers?: unknown; heads?: unknown }) ?? {};
  const list = raw.chosen_heads;
  if (raw.layers !== layers || raw.heads !== heads || !Array.isArray(list) || list.length !== layers) return [];
  return list.every((h) => Number.isInteger(h) && h >= 0 && h < heads) ? (list as number[]) : [];
}

/** The shipped transformer and LSTM, in the order their lanes appear. */
export function raceModels(): RaceModel[] {
  const t = readTransformerCard();
  const tBytes = (readArtifactJson('transformer.json') as { bytes?: Record<string, unknown> }).bytes ?? {};
  const l = parseLstmCard(readArtifactJson('lstm.json'));
  const a = t.architecture;
  return [
    {
      id: 'lstm', readoutId: 'lstm-head', label: 'LSTM', kind: 'lstm', context: null,
      layers: l.architecture.layers, dModel: l.architecture.d_model, heads: 0, params: l.architecture.params,
      files: { model: l.files.model!, readout: l.files.head! },
      bytes: { model: l.bytes.model ?? null, readout: l.bytes.head ?? null },
      chosenHeads: [],
    },
    {
      // The names under which the other transformer figures load the same graphs (one session per page).
      id: 'transformer', readoutId: 'transformer-lens', label: 'Transformer', kind: 'transformer', context: a.context,
      layers: a.layers, dModel: a.d_model, heads: a.heads, params: a.params,
      files: { model: t.files.model ?? 'transformer.onnx', readout: t.files.lens ?? t.lens.file },
      bytes: { model: positive(tBytes.model), readout: positive(tBytes.lens) },
      chosenHeads: chosenHeads(a.layers, a.heads),
    },
  ];
}

/** The recall and forgetting measurements the figure shows beside the live answers. */
export function measured(): Measured {
  return measuredFrom(readRecall(), readForgetting());
}

let lstmSessions: Promise<{ main: ort.InferenceSession; head: ort.InferenceSession }> | undefined;

function nodeLstm(m: RaceModel): LstmEngine {
  lstmSessions ??= (async () => {
    ort.env.wasm.numThreads = 1;
    const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'] };
    return { main: await ort.InferenceSession.create(readArtifactBytes(m.files.model), options), head: await ort.InferenceSession.create(readArtifactBytes(m.files.readout), options) };
  })();
  const L = m.layers;
  const d = m.dModel;
  const floats = (t: ort.Tensor | undefined): Floats => ({ data: t!.data as Float32Array, dims: [...t!.dims] });
  return {
    async run(ids, h0, c0) {
      const { main } = await lstmSessions!;
      const out = await ortQueue(() => main.run({
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]),
        h0: new ort.Tensor('float32', h0, [L, 1, d]),
        c0: new ort.Tensor('float32', c0, [L, 1, d]),
      }));
      return { logits: floats(out.logits), h: floats(out.h), c: floats(out.c) };
    },
    async head(rows) {
      const { head } = await lstmSessions!;
      return floats((await ortQueue(() => head.run({ h: new ort.Tensor('float32', rows.data, [...rows.dims]) }))).logits);
    },
  };
}

export async function nodeEngines(): Promise<{ engines: Engines; encode: (text: string) => number[]; gen: MemoryTaskGenerator; tokenizer: BpeTokenizer }> {
  const t = await loadNodeTransformer();
  const engines: Engines = {
    transformer: () => ({
      async run(ids, withAttention) {
        const out = await t.run(ids);
        return { resid: out.resid, attn: withAttention ? out.attn : null };
      },
      lens: (rows) => t.lens(rows),
    }),
    lstm: nodeLstm,
  };
  const tokenizer = readTokenizer();
  return { engines, encode: (s) => tokenizer.encode(s), gen: new MemoryTaskGenerator(tokenizer, readMemoryFiller()), tokenizer };
}

/** The race on a state, every model of the list: the figure's static first paint. */
export async function initialRace(models: RaceModel[], state: MemoryRaceState): Promise<RaceResult> {
  const { engines, encode, gen, tokenizer } = await nodeEngines();
  const p = passageFor(gen, tokenizer, state);
  if (typeof p === 'string') throw new Error(`memory race: the opening state has no passage: ${p}`);
  const lanes = [];
  for (const m of models) lanes.push((await runLane(m, p, engines, encode))!);
  return { key: { task: state.task, distance: state.distance, seed: state.seed, flip: state.flip, opening: state.opening }, lanes };
}
