/**
 * How much of its context each model uses (public/models/memory-context.json, written by
 * models/memory/context.py; Khandelwal et al. 2018): for each model, its loss on the same Brown validation
 * targets with the whole context, and the increase when the context beyond distance d is dropped, shuffled or
 * replaced by another document's text; the unigram loss on those targets is the no-context control.
 * Types and a validating loader: a stale or hand-edited file fails at load with the file and the field's path.
 */
import { JsonReader, array, field, finite, integer, object, positiveInteger, section, string } from '../../runtime/validate.ts';

export const CONTEXT_MODELS = ['transformer', 'lstm'] as const;
export type ContextModel = (typeof CONTEXT_MODELS)[number];
export const PERTURBATIONS = ['drop', 'shuffle', 'replace'] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

/** A mean over documents (nats per token) with its 95 % bootstrap interval over documents. */
export interface Estimate {
  mean: number;
  ci: [number, number];
}

/** One distance of a curve: the loss with the context beyond d perturbed, and its increase over the full context. */
export interface CurvePoint {
  d: number;
  loss: number;
  increase: Estimate;
}

export interface ModelContext {
  /** Tokens before the target the model reads in the `full` condition (its window). */
  context: number;
  params: number;
  full: Estimate;
  /** unigram − full: the whole benefit of context on these targets. */
  contextBenefit: Estimate;
  curves: Record<Perturbation, CurvePoint[]>;
  /** The LSTM only: the whole document before the target, and its gain over the window. */
  wholeDocument: { loss: Estimate; gainOverWindow: Estimate } | null;
}

export interface MemoryContext {
  documents: number;
  targetsPerDocument: number;
  targets: number;
  minPosition: number;
  unigram: Estimate;
  models: Record<ContextModel, ModelContext>;
  /** LSTM − transformer full-context loss on the same targets, paired within documents (negative: the LSTM
   * predicts them better); null in a file written before the script stored it. */
  lstmMinusTransformer: Estimate | null;
}

function estimate(r: JsonReader, v: unknown): Estimate {
  const o = object(r, v);
  const mean = field(r, o, 'mean', finite);
  const ci = array(r.at('ci'), o.ci, 2).map((x, i) => finite(r.at('ci').at(i), x)) as [number, number];
  if (!(ci[0] <= ci[1])) r.fail(`ci must be [low, high], got [${ci[0]}, ${ci[1]}]`);
  return { mean, ci };
}

function curvePoints(r: JsonReader, v: unknown, context: number): CurvePoint[] {
  const rows = array(r, v);
  if (rows.length === 0) r.fail('must list at least one distance');
  let last = -1;
  return rows.map((row, i) => {
    const ri = r.at(i);
    const o = object(ri, row);
    const d = field(ri, o, 'd', integer);
    if (d <= last) ri.fail(`d must increase along the curve, got ${d} after ${last}`);
    if (d >= context) ri.fail(`d must be below the model's context ${context}, got ${d}`);
    last = d;
    return { d, loss: field(ri, o, 'loss', finite), increase: field(ri, o, 'increase', estimate) };
  });
}

function modelContext(r: JsonReader, v: unknown): ModelContext {
  const o = object(r, v);
  const context = field(r, o, 'context', positiveInteger);
  const curves = {} as Record<Perturbation, CurvePoint[]>;
  for (const p of PERTURBATIONS) curves[p] = field(r, o, p, (rr, vv) => curvePoints(rr, vv, context));
  let wholeDocument: ModelContext['wholeDocument'] = null;
  if (o.whole_document !== undefined) {
    const [rw, w] = section(r, o, 'whole_document');
    wholeDocument = { loss: field(rw, w, 'loss', estimate), gainOverWindow: field(rw, w, 'gain_over_window', estimate) };
  }
  return {
    context,
    params: field(r, o, 'params', positiveInteger),
    full: field(r, o, 'full', estimate),
    contextBenefit: field(r, o, 'context_benefit', estimate),
    curves,
    wholeDocument,
  };
}

/** Validates public/models/memory-context.json. Throws an Error naming the file and the field. */
export function parseMemoryContext(json: unknown, file = 'memory-context.json'): MemoryContext {
  const r = new JsonReader(file);
  const o = object(r, json);
  field(r, o, 'what', string);
  const documents = field(r, o, 'documents', positiveInteger);
  const targetsPerDocument = field(r, o, 'targets_per_document', positiveInteger);
  const targets = field(r, o, 'targets', positiveInteger);
  if (targets !== documents * targetsPerDocument) r.at('targets').fail(`must be documents × targets_per_document = ${documents * targetsPerDocument}, got ${targets}`);
  const [rm, m] = section(r, o, 'models');
  const models = {} as Record<ContextModel, ModelContext>;
  for (const name of CONTEXT_MODELS) models[name] = field(rm, m, name, modelContext);
  return {
    documents,
    targetsPerDocument,
    targets,
    minPosition: field(r, o, 'min_position', positiveInteger),
    unigram: field(r, o, 'unigram', estimate),
    models,
    lstmMinusTransformer: o.comparison === undefined ? null : comparison(r, o),
  };
}

function comparison(r: JsonReader, o: Record<string, unknown>): Estimate {
  const [rc, c] = section(r, o, 'comparison');
  return field(rc, c, 'lstm_minus_transformer_full', estimate);
}

/** The curve point at distance d, or undefined where the measurement has none. */
export function pointAt(curve: readonly CurvePoint[], d: number): CurvePoint | undefined {
  return curve.find((p) => p.d === d);
}

/** Whether an increase is distinguishable from zero: its 95 % interval excludes 0. */
export function resolved(e: Estimate): boolean {
  return e.ci[0] > 0 || e.ci[1] < 0;
}

/** The smallest d from which on every increase of the curve is inside the noise (interval holds 0): how far the
 * model's use of the perturbed context reaches, or null if even the last distance is resolved. */
export function reach(curve: readonly CurvePoint[]): number | null {
  let from: number | null = null;
  for (const p of curve) {
    if (resolved(p.increase)) from = null;
    else if (from === null) from = p.d;
  }
  return from;
}
