/**
 * transformer-measurements.json (models/transformer/MEASUREMENTS.md): attention statistics per head,
 * probe accuracies and the logit lens, measured at factory time; types and a validating loader that
 * names the file and the field of anything malformed.
 */

import { JsonReader, array, field, finite, integer, nullableFinite, object, positiveInteger, section, string, vector } from '../../runtime/validate.ts';

/** Attention statistics of one head (or their mean over a layer's heads). */
export interface HeadStats {
  mean_distance: number;
  mean_distance_excl_first: number;
  first_token_share: number;
  entropy: number;
  prev_token_share: number;
  self_share: number;
}

/** The same statistics for a head that spreads its attention evenly over every visible position. */
export interface UniformStats {
  mean_distance: number;
  mean_distance_excl_first: number;
  first_token_share: number;
  entropy: number;
  entropy_excl_first: number;
  prev_token_share: number;
}

export interface LayerAttention {
  /** 1-based block number (layer 1 is the first block). */
  layer: number;
  heads: HeadStats[];
  mean_over_heads: HeadStats;
  sd_distance_over_heads: number;
  max_distance_head: number;
}

export interface ProbeStats {
  classes: string[];
  n_train: number;
  n_val: number;
  majority: number;
  majority_class: string;
  /** Validation accuracy at residual layers 0…L. */
  per_layer_acc: number[];
  best_layer: number;
  expected_layer: number | null;
  expected_layer_clipped: number | null;
  /** Control-task labels only (upos, chunk, sentpos). */
  control_acc?: number[];
  selectivity?: number[];
  best_selectivity_layer?: number;
  expected_layer_selectivity_clipped?: number | null;
}

export interface LensStats {
  /** Residual layer 0…L. */
  layer: number;
  /** KL(p_final ‖ p_layer), nats. */
  kl: number;
  top1_agreement: number;
  /** −ln p_layer(actual next token), nats. */
  ce: number;
}

export interface Measurements {
  model: { checkpoint_sha256: string; n_layer: number; n_head: number; d_model: number; block_size: number; vocab_size: number };
  attention: {
    uniform: UniformStats;
    layers: LayerAttention[];
    distance_entropy_r: number | null;
    /** [layer (1-based), head (0-based), share] of heads over half on the previous token. */
    prev_token_heads: [number, number, number][];
    first_token_heads: [number, number, number][];
    max_acausal_weight: number;
  };
  probes: Record<string, ProbeStats>;
  logit_lens: { layers: LensStats[] };
}

const HEAD_KEYS = ['mean_distance', 'mean_distance_excl_first', 'first_token_share', 'entropy', 'prev_token_share', 'self_share'] as const;
const UNIFORM_KEYS = ['mean_distance', 'mean_distance_excl_first', 'first_token_share', 'entropy', 'entropy_excl_first', 'prev_token_share'] as const;

function numbers<K extends string>(r: JsonReader, v: unknown, keys: readonly K[]): Record<K, number> {
  const o = object(r, v);
  return Object.fromEntries(keys.map((k) => [k, field(r, o, k, finite)])) as Record<K, number>;
}

function numberList(r: JsonReader, v: unknown, length: number): number[] {
  return Array.from(vector(r, v, length));
}

function headList(r: JsonReader, v: unknown): [number, number, number][] {
  return array(r, v).map((e, i) => {
    const t = array(r.at(i), e, 3);
    return [integer(r.at(i).at(0), t[0], 1), integer(r.at(i).at(1), t[1]), finite(r.at(i).at(2), t[2])];
  });
}

/** Validates public/models/transformer-measurements.json against its own model section. */
export function parseMeasurements(json: unknown, file = 'transformer-measurements.json'): Measurements {
  const r = new JsonReader(file);
  const o = object(r, json);
  const { rm, m, checkpoint_sha256, n_layer, d_model } = modelSection(r, o);
  const model = {
    checkpoint_sha256,
    n_layer,
    n_head: field(rm, m, 'n_head', positiveInteger),
    d_model,
    block_size: field(rm, m, 'block_size', positiveInteger),
    vocab_size: field(rm, m, 'vocab_size', (rr, v) => integer(rr, v, 2)),
  };
  const L = model.n_layer;

  const [rA, at] = section(r, o, 'attention');
  const layers = array(rA.at('layers'), at.layers, L).map((lv, i) => {
    const rl = rA.at('layers').at(i);
    const l = object(rl, lv);
    const layer = field(rl, l, 'layer', positiveInteger);
    if (layer !== i + 1) rl.at('layer').fail(`must be ${i + 1} (layers are listed in order, 1-based), got ${layer}`);
    return {
      layer,
      heads: array(rl.at('heads'), l.heads, model.n_head).map((h, k) => numbers(rl.at('heads').at(k), h, HEAD_KEYS)),
      mean_over_heads: numbers(rl.at('mean_over_heads'), l.mean_over_heads, HEAD_KEYS),
      sd_distance_over_heads: field(rl, l, 'sd_distance_over_heads', finite),
      max_distance_head: field(rl, l, 'max_distance_head', integer),
    };
  });
  const attention = {
    uniform: numbers(rA.at('uniform'), at.uniform, UNIFORM_KEYS),
    layers,
    distance_entropy_r: field(rA, at, 'distance_entropy_r', (rr, v) => (v === undefined ? null : nullableFinite(rr, v))),
    prev_token_heads: at.prev_token_heads === undefined ? [] : field(rA, at, 'prev_token_heads', headList),
    first_token_heads: at.first_token_heads === undefined ? [] : field(rA, at, 'first_token_heads', headList),
    max_acausal_weight: at.max_acausal_weight === undefined ? 0 : field(rA, at, 'max_acausal_weight', finite),
  };

  const [rP, po] = section(r, o, 'probes');
  const probes: Record<string, ProbeStats> = {};
  for (const label of Object.keys(po)) {
    const rp = rP.at(label);
    const p = object(rp, po[label]);
    const classes = field(rp, p, 'classes', array).map((c, i) => string(rp.at('classes').at(i), c));
    const stats: ProbeStats = {
      classes,
      n_train: field(rp, p, 'n_train', integer),
      n_val: field(rp, p, 'n_val', integer),
      majority: field(rp, p, 'majority', finite),
      majority_class: field(rp, p, 'majority_class', string),
      per_layer_acc: field(rp, p, 'per_layer_acc', (rr, v) => numberList(rr, v, L + 1)),
      best_layer: field(rp, p, 'best_layer', integer),
      expected_layer: field(rp, p, 'expected_layer', nullableFinite),
      expected_layer_clipped: field(rp, p, 'expected_layer_clipped', nullableFinite),
    };
    if (p.control_acc !== undefined) stats.control_acc = field(rp, p, 'control_acc', (rr, v) => numberList(rr, v, L + 1));
    if (p.selectivity !== undefined) stats.selectivity = field(rp, p, 'selectivity', (rr, v) => numberList(rr, v, L + 1));
    if (p.best_selectivity_layer !== undefined) stats.best_selectivity_layer = field(rp, p, 'best_selectivity_layer', integer);
    if (p.expected_layer_selectivity_clipped !== undefined) {
      stats.expected_layer_selectivity_clipped = field(rp, p, 'expected_layer_selectivity_clipped', nullableFinite);
    }
    probes[label] = stats;
  }

  const [rL, lo] = section(r, o, 'logit_lens');
  const lensLayers = array(rL.at('layers'), lo.layers, L + 1).map((lv, i) => {
    const s = numbers(rL.at('layers').at(i), lv, ['layer', 'kl', 'top1_agreement', 'ce'] as const);
    if (s.layer !== i) rL.at('layers').at(i).at('layer').fail(`must be ${i}, got ${s.layer}`);
    return s;
  });

  return { model, attention, probes, logit_lens: { layers: lensLayers } };
}

/**
 * The `model` section that the measurement and probe files share: which checkpoint they were computed on, and
 * the two sizes every reader checks. Returns its reader and object too, for the fields a file adds.
 */
export function modelSection(r: JsonReader, o: Record<string, unknown>) {
  const [rm, m] = section(r, o, 'model');
  return {
    rm,
    m,
    checkpoint_sha256: m.checkpoint_sha256 === undefined ? '' : field(rm, m, 'checkpoint_sha256', string),
    n_layer: field(rm, m, 'n_layer', positiveInteger),
    d_model: field(rm, m, 'd_model', positiveInteger),
  };
}
