/**
 * The numbers of "Remembering the cat"'s central experiment: both architectures trained where recall pays
 * (public/models/memory-task-recall.json, factory steps memory-train-docs, memory-task-transformer,
 * memory-task-lstm, memory-task-recall; models/memory/TASK-RESULTS.md), read through its loader
 * (widgets/models/memory/task-recall.ts). test/unit/essays/memory-claims.test.ts holds the words to them.
 */
import taskRecallJson from '../../public/models/memory-task-recall.json';
import { parseTaskRecall, taskRecallAt } from '../../widgets/models/memory/task-recall.ts';
import { RECALL_MODELS, type RecallModel } from '../../widgets/models/memory/recall.ts';
import { TASKS, type TaskName } from '../../widgets/runtime/memory-tasks/index.ts';

export const taskRecall = parseTaskRecall(taskRecallJson);
const us = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const pct = (x: number) => `${Math.round(100 * x)} %`;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export const taskDistances = [...new Set(taskRecall.runs.flatMap((r) => r.models.lstm.rows.map((x) => x.distance)))].sort((a, b) => a - b);
/** Paired accuracy at (model, task, d), mean over the training runs. */
export const pairedAt = (m: RecallModel, task: TaskName, d: number) => mean(taskRecallAt(taskRecall, m, task, d).map((r) => r.pairedAccuracy));
/** Whether the model uses the fact there: every run's paired interval excludes 0 (a prior scores 0 paired). */
export const usesFact = (m: RecallModel, task: TaskName, d: number) => {
  const rows = taskRecallAt(taskRecall, m, task, d);
  return rows.length > 0 && rows.every((r) => r.pairedInterval[0] > 0);
};
/** The farthest distance at which the model uses the fact, or null. */
export const farthestUse = (m: RecallModel, task: TaskName) => taskDistances.filter((d) => usesFact(m, task, d)).at(-1) ?? null;

const first = taskRecall.runs[0]!.models;
type Stage = { context: number; steps: number; tokens_per_cpu_s: number };
/** The first run's training stages (raw file: the loader keeps the totals only). */
const stages = (m: RecallModel): Stage[] => (taskRecallJson as unknown as { runs: { models: Record<string, { train: { stages: Stage[] } }> }[] }).runs[0]!.models[m]!.train.stages;
const perModel = <T>(f: (m: RecallModel) => T) => Object.fromEntries(RECALL_MODELS.map((m) => [m, f(m)])) as Record<RecallModel, T>;
const perTask = <T>(f: (t: TaskName) => T) => Object.fromEntries(TASKS.map((t) => [t, f(t)])) as Record<TaskName, T>;

export const task = {
  runs: taskRecall.runs.length,
  /** Test documents per cell (the step may score fewer than the file's seeds). */
  documents: first.lstm.rows[0]!.documents,
  params: perModel((m) => us(first[m].params)),
  window: us(first.transformer.context ?? 0),
  trainTokens: us(first.lstm.trainTokens),
  cpuRate: perModel((m) => (first[m].tokensPerCpuSecond === null ? null : us(first[m].tokensPerCpuSecond!))),
  /** Tokens per CPU second in each training stage (rows of 256, then of 1,024 tokens), from the run's log. */
  stageRate: perModel((m) => stages(m).map((st) => ({ context: us(st.context), steps: st.steps, rate: us(st.tokens_per_cpu_s) }))),
  /** How much the cost per token grew from the short rows to the long ones. */
  stageGrowth: perModel((m) => (stages(m)[0]!.tokens_per_cpu_s / stages(m).at(-1)!.tokens_per_cpu_s).toFixed(1)),
  dMax: us(taskDistances.at(-1)!),
  /** Paired accuracy per model, task and distance (mean over runs), as the essay writes it. */
  paired: perModel((m) => perTask((t) => Object.fromEntries(taskDistances.map((d) => [d, pct(pairedAt(m, t, d))])) as Record<number, string>)),
  farthest: perModel((m) => perTask((t) => farthestUse(m, t))),
  /** Distances at which the model's paired accuracy is 0 in every run, per task, and of how many. */
  zeroPaired: perModel((m) => perTask((t) => taskDistances.filter((d) => taskRecallAt(taskRecall, m, t, d).every((r) => r.pairedAccuracy === 0)).length)),
  distanceCount: taskDistances.length,
  /** The farthest distance at which the model's plain accuracy is above chance (every run's interval). */
  aboveChance: perModel((m) => perTask((t) => taskDistances.filter((d) => { const rows = taskRecallAt(taskRecall, m, t, d); return rows.length > 0 && rows.every((r) => r.interval[0] > r.chance); }).at(-1) ?? null)),
  /** The highest paired accuracy of a model on a task, over distances. */
  maxPaired: perModel((m) => perTask((t) => pct(Math.max(...taskDistances.map((d) => pairedAt(m, t, d)))))),
};
