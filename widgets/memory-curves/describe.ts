/** The memory-curves figure's words: the verdict line, the chart's text alternative and the table, from the data. Pure. */
import { listText, num, pct } from '../runtime/kit/format.ts';
import { CONTEXT_MODELS, type Perturbation } from '../models/memory/context.ts';
import { FORGETTING_MODELS } from '../models/memory/forgetting.ts';
import type { TaskName } from '../runtime/memory-tasks/index.ts';
import { attentionSeries, contextSeries, farthestClear, forgettingSeries, MODEL_LABELS, recallSeries, type MemoryData, type Point } from './data.ts';
import { RECALL_MODELS } from '../models/memory/recall.ts';
import { PERTURBATION_LABELS, TASK_LABELS, type MemoryCurvesState } from './state.ts';

const interval = (p: Point, digits: number) => `${num(p.mean, digits)} [${num(p.lo, digits)}, ${num(p.hi, digits)}]`;
const reachText = (d: number | null, what: string) => (d === null ? `never ${what}` : `${what} up to d = ${d}`);

/** One sentence per view: how far each series clears its control. */
export function memoryVerdict(data: MemoryData, st: MemoryCurvesState): string {
  if (st.view === 'context') {
    const pts = contextSeries(data, st.perturbation);
    const parts = CONTEXT_MODELS.map((m) => `the ${MODEL_LABELS[m]} (window ${data.context.models[m].context}) ${reachText(farthestClear(pts, m), 'is hurt')}`);
    return `With the context beyond d ${PERTURBATION_LABELS[st.perturbation]}, ${listText(parts)}; beyond that the increase is inside the noise.`;
  }
  if (st.view === 'forgetting') {
    const pts = forgettingSeries(data);
    const parts = FORGETTING_MODELS.map((m) => `the ${MODEL_LABELS[m]} ${reachText(farthestClear(pts, m) || null, 'beats its floor')}`);
    return `A linear probe reads the token d back: ${listText(parts)}.`;
  }
  if (st.view === 'recall') {
    const pts = recallSeries(data, st.task);
    const window = data.taskRecall.runs[0]!.models.transformer.context;
    const parts = RECALL_MODELS.map((m) => {
      const mine = pts.filter((p) => p.series === m);
      const clear = mine.filter((p) => p.clears);
      const who = `the ${MODEL_LABELS[m]}${m === 'transformer' ? ` (window ${window})` : ''}`;
      return clear.length === 0 ? `${who} never uses the fact` : `${who} uses it at ${clear.length} of ${mine.length} distances, the farthest d = ${clear.at(-1)!.d}`;
    });
    return `Trained where recall pays, on the ${TASK_LABELS[st.task]} task ${listText(parts)} (right on both twins more often than a prior can be).`;
  }
  const { heads } = attentionSeries(data, st.task);
  const layers = Array.from({ length: data.attention.layers }, (_, l) => `layer ${l + 1}`);
  const below = (p: Point) => p.d < data.attention.context;
  const found = layers.map((s) => [s, farthestClear(heads.filter(below), s)] as const).filter(([, d]) => d !== null);
  const what = found.length === 0 ? 'no layer’s chosen head attends to the fact more than a uniform head' : listText(found.map(([s, d]) => `${s}’s chosen head beats uniform up to d = ${d}`));
  return `On the ${TASK_LABELS[st.task]} task, inside the window, ${what}.`;
}

/** The chart's aria-label: what it plots, with every point's mean. */
export function memorySummary(data: MemoryData, st: MemoryCurvesState): string {
  const list = (pts: Point[], series: string, digits: number, f = (x: number) => num(x, digits)) =>
    pts.filter((p) => p.series === series).map((p) => `d ${p.d}: ${f(p.mean)}`).join(', ');
  if (st.view === 'context') {
    const pts = contextSeries(data, st.perturbation);
    return `Loss increase in nats per token against distance d when the context beyond d is ${PERTURBATION_LABELS[st.perturbation]}: ${CONTEXT_MODELS.map((m) => `${MODEL_LABELS[m]} ${list(pts, m, 3)}`).join('; ')}.`;
  }
  if (st.view === 'forgetting') {
    const pts = forgettingSeries(data);
    return `Probe accuracy reading the token d back, against d: ${FORGETTING_MODELS.map((m) => `${MODEL_LABELS[m]} ${list(pts, m, 0, (x) => pct(x, 0))}`).join('; ')}.`;
  }
  if (st.view === 'recall') {
    const pts = recallSeries(data, st.task);
    return `Paired accuracy (right on the passage and its twin) against distance, ${TASK_LABELS[st.task]} task, models trained where recall pays: ${RECALL_MODELS.map((m) => `${MODEL_LABELS[m]} ${list(pts, m, 0, (x) => pct(x, 0))}`).join('; ')}.`;
  }
  const { heads, uniform } = attentionSeries(data, st.task);
  const layers = [...new Set(heads.map((p) => p.series))];
  return `Attention on the fact against distance, ${TASK_LABELS[st.task]} task: ${[...layers.map((s) => `${s} ${list(heads, s, 3)}`), `uniform head ${list(uniform, 'uniform', 3)}`].join('; ')}.`;
}

export interface TableData {
  caption: string;
  columns: string[];
  rows: { d: number; cells: { text: string; clears: boolean }[] }[];
}

/** The data table of the current view: one row per distance, one column per series, means with 95 % intervals. */
export function memoryTable(data: MemoryData, st: MemoryCurvesState): TableData {
  let pts: Point[];
  let series: string[];
  let caption: string;
  if (st.view === 'context') {
    pts = contextSeries(data, st.perturbation);
    series = [...CONTEXT_MODELS];
    caption = `Loss increase (nats per token) with the context beyond d ${PERTURBATION_LABELS[st.perturbation]}, mean [95 % interval]; bold: the interval excludes 0`;
  } else if (st.view === 'forgetting') {
    pts = forgettingSeries(data);
    series = [...FORGETTING_MODELS];
    caption = 'Probe accuracy for the token d back, mean [95 % interval]; bold: above the shuffled-label floor';
  } else if (st.view === 'recall') {
    pts = recallSeries(data, st.task);
    series = [...RECALL_MODELS];
    caption = `Paired accuracy (${TASK_LABELS[st.task as TaskName]} task), models trained where recall pays, mean [95 % interval]; bold: the interval excludes 0`;
  } else {
    const a = attentionSeries(data, st.task);
    pts = [...a.heads, ...a.uniform];
    series = [...new Set(a.heads.map((p) => p.series)), 'uniform'];
    caption = `Attention on the fact (${TASK_LABELS[st.task as TaskName]} task), chosen head per layer, mean [95 % interval]; bold: above a uniform head`;
  }
  const ds = [...new Set(pts.map((p) => p.d))].sort((a, b) => a - b);
  return {
    caption,
    columns: series.map((s) => (s in MODEL_LABELS ? MODEL_LABELS[s as keyof typeof MODEL_LABELS] : s === 'uniform' ? 'uniform head' : s)),
    rows: ds.map((d) => ({
      d,
      cells: series.map((s) => {
        const p = pts.find((q) => q.series === s && q.d === d);
        return p ? { text: interval(p, 3), clears: p.clears } : { text: '—', clears: false };
      }),
    })),
  };
}

export const perturbationHint = (p: Perturbation) =>
  ({ drop: 'only the last d tokens are kept', shuffle: 'the last d tokens in order, the rest shuffled', replace: 'the last d tokens in order, the rest another document’s text' })[p];
