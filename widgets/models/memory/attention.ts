/**
 * The transformer's attention to the antecedent (public/models/memory-attention.json, written by
 * models/memory/attention.py): on the long-range task set, the attention mass that the position predicting the
 * target puts on the fact's tokens, per task and distance (≤ its context), per layer: the largest over the
 * heads and the head mean, against a uniform head's mass (the control). Types and a validating loader that
 * names the file and the field of anything malformed.
 */
import { JsonReader, array, field, finite, integer, object, positiveInteger, string } from '../../runtime/validate.ts';
import { TASKS, type TaskName } from '../../runtime/memory-tasks/index.ts';

/** A share of attention, mean over documents, with its 95 % bootstrap interval over documents. */
export interface Share {
  mean: number;
  ci: [number, number];
}

export interface AttentionRow {
  task: TaskName;
  distance: number;
  documents: number;
  uniform: Share;
  /** Per layer: its chosen head (the most attention on the fact over every task and distance, chosen once), and the mean over its heads. */
  bestHead: Share[];
  headMean: Share[];
}

export interface AttentionFile {
  context: number;
  layers: number;
  heads: number;
  rows: AttentionRow[];
}

function share(r: JsonReader, v: unknown): Share {
  const o = object(r, v);
  const unit = (rr: JsonReader, x: unknown) => {
    const y = finite(rr, x);
    if (y < 0 || y > 1) rr.fail(`must be a share in [0, 1], got ${y}`);
    return y;
  };
  const mean = field(r, o, 'mean', unit);
  const a = array(r.at('ci'), o.ci, 2);
  const ci: [number, number] = [unit(r.at('ci').at(0), a[0]), unit(r.at('ci').at(1), a[1])];
  if (ci[0] > ci[1]) r.at('ci').fail(`must be [low, high], got [${ci[0]}, ${ci[1]}]`);
  return { mean, ci };
}

/** Validates public/models/memory-attention.json. Throws an Error naming the file and the field. */
export function parseAttention(json: unknown, file = 'memory-attention.json'): AttentionFile {
  const r = new JsonReader(file);
  const o = object(r, json);
  const context = field(r, o, 'context', positiveInteger);
  const layers = field(r, o, 'layers', positiveInteger);
  const heads = field(r, o, 'heads', positiveInteger);
  const rows = array(r.at('rows'), o.rows).map((v, i): AttentionRow => {
    const ri = r.at('rows').at(i);
    const x = object(ri, v);
    const task = field(ri, x, 'task', string);
    if (!(TASKS as readonly string[]).includes(task)) ri.at('task').fail(`must be one of ${TASKS.join(', ')}, got "${task}"`);
    const distance = field(ri, x, 'distance', integer);
    if (distance > context) ri.at('distance').fail(`must be ≤ the context ${context} (beyond it the fact is outside the window), got ${distance}`);
    const perLayer = (key: string) => array(ri.at(key), x[key], layers).map((s, l) => share(ri.at(key).at(l), s));
    return { task: task as TaskName, distance, documents: field(ri, x, 'documents', positiveInteger), uniform: field(ri, x, 'uniform', share), bestHead: perLayer('best_head'), headMean: perLayer('head_mean') };
  });
  if (rows.length === 0) r.at('rows').fail('must not be empty');
  return { context, layers, heads, rows };
}

/** Whether a layer's chosen head attends to the fact more than a uniform head would: its interval lies above. */
export function findsAntecedent(row: AttentionRow, layer: number): boolean {
  return row.bestHead[layer]!.ci[0] > row.uniform.ci[1];
}
