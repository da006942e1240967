/**
 * The live ladder model's card (public/models/hier-<run>.json, written by models/hier/card.ts, whose object is
 * typed `satisfies HierCard`) and its probe file (models/hier/probes.py): types and validating loaders. The
 * figure reads the layer count, the output names and the file names from here, never from constants.
 */
import type { TensorSpec, TestFixtureRef } from '../transformer/card.ts';

export interface HierCard {
  name: string;
  task: string;
  /** The ladder run this model is (models/hier/config.py): depth and seed. */
  run: string;
  architecture: { type: string; layers: number; d_model: number; n_head: number; context: number; vocab_size: number; params: number };
  inputs: TensorSpec[];
  /** logits, then one residual output per layer: resid0 (embeddings and positions) … resid<layers>. */
  outputs: TensorSpec[];
  files: { model: string; probes: string; measurements: string };
  bytes: Record<string, number | null>;
  metrics: { val_loss: number; measured_val_loss: number | null; probe_accuracy: Record<string, number[]> };
  training?: Record<string, unknown>;
  test_fixture?: TestFixtureRef;
}

export interface HierProbeLayer {
  mu: number[];
  sd: number[];
  W: number[][];
  b: number[];
  /** Held-out accuracy (odd validation documents). */
  accuracy: number;
}
export interface HierProbe {
  scale: string;
  what: string;
  classes: number;
  examples: number;
  majority: number;
  layers: HierProbeLayer[];
}
export interface HierProbeFile {
  run: string;
  d_model: number;
  layers: number;
  training: string;
  labels: Record<string, HierProbe>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (file: string, what: string): never => {
  throw new Error(`${file}: ${what}`);
};
const numbers = (v: unknown, n: number) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/** Validates a card: the outputs are logits and resid0 … resid<layers>, each shaped as the architecture says. */
export function parseHierCard(json: unknown, file = 'hier card'): HierCard {
  if (!isObj(json) || !isObj(json.architecture) || !Array.isArray(json.outputs) || !isObj(json.files)) return fail(file, 'not a model card');
  const a = json.architecture as HierCard['architecture'];
  for (const k of ['layers', 'd_model', 'context', 'vocab_size'] as const) if (!Number.isInteger(a[k]) || a[k] < 1) fail(file, `architecture.${k}`);
  const names = (json.outputs as TensorSpec[]).map((o) => o?.name);
  const want = ['logits', ...Array.from({ length: a.layers + 1 }, (_, l) => `resid${l}`)];
  if (names.join() !== want.join()) fail(file, `outputs ${names.join(', ')}; expected ${want.join(', ')}`);
  const f = json.files as Record<string, unknown>;
  for (const k of ['model', 'probes']) if (typeof f[k] !== 'string') fail(file, `files.${k}`);
  return json as unknown as HierCard;
}

/** Validates a probe file against the card: every label has layers + 1 probes of d_model inputs. */
export function parseHierProbes(json: unknown, card: HierCard, file = 'hier probes'): HierProbeFile {
  if (!isObj(json) || !isObj(json.labels)) return fail(file, 'not a probe file');
  const d = card.architecture.d_model;
  for (const [name, p] of Object.entries(json.labels as Record<string, HierProbe>)) {
    if (!isObj(p) || !Array.isArray(p.layers) || p.layers.length !== card.architecture.layers + 1) fail(file, `${name}: one probe per layer`);
    p.layers.forEach((l, i) => {
      const ok = numbers(l.mu, d) && numbers(l.sd, d) && numbers(l.b, p.classes) && Array.isArray(l.W) && l.W.length === p.classes && l.W.every((row) => numbers(row, d));
      if (!ok) fail(file, `${name}: layer ${i}'s weights do not fit d_model ${d} and ${p.classes} classes`);
    });
  }
  return json as unknown as HierProbeFile;
}
