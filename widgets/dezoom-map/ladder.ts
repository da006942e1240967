/**
 * The depth ladder's measurements (public/models/hier-ladder-measurements.json, written by
 * models/hier/measure.py), read and checked: a stale or hand-edited file fails at load with the field's
 * path. Only the fields the figure and the essay use are typed.
 */
import { JsonReader, array, field, finite, integer, nullableFinite, object, positiveInteger, section, string } from '../runtime/validate.ts';

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

const interval = (r: JsonReader, v: unknown): Interval => {
  const a = array(r, v, 2);
  return [finite(r.at(0), a[0]), finite(r.at(1), a[1])];
};
const numbers = (r: JsonReader, v: unknown, length?: number) => array(r, v, length).map((x, i) => finite(r.at(i), x));

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

function run(r: JsonReader, v: unknown, buckets: number, ks: number): LadderRun {
  const o = object(r, v);
  const depth = field(r, o, 'depth', positiveInteger);
  const layers = depth + 1;
  const [rs, scalesObj] = section(r, o, 'scales');
  const scales = Object.fromEntries(SCALES.map((s) => [s, field(rs, scalesObj, s, scaleResult)])) as Record<Scale, ScaleResult>;
  const [rp, probesObj] = section(r, o, 'probes');
  const probes = Object.fromEntries(
    PROBE_LABELS.map((l) => {
      const [rl, p] = section(rp, probesObj, l);
      return [
        l,
        {
          accuracy: field(rl, p, 'accuracy', (q, x) => numbers(q, x, layers)),
          accuracyCi: field(rl, p, 'accuracy_ci', (q, x) => array(q, x, layers).map((y, i) => interval(q.at(i), y))),
          majority: field(rl, p, 'majority', finite),
          bagOfEmbeddings: field(rl, p, 'bag_of_embeddings', finite),
          controlTask: field(rl, p, 'control_task_top_layer', finite),
        },
      ];
    }),
  ) as Record<ProbeLabel, ProbeResult>;
  const [rsp, spansObj] = section(r, o, 'spans');
  const spans = Object.fromEntries(
    SPAN_TASKS.map((task) => {
      const [rt, t] = section(rsp, spansObj, task);
      const orNull = <T,>(q: JsonReader, x: unknown, read: (q: JsonReader, x: unknown) => T): T | null => (x === null ? null : read(q, x));
      return [
        task,
        {
          accuracy: field(rt, t, 'accuracy', (q, x) => array(q, x, buckets).map((y, i) => orNull(q.at(i), y, (qq, yy) => numbers(qq, yy, layers)))),
          accuracyCi: field(rt, t, 'accuracy_ci', (q, x) =>
            array(q, x, buckets).map((y, i) => orNull(q.at(i), y, (qq, yy) => array(qq, yy, layers).map((z, j) => interval(qq.at(j), z)))),
          ),
          examples: field(rt, t, 'examples', (q, x) => array(q, x, buckets).map((y, i) => integer(q.at(i), y))),
          majority: field(rt, t, 'majority', (q, x) => array(q, x, buckets).map((y, i) => nullableFinite(q.at(i), y))),
          control: field(rt, t, 'control_task_top_layer', (q, x) => array(q, x, buckets).map((y, i) => nullableFinite(q.at(i), y))),
        },
      ];
    }),
  ) as Record<SpanTask, SpanProbe>;
  return {
    run: field(r, o, 'run', string),
    depth,
    seed: field(r, o, 'seed', integer),
    params: field(r, o, 'params', positiveInteger),
    valLoss: field(r, o, 'val_loss', finite),
    trainSeconds: field(r, o, 'train_seconds', finite),
    scales,
    probes,
    spans,
    effectiveContext: field(r, o, 'effective_context', (q, x) => array(q, x, layers).map((y, i) => numbers(q.at(i), y, ks))),
    effectiveK: field(r, o, 'effective_k', (q, x) => array(q, x, layers).map((y, i) => nullableFinite(q.at(i), y))),
    attentionDistance: field(r, o, 'attention_distance', (q, x) => numbers(q, x, depth)),
  };
}

export function parseLadder(json: unknown, file = 'hier-ladder-measurements.json'): Ladder {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [rc, config] = section(r, o, 'config');
  const [rk, criterion] = section(r, o, 'criterion');
  const [rd, data] = section(r, o, 'data');
  const spanBuckets = field(r, o, 'span_buckets', (q, x) => array(q, x).map((b, i) => interval(q.at(i), b)));
  const cutKs = field(r, o, 'cut_ks', (q, x) => numbers(q, x));
  const controls = field(r, o, 'bag_of_tokens_controls', (q, x) =>
    array(q, x).map((c, i) => {
      const rq = q.at(i);
      const co = object(rq, c);
      return {
        label: field(rq, co, 'label', string),
        what: field(rq, co, 'what', string),
        accuracy: field(rq, co, 'accuracy', finite),
        chance: field(rq, co, 'chance', finite),
        compositional: co.compositional === true,
      };
    }),
  );
  const runs = field(r, o, 'runs', (q, x) => array(q, x).map((v, i) => run(q.at(i), v, spanBuckets.length, cutKs.length)));
  if (runs.length === 0) r.fail('runs must not be empty');
  return {
    dModel: field(rc, config, 'd_model', positiveInteger),
    context: field(rc, config, 'block_size', positiveInteger),
    steps: field(rc, config, 'steps', positiveInteger),
    depths: field(rc, config, 'depths', (q, x) => numbers(q, x)),
    solvedAccuracy: field(rk, criterion, 'solved_accuracy', finite),
    effectiveChange: field(rk, criterion, 'effective_change', finite),
    spanBuckets,
    cutKs,
    valDocuments: field(rd, data, 'val_documents', positiveInteger),
    controls,
    runs,
  };
}
