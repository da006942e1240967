/**
 * What the factory measured that the figure shows beside the live answers (public/models/memory-recall.json,
 * memory-forgetting.json, read at build time and passed as props): per model and task, accuracy and paired
 * accuracy against distance over the measured passages; the forgetting probe's curve. The live answers are one
 * passage; these say whether that passage is typical. Pure TS.
 */
import type { Forgetting } from '../models/memory/forgetting.ts';
import type { RecallFile } from '../models/memory/recall.ts';
import type { TaskName } from '../runtime/memory-tasks/index.ts';

export interface MeasuredRecall {
  distance: number;
  accuracy: number;
  paired: number;
  chance: number;
  documents: number;
}

export interface ForgettingPoint {
  d: number;
  accuracy: number;
  control: number;
}

export interface Measured {
  /** model id → task → rows by distance. */
  recall: Record<string, Partial<Record<TaskName, MeasuredRecall[]>>>;
  /** The LSTM's probe: accuracy of reading the token d back from its state at t, and the shuffled-label floor. */
  forgetting: { classes: number; lstm: ForgettingPoint[]; untrained: ForgettingPoint[] };
}

export function measuredFrom(recall: RecallFile, forgetting: Forgetting): Measured {
  const out: Measured['recall'] = {};
  for (const [model, { rows }] of Object.entries(recall.models)) {
    const byTask: Partial<Record<TaskName, MeasuredRecall[]>> = {};
    for (const r of rows) {
      (byTask[r.task] ??= []).push({ distance: r.distance, accuracy: r.accuracy, paired: r.pairedAccuracy, chance: r.chance, documents: r.documents });
    }
    for (const list of Object.values(byTask)) list.sort((a, b) => a.distance - b.distance);
    out[model] = byTask;
  }
  const points = (name: 'lstm' | 'lstm-untrained') => forgetting.models[name].rows.map((r) => ({ d: r.d, accuracy: r.accuracy, control: r.control }));
  return { recall: out, forgetting: { classes: forgetting.classes, lstm: points('lstm'), untrained: points('lstm-untrained') } };
}

/** The measured row nearest to a distance (on a log scale), or null when the model or task was not measured. */
export function nearestRecall(m: Measured, model: string, task: TaskName, distance: number): MeasuredRecall | null {
  const rows = m.recall[model]?.[task];
  if (!rows || rows.length === 0) return null;
  return rows.reduce((best, r) => (Math.abs(Math.log(r.distance / distance)) < Math.abs(Math.log(best.distance / distance)) ? r : best));
}

/** The forgetting probe at the largest measured d ≤ distance (null below the first). */
export function probeAt(points: readonly ForgettingPoint[], distance: number): ForgettingPoint | null {
  let found: ForgettingPoint | null = null;
  for (const p of points) if (p.d <= distance) found = p;
  return found;
}
