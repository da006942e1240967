/**
 * Build time only (Node: node:fs and the Node ORT session): runs the model, the probes and the lens
 * on a figure's default text, so the static HTML of LiveProbes and LogitLens shows real predictions
 * before, or without, JavaScript. This file loads and checks the shared model once per build and reads a
 * text through it; each figure shapes its own view from that (widgets/live-probes/build.ts,
 * widgets/logit-lens/build.ts), with the same code the browser runs on the reader's text.
 */
import { readArtifactJson, readProbeFile, readTransformerMeasurements, TRANSFORMER_CARD } from '../../artifacts.ts';
import { artifactMismatches } from '../card.ts';
import type { ProbeFile } from '../probe-file.ts';
import { loadNodeTransformer, type NodeTransformer } from '../node-inference.ts';
import type { TensorLike } from '../outputs.ts';
import { hasNonSpace } from '../probes.ts';
import { textWindow, type TextWindow } from '../text-window.ts';
import type { Measurements } from '../measurements.ts';
import { liveSetup, probeAccuracies, type LiveSetup, type ProbeAccuracy } from './setup.ts';

/** The props of the two live figures' server entries (LiveProbes.astro, LogitLens.astro). */
export interface LiveFigureProps {
  /** The figure id: URL namespace for this figure's state; '' on the embed page. */
  figureId: string;
  /** The text the figure opens on (default: the figure's own, in its state.ts). */
  text?: string;
}

/** What both live views take from their server entry: the figure id, the default text and the model's setup. */
export function liveViewProps(data: LiveData, figureId: string, defaultText: string): { figureId: string; defaultText: string; setup: LiveSetup } {
  return { figureId, defaultText, setup: data.setup };
}

export interface LiveData {
  model: NodeTransformer;
  probes: ProbeFile;
  setup: LiveSetup;
  accuracies: Record<string, ProbeAccuracy>;
  measurements: Measurements;
}

let cache: Promise<LiveData> | undefined;

/** The shipped model, probes and measurements, checked against each other; loaded once per build. */
export function loadLiveData(): Promise<LiveData> {
  if (!cache) {
    const p = load();
    cache = p;
    p.catch(() => (cache = undefined));
  }
  return cache;
}

async function load(): Promise<LiveData> {
  const model = await loadNodeTransformer();
  const card = model.card;
  const rawCard = readArtifactJson(TRANSFORMER_CARD);
  const probes = readProbeFile(card.files.probes);
  const measurements = readTransformerMeasurements(card.files.measurements);
  // A page built between two steps of `npm run models` would pair files of two models: fail the build.
  const problems = artifactMismatches(card, measurements, probes);
  if (problems.length > 0) throw new Error(`live probes / logit lens: the model files disagree: ${problems.join('; ')}`);
  return {
    model,
    probes,
    setup: liveSetup(card, rawCard, probes),
    accuracies: probeAccuracies(measurements),
    measurements,
  };
}

/** The text's window, whether each token can carry a word label, and the residual stream (null for no tokens). */
export async function readText(data: LiveData, text: string): Promise<{ win: TextWindow; resid: TensorLike | null; applies: boolean[] }> {
  const win = textWindow(data.model.tokenizer, text, { context: data.setup.context });
  const applies = win.ids.map((id) => hasNonSpace(data.model.tokenizer.tokenBytes(id)));
  if (win.ids.length === 0) return { win, resid: null, applies };
  const out = await data.model.run(win.ids);
  return { win, resid: out.resid, applies };
}
