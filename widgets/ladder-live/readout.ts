/**
 * What the live ladder shows, computed from the model's outputs: where each scale probe applies, what it reads
 * there at every layer, and the model's guess of the next piece. Pure (no ORT): the build and the browser run
 * the model their own way (build.ts, runtime.ts) and hand `readDocument` the same rows.
 *
 * The probes (models/hier/probes.py) were trained where measure.py reads each label, so they apply at:
 * - piece (`noun_class`): a noun's second piece, where its two pieces are first together;
 * - phrase (`subject_number`): a verb's third piece, when the verb agrees (its next piece is -ta or -ne);
 * - paragraph (`topic_number`): a pronoun (ka, mo, ri);
 * - document (`document_property`): a sentence particle (ko, pu) after the document's first.
 * The model reads 256 pieces at a time: a longer text is read in windows every 128 pieces, as measure.py does,
 * and each piece's vectors come from the first window that reaches it with the most context.
 */
import { NOUN_A, NOUN_B, NOUN_CLASSES, PIECES, VERB_Z } from '../models/hier-language/vocab.ts';
import type { HierDocument } from '../models/hier-language/language.ts';
import type { HierProbeFile } from '../models/hier/card.ts';

export const SCALES = ['noun_class', 'subject_number', 'topic_number', 'document_property'] as const;
export type ScaleLabel = (typeof SCALES)[number];

/** How the figure names each scale, and its classes. */
export const SCALE_NAMES: Record<ScaleLabel, { scale: string; reads: string; classes: string[] }> = {
  noun_class: { scale: 'Pieces joined', reads: 'a noun’s class, at its second piece', classes: ['ka', 'mo', 'ri'] },
  subject_number: { scale: 'Phrase: agreement', reads: 'the subject’s number, at the verb’s third piece', classes: ['singular', 'plural'] },
  topic_number: { scale: 'Paragraph: antecedent', reads: 'the topic’s number, at a pronoun', classes: ['singular', 'plural'] },
  document_property: { scale: 'Document property', reads: 'the hidden property, at a particle after the first', classes: ['p = 0', 'p = 1'] },
};

const id = (p: string) => PIECES.indexOf(p);
const NOUN_A_IDS = new Set(NOUN_A.map(id));
const NOUN_B_IDS = new Set(NOUN_B.map(id));
const VERB_Z_IDS = new Set(VERB_Z.map(id));
const AGREE = new Set(['-ta', '-ne'].map(id));
const PRONOUN = new Set(['ka', 'mo', 'ri'].map(id));
const PARTICLE = new Set(['ko', 'pu'].map(id));

/** Windows of `context` pieces from the start every context/2; each scores the pieces the previous did not. */
export function windows(length: number, context: number): { start: number; end: number; scored: number }[] {
  const out = [];
  let w = 0;
  let scored = 0;
  while (scored < length) {
    const end = Math.min(w + context, length);
    out.push({ start: w, end, scored });
    scored = end;
    w = end - Math.floor(context / 2);
  }
  return out;
}

/** The scale label a probe reads at piece t, or null. */
export function labelAt(ids: readonly number[], t: number, firstParticle: number): ScaleLabel | null {
  const x = ids[t]!;
  if (NOUN_B_IDS.has(x) && t > 0 && NOUN_A_IDS.has(ids[t - 1]!)) return 'noun_class';
  if (VERB_Z_IDS.has(x) && AGREE.has(ids[t + 1] ?? -1)) return 'subject_number';
  if (PRONOUN.has(x)) return 'topic_number';
  if (PARTICLE.has(x) && t > firstParticle) return 'document_property';
  return null;
}

/** The generator's answer at a point, where the text is a generated document; a noun's class is in its pieces. */
export function truthAt(label: ScaleLabel, ids: readonly number[], t: number, doc: HierDocument | null): number | null {
  if (label === 'noun_class') return (NOUN_A.indexOf(PIECES[ids[t - 1]!] as never) + NOUN_B.indexOf(PIECES[ids[t]!] as never)) % NOUN_CLASSES;
  if (!doc) return null;
  if (label === 'document_property') return doc.property;
  return doc.subjectNumber[t]! >= 0 ? doc.subjectNumber[t]! : null;
}

export interface Point {
  t: number;
  label: ScaleLabel;
  /** Per layer 0…L: the probe's probability of each class. */
  probs: number[][];
  truth: number | null;
  /** The model's three likeliest next pieces after t, with their probabilities. */
  next: { piece: string; p: number }[];
}

export interface Reading {
  ids: number[];
  layers: number;
  points: Point[];
}

/** Model outputs of one window: logits [T × V] and resid[l] [T × d], row-major. */
export interface WindowRows {
  logits: Float32Array;
  resid: Float32Array[];
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Applies one layer's probe to the row h (standardised as in training). */
export function applyProbe(layer: { mu: number[]; sd: number[]; W: number[][]; b: number[] }, h: ArrayLike<number>): number[] {
  const z = layer.W.map((w, c) => w.reduce((acc, wi, i) => acc + wi * ((h[i]! - layer.mu[i]!) / layer.sd[i]!), layer.b[c]!));
  return softmax(z);
}

/** Runs `run` over the text's windows and reads every probe point. `run` returns null when superseded. */
export async function readDocument(
  ids: readonly number[],
  probes: HierProbeFile,
  setup: { context: number; dModel: number; vocab: number },
  run: (ids: number[]) => Promise<WindowRows | null>,
  doc: HierDocument | null,
): Promise<Reading | null> {
  const d = setup.dModel;
  const V = setup.vocab;
  const firstParticle = ids.findIndex((x) => PARTICLE.has(x));
  const points: Point[] = [];
  for (const w of windows(ids.length, setup.context)) {
    const rows = await run(ids.slice(w.start, w.end));
    if (!rows) return null;
    for (let t = w.scored; t < w.end; t++) {
      const label = labelAt(ids, t, firstParticle === -1 ? Infinity : firstParticle);
      if (!label || !probes.labels[label]) continue;
      const r = t - w.start;
      const probs = probes.labels[label]!.layers.map((layer, l) => applyProbe(layer, rows.resid[l]!.subarray(r * d, (r + 1) * d)));
      const p = softmax(Array.from(rows.logits.subarray(r * V, (r + 1) * V)));
      const next = p.map((v, i) => ({ piece: PIECES[i]!, p: v })).sort((a, b) => b.p - a.p).slice(0, 3);
      points.push({ t, label, probs, truth: truthAt(label, ids, t, doc), next });
    }
  }
  return { ids: [...ids], layers: probes.layers, points };
}

/** Per scale and layer over this text's points with a known answer: how many the probe reads right. */
export function scaleTable(reading: Reading): { label: ScaleLabel; n: number; right: number[] }[] {
  return SCALES.map((label) => {
    const pts = reading.points.filter((p) => p.label === label && p.truth !== null);
    const right = Array.from({ length: reading.layers }, (_, l) => pts.filter((p) => argmax(p.probs[l]!) === p.truth).length);
    return { label, n: pts.length, right };
  });
}

export function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}

/** The selected point: the one at `token`, else the first agreement point (the essay's scale), else the first. */
export function selectedPoint(reading: Reading, token: number): Point | null {
  return reading.points.find((p) => p.t === token) ?? reading.points.find((p) => p.label === 'subject_number') ?? reading.points[0] ?? null;
}
