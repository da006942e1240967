/**
 * Recall accuracy against distance for the LSTM and the transformer trained on recall-bearing text
 * (public/models/memory-task-recall.json, written by models/memory/task_recall.py): per training seed and model,
 * the same rows as memory-recall.json (validated by its parser, recall.ts), the context (null for the LSTM, which
 * reads the whole document), whether the fact was inside it, and the training cost. The loader also checks the
 * comparison's premise: both models of a run within 3 % of each other's parameter count.
 */
import { JsonReader, array, field, finite, integer, nullableFinite, object, positiveInteger, section } from '../../runtime/validate.ts';
import type { TaskName } from '../../runtime/memory-tasks/index.ts';
import { RECALL_MODELS, parseRecall, type RecallModel, type RecallRow } from './recall.ts';

export const PARAMS_TOLERANCE = 0.03;

export interface TaskRecallRow extends RecallRow {
  /** The fact's first token lies inside the model's window at the target (always, for the LSTM). */
  inContext: boolean;
}

export interface TaskRecallModel {
  params: number;
  /** Tokens the transformer sees before the target; null: the LSTM reads the whole document. */
  context: number | null;
  trainTokens: number;
  trainSeconds: number;
  /** Training throughput over the whole run, wall clock: on a shared machine it measures the load too. */
  tokensPerSecond: number;
  /** CPU seconds of the training process (null where not recorded) and tokens per CPU second: the model's cost. */
  cpuSeconds: number | null;
  tokensPerCpuSecond: number | null;
  rows: TaskRecallRow[];
}

export interface TaskRecallRun {
  seed: number;
  models: Record<RecallModel, TaskRecallModel>;
}

export interface TaskRecallFile {
  /** Test documents per task and distance (test seeds 0 … seeds − 1). */
  seeds: number;
  runs: TaskRecallRun[];
}

function model(r: JsonReader, o: Record<string, unknown>, rows: RecallRow[]): TaskRecallModel {
  const context = field(r, o, 'context', nullableFinite);
  if (context !== null && (!Number.isInteger(context) || context < 1)) r.at('context').fail(`must be a positive integer or null, got ${context}`);
  const [rt, t] = section(r, o, 'train');
  const trainTokens = field(rt, t, 'tokens', positiveInteger);
  const trainSeconds = field(rt, t, 'seconds', finite);
  if (!(trainSeconds > 0)) rt.at('seconds').fail(`must be positive, got ${trainSeconds}`);
  const cpuSeconds = t.cpu_seconds === undefined ? null : field(rt, t, 'cpu_seconds', finite);
  if (cpuSeconds !== null && !(cpuSeconds > 0)) rt.at('cpu_seconds').fail(`must be positive, got ${cpuSeconds}`);
  const raw = array(r.at('rows'), o.rows);
  const withContext = rows.map((row, i) => {
    const inContext = context === null || row.distance <= context;
    const said = (raw[i] as Record<string, unknown>).in_context;
    if (said !== inContext) r.at('rows').at(i).at('in_context').fail(`must be ${inContext} at distance ${row.distance} (context ${context}), got ${String(said)}`);
    return { ...row, inContext };
  });
  return { params: field(r, o, 'params', positiveInteger), context, trainTokens, trainSeconds, tokensPerSecond: trainTokens / trainSeconds,
    cpuSeconds, tokensPerCpuSecond: cpuSeconds === null ? null : trainTokens / cpuSeconds, rows: withContext };
}

/** Validates public/models/memory-task-recall.json. Throws an Error naming the file and the field. */
export function parseTaskRecall(json: unknown, file = 'memory-task-recall.json'): TaskRecallFile {
  const r = new JsonReader(file);
  const o = object(r, json);
  const seeds = field(r, o, 'seeds', positiveInteger);
  const runs = array(r.at('runs'), o.runs).map((v, i) => {
    const rr = r.at('runs').at(i);
    const run = object(rr, v);
    // the rows, intervals and shares: memory-recall.json's own checks
    const checked = parseRecall({ seeds, models: run.models }, `${file} runs[${i}]`);
    const [rm, m] = section(rr, run, 'models');
    const models = {} as TaskRecallRun['models'];
    for (const name of RECALL_MODELS) models[name] = model(rm.at(name), object(rm.at(name), m[name]), checked.models[name].rows);
    const [a, b] = [models.transformer.params, models.lstm.params];
    if (Math.abs(a - b) / Math.max(a, b) > PARAMS_TOLERANCE) rm.fail(`must be within ${PARAMS_TOLERANCE * 100} % of each other's parameters, got ${a} and ${b}`);
    return { seed: field(rr, run, 'seed', integer), models };
  });
  if (runs.length === 0) r.at('runs').fail('must not be empty');
  return { seeds, runs };
}

/** The rows of one model, task and distance, one per training seed. */
export function taskRecallAt(f: TaskRecallFile, m: RecallModel, task: TaskName, distance: number): TaskRecallRow[] {
  return f.runs.flatMap((run) => run.models[m].rows.filter((x) => x.task === task && x.distance === distance));
}
