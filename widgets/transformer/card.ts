/**
 * Types and validating loaders for the transformer's JSON artifacts in public/models/:
 * transformer.json (the model card, models/card.ts), transformer-measurements.json and
 * transformer-probes.json (models/transformer/MEASUREMENTS.md).
 *
 * Every shape a widget uses (layers, heads, d_model, head_dim, context, vocabulary) is read from
 * here, never from constants: the model is retrained, and a 6-layer file and a 4-layer file must
 * both load. The parsers check each field and the cross-field invariants the widgets rely on
 * (heads × head_dim = d_model, one probe per residual layer, …), so a malformed or mismatched file
 * fails at load with a message naming the file and the field.
 */

import { JsonReader, array, field, finite, integer, nullableFinite, object, string, vector } from './validate.ts';

// ---------------------------------------------------------------------------------------------
// transformer.json

/** A tensor in the card: dimensions are numbers or symbolic names ('T' tokens, 'N' lens rows). */
export interface TensorSpec {
  name: string;
  shape: (number | string)[];
  meaning: string;
  dtype?: string;
}

export interface Architecture {
  type: string;
  layers: number;
  heads: number;
  d_model: number;
  head_dim: number;
  /** Longest input the model accepts, in tokens. */
  context: number;
  vocab_size: number;
  params: number | null;
}

export interface ModelCard {
  name: string;
  task: string;
  architecture: Architecture;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  lens: { file: string; inputs: TensorSpec[]; outputs: TensorSpec[] };
  /** Class names of each probe label, e.g. labels.upos = ['ADJ', …]. */
  labels: Record<string, string[]>;
  /** File names beside the card (model, lens, tokenizer, measurements, probes, fixture). */
  files: Record<string, string>;
  tokenizer: { file: string; vocab_size: number; eot_id: number };
}

function tensorSpecs(r: JsonReader, v: unknown): TensorSpec[] {
  return array(r, v).map((item, i) => {
    const ri = r.at(i);
    const o = object(ri, item);
    const shape = field(ri, o, 'shape', array).map((s, k) => {
      if (typeof s === 'string' && s !== '') return s;
      return integer(ri.at('shape').at(k), s, 1);
    });
    const spec: TensorSpec = {
      name: field(ri, o, 'name', string),
      shape,
      meaning: o.meaning === undefined ? '' : field(ri, o, 'meaning', string),
    };
    if (o.dtype !== undefined) spec.dtype = field(ri, o, 'dtype', string);
    return spec;
  });
}

function stringRecord(r: JsonReader, v: unknown): Record<string, string> {
  const o = object(r, v);
  return Object.fromEntries(Object.keys(o).map((k) => [k, field(r, o, k, string)]));
}

/**
 * The shape each output of transformer.onnx must have, from the architecture. `logits` is
 * [1, V] (next token after the last position) in current exports and [1, T, V] in older ones;
 * `v` is absent from older exports. Anything else in `outputs` is left alone.
 */
function expectedOutputShapes(a: Architecture): Record<string, (number | string)[][]> {
  const { layers: L, heads: H, d_model: d, head_dim: hd, vocab_size: V } = a;
  return {
    logits: [
      [1, V],
      [1, 'T', V],
    ],
    attn: [[L, 1, H, 'T', 'T']],
    resid: [[L + 1, 1, 'T', d]],
    q: [[L, 1, H, 'T', hd]],
    k: [[L, 1, H, 'T', hd]],
    v: [[L, 1, H, 'T', hd]],
  };
}

const REQUIRED_OUTPUTS = ['logits', 'attn', 'resid', 'q', 'k'];

/** Validates public/models/transformer.json. Throws an Error naming the field on any problem. */
export function parseModelCard(json: unknown, file = 'transformer.json'): ModelCard {
  const r = new JsonReader(file);
  const o = object(r, json);
  const ra = r.at('architecture');
  const a = field(r, o, 'architecture', object);
  const architecture: Architecture = {
    type: a.type === undefined ? '' : field(ra, a, 'type', string),
    layers: field(ra, a, 'layers', (rr, v) => integer(rr, v, 1)),
    heads: field(ra, a, 'heads', (rr, v) => integer(rr, v, 1)),
    d_model: field(ra, a, 'd_model', (rr, v) => integer(rr, v, 1)),
    head_dim: field(ra, a, 'head_dim', (rr, v) => integer(rr, v, 1)),
    context: field(ra, a, 'context', (rr, v) => integer(rr, v, 1)),
    vocab_size: field(ra, a, 'vocab_size', (rr, v) => integer(rr, v, 2)),
    params: a.params === undefined || a.params === null ? null : field(ra, a, 'params', integer),
  };
  if (architecture.heads * architecture.head_dim !== architecture.d_model) {
    ra.fail(`heads × head_dim (${architecture.heads} × ${architecture.head_dim}) must equal d_model (${architecture.d_model})`);
  }

  const outputs = field(r, o, 'outputs', tensorSpecs);
  const expected = expectedOutputShapes(architecture);
  for (const name of REQUIRED_OUTPUTS) {
    if (!outputs.some((s) => s.name === name)) r.at('outputs').fail(`must include "${name}"`);
  }
  outputs.forEach((s, i) => {
    const allowed = expected[s.name];
    if (allowed !== undefined && !allowed.some((shape) => sameShape(shape, s.shape))) {
      r.at('outputs').at(i).fail(`(${s.name}) has shape ${JSON.stringify(s.shape)}, expected ${allowed.map((x) => JSON.stringify(x)).join(' or ')} from the architecture`);
    }
  });

  const rl = r.at('lens');
  const lensObj = field(r, o, 'lens', object);
  const lens = {
    file: field(rl, lensObj, 'file', string),
    inputs: field(rl, lensObj, 'inputs', tensorSpecs),
    outputs: field(rl, lensObj, 'outputs', tensorSpecs),
  };

  const labelsObj = o.labels === undefined ? {} : field(r, o, 'labels', object);
  const labels = Object.fromEntries(
    Object.keys(labelsObj).map((k) => [k, array(r.at('labels').at(k), labelsObj[k]).map((c, i) => string(r.at('labels').at(k).at(i), c))]),
  );

  const rt = r.at('tokenizer');
  const t = field(r, o, 'tokenizer', object);
  const tokenizer = {
    file: field(rt, t, 'file', string),
    vocab_size: field(rt, t, 'vocab_size', integer),
    eot_id: field(rt, t, 'eot_id', integer),
  };
  if (tokenizer.vocab_size !== architecture.vocab_size) {
    rt.fail(`vocab_size ${tokenizer.vocab_size} differs from architecture.vocab_size ${architecture.vocab_size}`);
  }

  return {
    name: field(r, o, 'name', string),
    task: o.task === undefined ? '' : field(r, o, 'task', string),
    architecture,
    inputs: field(r, o, 'inputs', tensorSpecs),
    outputs,
    lens,
    labels,
    files: o.files === undefined ? {} : field(r, o, 'files', stringRecord),
    tokenizer,
  };
}

function sameShape(a: readonly (number | string)[], b: readonly (number | string)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Type guard form of parseModelCard. */
export function isModelCard(json: unknown): json is ModelCard {
  try {
    parseModelCard(json);
    return true;
  } catch {
    return false;
  }
}

/** The card's shape of output `name` with symbolic dimensions filled in, e.g. { T: 12 }. */
export function resolveShape(card: ModelCard, name: string, sizes: Record<string, number>): number[] {
  const spec = card.outputs.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`transformer.json has no output "${name}"`);
  return spec.shape.map((s) => {
    if (typeof s === 'number') return s;
    const n = sizes[s];
    if (n === undefined) throw new Error(`output ${name}: no size given for dimension "${s}"`);
    return n;
  });
}

/** Whether the main graph returns logits for the last position only ([1, V]) rather than [1, T, V]. */
export function logitsAreLastOnly(card: ModelCard): boolean {
  return resolveShape(card, 'logits', { T: 1 }).length === 2;
}

// ---------------------------------------------------------------------------------------------
// transformer-measurements.json

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
  const rm = r.at('model');
  const m = field(r, o, 'model', object);
  const model = {
    checkpoint_sha256: m.checkpoint_sha256 === undefined ? '' : field(rm, m, 'checkpoint_sha256', string),
    n_layer: field(rm, m, 'n_layer', (rr, v) => integer(rr, v, 1)),
    n_head: field(rm, m, 'n_head', (rr, v) => integer(rr, v, 1)),
    d_model: field(rm, m, 'd_model', (rr, v) => integer(rr, v, 1)),
    block_size: field(rm, m, 'block_size', (rr, v) => integer(rr, v, 1)),
    vocab_size: field(rm, m, 'vocab_size', (rr, v) => integer(rr, v, 2)),
  };
  const L = model.n_layer;

  const rA = r.at('attention');
  const at = field(r, o, 'attention', object);
  const layers = array(rA.at('layers'), at.layers, L).map((lv, i) => {
    const rl = rA.at('layers').at(i);
    const l = object(rl, lv);
    const layer = field(rl, l, 'layer', (rr, v) => integer(rr, v, 1));
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

  const rP = r.at('probes');
  const po = field(r, o, 'probes', object);
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

  const rL = r.at('logit_lens');
  const lo = field(r, o, 'logit_lens', object);
  const lensLayers = array(rL.at('layers'), lo.layers, L + 1).map((lv, i) => {
    const s = numbers(rL.at('layers').at(i), lv, ['layer', 'kl', 'top1_agreement', 'ce'] as const);
    if (s.layer !== i) rL.at('layers').at(i).at('layer').fail(`must be ${i}, got ${s.layer}`);
    return s;
  });

  return { model, attention, probes, logit_lens: { layers: lensLayers } };
}

// ---------------------------------------------------------------------------------------------
// transformer-probes.json

/** One linear probe: logits = W z + b, W stored row-major [classes × d_model]. */
export interface ProbeWeights {
  /** Residual layer 0…L. */
  layer: number;
  val_acc: number | null;
  W: Float64Array;
  b: Float64Array;
}

export interface ProbeFile {
  model: { checkpoint_sha256: string; n_layer: number; d_model: number };
  /** Tokens of context the probes were trained with (they still run on fewer). */
  min_context: number;
  /** Per residual layer 0…L: the training tokens' per-dimension mean and standard deviation. */
  standardise: { layer: number; mean: Float64Array; std: Float64Array }[];
  probes: Record<string, { classes: string[]; layers: ProbeWeights[] }>;
}

/** Validates public/models/transformer-probes.json; weights come back as flat Float64Arrays. */
export function parseProbeFile(json: unknown, file = 'transformer-probes.json'): ProbeFile {
  const r = new JsonReader(file);
  const o = object(r, json);
  const rm = r.at('model');
  const m = field(r, o, 'model', object);
  const model = {
    checkpoint_sha256: m.checkpoint_sha256 === undefined ? '' : field(rm, m, 'checkpoint_sha256', string),
    n_layer: field(rm, m, 'n_layer', (rr, v) => integer(rr, v, 1)),
    d_model: field(rm, m, 'd_model', (rr, v) => integer(rr, v, 1)),
  };
  const { n_layer: L, d_model: d } = model;

  const standardise = array(r.at('standardise'), o.standardise, L + 1).map((sv, i) => {
    const rs = r.at('standardise').at(i);
    const s = object(rs, sv);
    const layer = field(rs, s, 'layer', integer);
    if (layer !== i) rs.at('layer').fail(`must be ${i}, got ${layer}`);
    const std = field(rs, s, 'std', (rr, v) => vector(rr, v, d));
    std.forEach((x, k) => {
      if (!(x > 0)) rs.at('std').at(k).fail(`must be > 0 (it divides), got ${x}`);
    });
    return { layer, mean: field(rs, s, 'mean', (rr, v) => vector(rr, v, d)), std };
  });

  const rP = r.at('probes');
  const po = field(r, o, 'probes', object);
  const probes: ProbeFile['probes'] = {};
  for (const label of Object.keys(po)) {
    const rp = rP.at(label);
    const p = object(rp, po[label]);
    const classes = field(rp, p, 'classes', array).map((c, i) => string(rp.at('classes').at(i), c));
    if (classes.length < 2) rp.at('classes').fail(`must name at least 2 classes, has ${classes.length}`);
    const C = classes.length;
    const layers = array(rp.at('layers'), p.layers, L + 1).map((lv, i) => {
      const rl = rp.at('layers').at(i);
      const l = object(rl, lv);
      const layer = field(rl, l, 'layer', integer);
      if (layer !== i) rl.at('layer').fail(`must be ${i}, got ${layer}`);
      const rows = array(rl.at('W'), l.W, C);
      const W = new Float64Array(C * d);
      rows.forEach((row, c) => W.set(vector(rl.at('W').at(c), row, d), c * d));
      return {
        layer,
        val_acc: l.val_acc === undefined ? null : field(rl, l, 'val_acc', nullableFinite),
        W,
        b: field(rl, l, 'b', (rr, v) => vector(rr, v, C)),
      };
    });
    probes[label] = { classes, layers };
  }

  return { model, min_context: o.min_context === undefined ? 0 : field(r, o, 'min_context', integer), standardise, probes };
}

// ---------------------------------------------------------------------------------------------

/**
 * Problems that make the three files disagree (empty when they agree). The files are regenerated
 * one after another by `npm run models`; a page built between two steps would otherwise pair a
 * 6-layer card with 4-layer probes.
 */
export function artifactMismatches(card: ModelCard, measurements?: Measurements, probes?: ProbeFile): string[] {
  const a = card.architecture;
  const out: string[] = [];
  const check = (what: string, got: number, want: number) => {
    if (got !== want) out.push(`${what} is ${got}, the model card says ${want}`);
  };
  if (measurements !== undefined) {
    check('measurements n_layer', measurements.model.n_layer, a.layers);
    check('measurements n_head', measurements.model.n_head, a.heads);
    check('measurements d_model', measurements.model.d_model, a.d_model);
    check('measurements vocab_size', measurements.model.vocab_size, a.vocab_size);
  }
  if (probes !== undefined) {
    check('probes n_layer', probes.model.n_layer, a.layers);
    check('probes d_model', probes.model.d_model, a.d_model);
  }
  if (measurements !== undefined && probes !== undefined && measurements.model.checkpoint_sha256 !== probes.model.checkpoint_sha256) {
    out.push('measurements and probes were computed from different checkpoints (checkpoint_sha256 differs)');
  }
  return out;
}
