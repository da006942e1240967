/**
 * Recall accuracy against distance (public/models/memory-recall.json, written by models/memory/recall.py) on
 * the long-range tasks (widgets/runtime/memory-tasks/): per model, task and distance, the accuracy over the
 * documents with its 95 % Wilson interval, the paired accuracy (right on the example and on its twin, whose
 * fact and answer differ: what a model answering from its prior cannot score) and chance. Types and a
 * validating loader that names the file and the field of anything malformed.
 */
import { JsonReader, array, field, finite, integer, object, positiveInteger, section, string } from '../../runtime/validate.ts';
import { TASKS, type TaskName } from '../../runtime/memory-tasks/index.ts';

export const RECALL_MODELS = ['transformer', 'lstm'] as const;
export type RecallModel = (typeof RECALL_MODELS)[number];

export interface RecallRow {
  task: TaskName;
  distance: number;
  documents: number;
  accuracy: number;
  interval: [number, number];
  pairedAccuracy: number;
  pairedInterval: [number, number];
  chance: number;
}

export interface RecallFile {
  seeds: number;
  models: Record<RecallModel, { params: number; rows: RecallRow[] }>;
}

const share = (r: JsonReader, v: unknown): number => {
  const x = finite(r, v);
  if (x < 0 || x > 1) r.fail(`must be a share in [0, 1], got ${x}`);
  return x;
};

function interval(r: JsonReader, v: unknown): [number, number] {
  const a = array(r, v, 2);
  const ci: [number, number] = [share(r.at(0), a[0]), share(r.at(1), a[1])];
  if (ci[0] > ci[1]) r.fail(`must be [low, high], got [${ci[0]}, ${ci[1]}]`);
  return ci;
}

function row(r: JsonReader, v: unknown): RecallRow {
  const o = object(r, v);
  const task = field(r, o, 'task', string);
  if (!(TASKS as readonly string[]).includes(task)) r.at('task').fail(`must be one of ${TASKS.join(', ')}, got "${task}"`);
  const accuracy = field(r, o, 'accuracy', share);
  const pairedAccuracy = field(r, o, 'paired_accuracy', share);
  if (pairedAccuracy > accuracy) r.at('paired_accuracy').fail(`cannot exceed the accuracy ${accuracy}, got ${pairedAccuracy}`);
  return {
    task: task as TaskName,
    distance: field(r, o, 'distance', integer),
    documents: field(r, o, 'documents', positiveInteger),
    accuracy,
    interval: field(r, o, 'interval', interval),
    pairedAccuracy,
    pairedInterval: field(r, o, 'paired_interval', interval),
    chance: field(r, o, 'chance', share),
  };
}

/** Validates public/models/memory-recall.json. Throws an Error naming the file and the field. */
export function parseRecall(json: unknown, file = 'memory-recall.json'): RecallFile {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [rm, m] = section(r, o, 'models');
  const models = {} as RecallFile['models'];
  for (const name of RECALL_MODELS) {
    const [rn, n] = section(rm, m, name);
    const rows = array(rn.at('rows'), n.rows).map((x, i) => row(rn.at('rows').at(i), x));
    if (rows.length === 0) rn.at('rows').fail('must not be empty');
    models[name] = { params: field(rn, n, 'params', positiveInteger), rows };
  }
  return { seeds: field(r, o, 'seeds', positiveInteger), models };
}

/** The row of one model, task and distance, or undefined. */
export function recallAt(f: RecallFile, model: RecallModel, task: TaskName, distance: number): RecallRow | undefined {
  return f.models[model].rows.find((x) => x.task === task && x.distance === distance);
}
