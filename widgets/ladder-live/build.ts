/**
 * Build time only (Node): the live ladder's opening state, read by the shipped model in onnxruntime-web (wasm,
 * one thread), as the browser does, so the static HTML shows real probe readings before, or without, JavaScript.
 */
import * as ort from 'onnxruntime-web';
import { readArtifactBytes, readArtifactJson } from '../models/artifacts.ts';
import { ortQueue } from '../models/transformer/node-inference.ts';
import { parseHierCard, parseHierProbes, type HierCard, type HierProbeFile } from '../models/hier/card.ts';
import { readDocument, type Reading, type WindowRows } from './readout.ts';
import { segment, stateDocument } from './text.ts';
import type { LadderLiveState } from './state.ts';

export const CARD_FILE = 'hier-L3-s1.json';

let session: Promise<ort.InferenceSession> | undefined;
// One run at a time: onnxruntime-web's wasm backend does not promise concurrent runs on one session are safe, and a
// build renders the essay's figure and the embed page concurrently.
const queue = ortQueue;

export function readLadderFiles(): { card: HierCard; probes: HierProbeFile } {
  const card = parseHierCard(readArtifactJson(CARD_FILE), CARD_FILE);
  return { card, probes: parseHierProbes(readArtifactJson(card.files.probes), card, card.files.probes) };
}

/** The model's session in Node, created once per process. */
export function ladderSession(card: HierCard): Promise<ort.InferenceSession> {
  ort.env.wasm.numThreads = 1;
  session ??= ort.InferenceSession.create(readArtifactBytes(card.files.model), { executionProviders: ['wasm'] });
  return session;
}

export async function initialReading(card: HierCard, probes: HierProbeFile, state: LadderLiveState): Promise<Reading> {
  const s = await ladderSession(card);
  const L = card.architecture.layers;
  const run = async (ids: number[]): Promise<WindowRows> => {
    const feeds = { input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, (i) => BigInt(i)), [1, ids.length]) };
    // One output per run: under the site's build, a run that fetched all five returned null for some of them
    // (onnxruntime-web's wasm backend; not seen in a plain Node process). Build time only, so the extra runs are cheap.
    const out: Record<string, ort.Tensor> = {};
    for (const name of s.outputNames) {
      const got = (await queue(() => s.run(feeds, [name])))[name];
      if (!got) throw new Error(`${card.files.model}: no output ${name}`);
      out[name] = got;
    }
    return { logits: out.logits!.data as Float32Array, resid: Array.from({ length: L + 1 }, (_, l) => out[`resid${l}`]!.data as Float32Array) };
  };
  const { text, doc } = stateDocument(state);
  const ids = segment(text).ids;
  const setup = { context: card.architecture.context, dModel: card.architecture.d_model, vocab: card.architecture.vocab_size };
  return (await readDocument(ids, probes, setup, run, doc))!;
}
