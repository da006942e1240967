/**
 * The depth ladder's measurements (public/models/hier-ladder-measurements.json, written by
 * models/hier/measure.py), read and checked: a stale or hand-edited file fails at load with the field's
 * path. Only the fields the figure and the essay use are typed.
 */
import {
  JsonReader,
  field,
  finite,
  integer,
  list,
  nullable,
  nullableFinite,
  object,
  positiveInteger,
  record,
  section,
  string,
  type Read,
} from '../runtime/validate.ts';

export const SCALES = ['piece', 'phrase', 'paragraph', 'document'] as const;
export type Scale = (typeof SCALES)[number];
export const PROBE_LABELS = ['noun_class', 'subject_number', 'topic_number', 'document_property'] as const;
export type ProbeLabel = (typeof PROBE_LABELS)[number];

export const SPAN_TASKS = ['constituent', 'head_number'] as const;
export type SpanTask = (typeof SPAN_TASKS)[number];

export interface SpanProbe {
  accuracy: (number[] | null)[];
  accuracyCi: (Interval[] | null)[];
  examples: number[];
  majority: (number | null)[];
  control: (number | null)[];
}

/** A 95 % bootstrap interval over documents. */
export type Interval = [number, number];

export interface ScaleResult {
  tokens: number;
  accuracy: number;
  accuracyCi: Interval;
  chance: number;
  excessLoss: number;
}

export interface ProbeResult {
  /** Per residual layer 0…L. */
  accuracy: number[];
  accuracyCi: Interval[];
  majority: number;
  bagOfEmbeddings: number;
  controlTask: number;
}

export interface LadderRun {
  run: string;
  depth: number;
  seed: number;
  params: number;
  valLoss: number;
  trainSeconds: number;
  scales: Record<Scale, ScaleResult>;
  probes: Record<ProbeLabel, ProbeResult>;
  /** Span probes per task: accuracy[bucket][layer], null for a bucket without examples. */
  spans: Record<SpanTask, SpanProbe>;
  /** effectiveContext[layer][k index]: relative change of the vector when cut to the last k tokens. */
  effectiveContext: number[][];
  /** Per layer: the smallest k whose cut changes the vector by less than the criterion; null if none. */
  effectiveK: (number | null)[];
  /** Per block 1…L: mean attention distance in tokens. */
  attentionDistance: number[];
}

export interface BagControl {
  label: string;
  what: string;
  accuracy: number;
  chance: number;
  compositional: boolean;
}

export interface Ladder {
  dModel: number;
  context: number;
  steps: number;
  depths: number[];
  solvedAccuracy: number;
  effectiveChange: number;
  spanBuckets: [number, number][];
  cutKs: number[];
  valDocuments: number;
  controls: BagControl[];
  runs: LadderRun[];
}

const interval: Read<Interval> = (r, v) => list(finite, 2)(r, v) as Interval;

function scaleResult(r: JsonReader, v: unknown): ScaleResult {
  const o = object(r, v);
  return {
    tokens: field(r, o, 'tokens', positiveInteger),
    accuracy: field(r, o, 'accuracy', finite),
    accuracyCi: field(r, o, 'accuracy_ci', interval),
    chance: field(r, o, 'chance', finite),
    excessLoss: field(r, o, 'excess_loss', finite),
  };
}

/** A probe's results: per residual layer (`layers` of them), and its baselines. */
const probeResult =
  (layers: number): Read<ProbeResult> =>
  (r, v) => {
    const o = object(r, v);
    return {
      accuracy: field(r, o, 'accuracy', list(finite, layers)),
      accuracyCi: field(r, o, 'accuracy_ci', list(interval, layers)),
      majority: field(r, o, 'majority', finite),
      bagOfEmbeddings: field(r, o, 'bag_of_embeddings', finite),
      controlTask: field(r, o, 'control_task_top_layer', finite),
    };
  };

/** A span probe's results per span-length bucket (null where a bucket has no examples), each per layer. */
const spanProbe =
  (buckets: number, layers: number): Read<SpanProbe> =>
  (r, v) => {
    const o = object(r, v);
    return {
      accuracy: field(r, o, 'accuracy', list(nullable(list(finite, layers)), buckets)),
      accuracyCi: field(r, o, 'accuracy_ci', list(nullable(list(interval, layers)), buckets)),
      examples: field(r, o, 'examples', list(integer, buckets)),
      majority: field(r, o, 'majority', list(nullableFinite, buckets)),
      control: field(r, o, 'control_task_top_layer', list(nullableFinite, buckets)),
    };
  };

function run(r: JsonReader, v: unknown, buckets: number, ks: number): LadderRun {
  const o = object(r, v);
  const depth = field(r, o, 'depth', positiveInteger);
  const layers = depth + 1;
  return {
    run: field(r, o, 'run', string),
    depth,
    seed: field(r, o, 'seed', integer),
    params: field(r, o, 'params', positiveInteger),
    valLoss: field(r, o, 'val_loss', finite),
    trainSeconds: field(r, o, 'train_seconds', finite),
    scales: field(r, o, 'scales', record(SCALES, scaleResult)),
    probes: field(r, o, 'probes', record(PROBE_LABELS, probeResult(layers))),
    spans: field(r, o, 'spans', record(SPAN_TASKS, spanProbe(buckets, layers))),
    effectiveContext: field(r, o, 'effective_context', list(list(finite, ks), layers)),
    effectiveK: field(r, o, 'effective_k', list(nullableFinite, layers)),
    attentionDistance: field(r, o, 'attention_distance', list(finite, depth)),
  };
}

const bagControl: Read<BagControl> = (r, v) => {
  const o = object(r, v);
  return {
    label: field(r, o, 'label', string),
    what: field(r, o, 'what', string),
    accuracy: field(r, o, 'accuracy', finite),
    chance: field(r, o, 'chance', finite),
    compositional: o.compositional === true,
  };
};

export function parseLadder(json: unknown, file = 'hier-ladder-measurements.json'): Ladder {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [rc, config] = section(r, o, 'config');
  const [rk, criterion] = section(r, o, 'criterion');
  const [rd, data] = section(r, o, 'data');
  const spanBuckets = field(r, o, 'span_buckets', list(interval));
  const cutKs = field(r, o, 'cut_ks', list(finite));
  const controls = field(r, o, 'bag_of_tokens_controls', list(bagControl));
  const runs = field(r, o, 'runs', list((q, x) => run(q, x, spanBuckets.length, cutKs.length)));
  if (runs.length === 0) r.fail('runs must not be empty');
  return {
    dModel: field(rc, config, 'd_model', positiveInteger),
    context: field(rc, config, 'block_size', positiveInteger),
    steps: field(rc, config, 'steps', positiveInteger),
    depths: field(rc, config, 'depths', list(finite)),
    solvedAccuracy: field(rk, criterion, 'solved_accuracy', finite),
    effectiveChange: field(rk, criterion, 'effective_change', finite),
    spanBuckets,
    cutKs,
    valDocuments: field(rd, data, 'val_documents', positiveInteger),
    controls,
    runs,
  };
}
