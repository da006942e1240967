/**
 * What the memory-curves figure draws, from the shipped measurements as their loaders validate them
 * (widgets/models/memory/): the context ablation (memory-context.json), the forgetting probe
 * (memory-forgetting.json) and the transformer's attention to the fact (memory-attention.json). Pure: the
 * server entry reads the files and passes the parsed objects; every series here is a plain list of points.
 */
import { CONTEXT_MODELS, resolved, type ContextModel, type MemoryContext, type Perturbation } from '../models/memory/context.ts';
import { FORGETTING_MODELS, remembers, type Forgetting, type ForgettingModel } from '../models/memory/forgetting.ts';
import { findsAntecedent, type AttentionFile } from '../models/memory/attention.ts';
import type { TaskName } from '../runtime/memory-tasks/index.ts';
import { RECALL_MODELS } from '../models/memory/recall.ts';
import { taskRecallAt, type TaskRecallFile } from '../models/memory/task-recall.ts';

export interface MemoryData {
  context: MemoryContext;
  forgetting: Forgetting;
  attention: AttentionFile;
  /** Both architectures trained where recall pays (memory-task-recall.json). */
  taskRecall: TaskRecallFile;
}

/** A point of any curve: its series, distance, mean and 95 % interval, and whether it clears its control. */
export interface Point {
  series: string;
  d: number;
  mean: number;
  lo: number;
  hi: number;
  /** context: the interval excludes 0; forgetting: above the shuffled-label floor; attention: above uniform. */
  clears: boolean;
}

export const MODEL_LABELS: Record<ContextModel | ForgettingModel, string> = {
  transformer: 'transformer',
  lstm: 'LSTM',
  'lstm-untrained': 'untrained LSTM',
};

/** Loss increase over the full context, per model, for one perturbation. d = 0 (the document-start token alone) is left out: it is the whole benefit of context, an order of magnitude above the rest. */
export function contextSeries(data: MemoryData, perturbation: Perturbation): Point[] {
  return CONTEXT_MODELS.flatMap((m) =>
    data.context.models[m].curves[perturbation]
      .filter((p) => p.d > 0)
      .map((p) => ({ series: m, d: p.d, mean: p.increase.mean, lo: p.increase.ci[0], hi: p.increase.ci[1], clears: resolved(p.increase) })),
  );
}

/** Probe accuracy at every distance, per model. */
export function forgettingSeries(data: MemoryData): Point[] {
  return FORGETTING_MODELS.flatMap((m) =>
    data.forgetting.models[m].rows.map((r) => ({ series: m, d: r.d, mean: r.accuracy, lo: r.ci[0], hi: r.ci[1], clears: remembers(r) })),
  );
}

/** The floor the forgetting probe must beat: the trained LSTM's shuffled-label control, per distance. */
export function forgettingFloor(data: MemoryData): { d: number; control: number; majority: number }[] {
  return data.forgetting.models.lstm.rows.map((r) => ({ d: r.d, control: r.control, majority: r.majority }));
}

/** Attention on the fact per layer's chosen head (series "layer 1" …), and the uniform head, for one task. */
export function attentionSeries(data: MemoryData, task: TaskName): { heads: Point[]; uniform: Point[] } {
  const rows = data.attention.rows.filter((r) => r.task === task).sort((a, b) => a.distance - b.distance);
  const heads = rows.flatMap((r) =>
    r.bestHead.map((s, l) => ({ series: `layer ${l + 1}`, d: r.distance, mean: s.mean, lo: s.ci[0], hi: s.ci[1], clears: findsAntecedent(r, l) })),
  );
  const uniform = rows.map((r) => ({ series: 'uniform', d: r.distance, mean: r.uniform.mean, lo: r.uniform.ci[0], hi: r.uniform.ci[1], clears: false }));
  return { heads, uniform };
}

/** The largest d of a series whose point clears its control, or null. */
export function farthestClear(points: readonly Point[], series: string): number | null {
  return points.filter((p) => p.series === series && p.clears).at(-1)?.d ?? null;
}

/** Paired accuracy against distance per model, trained where recall pays: the mean over training runs, the runs'
 * widest 95 % Wilson interval, and whether every run's interval excludes 0 (a model answering from its prior scores 0). */
export function recallSeries(data: MemoryData, task: TaskName): Point[] {
  const ds = [...new Set(data.taskRecall.runs.flatMap((r) => r.models.lstm.rows.map((x) => x.distance)))].sort((a, b) => a - b);
  return RECALL_MODELS.flatMap((m) =>
    ds.flatMap((d) => {
      const rows = taskRecallAt(data.taskRecall, m, task, d);
      if (rows.length === 0) return [];
      return [{
        series: m,
        d,
        mean: rows.reduce((a, r) => a + r.pairedAccuracy, 0) / rows.length,
        lo: Math.min(...rows.map((r) => r.pairedInterval[0])),
        hi: Math.max(...rows.map((r) => r.pairedInterval[1])),
        clears: rows.every((r) => r.pairedInterval[0] > 0),
      }];
    }),
  );
}
