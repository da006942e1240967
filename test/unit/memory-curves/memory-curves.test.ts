// The memory-curves figure (widgets/memory-curves/): its series are the shipped measurements' rows as the loaders
// read them, its verdicts' reaches follow the controls, every view draws one labelled image at two widths, and
// its URL state round-trips and falls back.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readArtifactJson, readAttention, readForgetting, readMemoryContext } from '../../../widgets/models/artifacts.ts';
import { parseTaskRecall } from '../../../widgets/models/memory/task-recall.ts';
import { decodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { attentionSeries, contextSeries, farthestClear, forgettingSeries, recallSeries, type MemoryData } from '../../../widgets/memory-curves/data.ts';
import { memorySummary, memoryTable, memoryVerdict } from '../../../widgets/memory-curves/describe.ts';
import { memoryPlot } from '../../../widgets/memory-curves/plot.ts';
import { memoryCurvesSchema, VIEWS } from '../../../widgets/memory-curves/state.ts';
import { PERTURBATIONS } from '../../../widgets/models/memory/context.ts';
import { TASKS } from '../../../widgets/runtime/memory-tasks/index.ts';

const data: MemoryData = { context: readMemoryContext(), forgetting: readForgetting(), attention: readAttention(), taskRecall: parseTaskRecall(readArtifactJson('memory-task-recall.json')) };
const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const states = VIEWS.flatMap((view) => PERTURBATIONS.flatMap((perturbation) => TASKS.map((task) => ({ view, perturbation, task }))));

describe('memory curves: data', () => {
  it('the context series are the file’s increases, d > 0, with resolved marked where the interval excludes 0', () => {
    for (const p of PERTURBATIONS) {
      const pts = contextSeries(data, p);
      for (const m of ['transformer', 'lstm'] as const) {
        const curve = data.context.models[m].curves[p].filter((c) => c.d > 0);
        const mine = pts.filter((q) => q.series === m);
        expect(mine.map((q) => q.d)).toEqual(curve.map((c) => c.d));
        mine.forEach((q, i) => {
          expect(q.mean).toBe(curve[i]!.increase.mean);
          expect(q.clears).toBe(q.lo > 0 || q.hi < 0);
        });
      }
    }
  });

  it('the forgetting series clear their floor exactly where the interval is above the shuffled-label control', () => {
    const pts = forgettingSeries(data);
    for (const [m, c] of Object.entries(data.forgetting.models))
      c.rows.forEach((r) => {
        const q = pts.find((x) => x.series === m && x.d === r.d)!;
        expect(q.mean).toBe(r.accuracy);
        expect(q.clears).toBe(r.ci[0] > r.controlCi[1]);
      });
  });

  it('the attention series have one point per layer and distance, and a uniform line', () => {
    for (const t of TASKS) {
      const { heads, uniform } = attentionSeries(data, t);
      const rows = data.attention.rows.filter((r) => r.task === t);
      expect(heads).toHaveLength(rows.length * data.attention.layers);
      expect(uniform).toHaveLength(rows.length);
      for (const q of heads) expect(q.clears).toBe(q.lo > uniform.find((u) => u.d === q.d)!.hi);
    }
  });

  it('the recall series are the runs’ paired accuracies, clearing where every run’s interval excludes 0', () => {
    const run = data.taskRecall.runs[0]!;
    for (const t of TASKS)
      for (const q of recallSeries(data, t)) {
        const r = run.models[q.series as 'lstm' | 'transformer'].rows.find((x) => x.task === t && x.distance === q.d)!;
        if (data.taskRecall.runs.length === 1) expect(q.mean).toBe(r.pairedAccuracy);
        expect(q.clears).toBe(data.taskRecall.runs.every((rr) => rr.models[q.series as 'lstm' | 'transformer'].rows.find((x) => x.task === t && x.distance === q.d)!.pairedInterval[0] > 0));
      }
  });

  it('farthestClear is the last clearing distance of the series', () => {
    const pts = [
      { series: 'a', d: 1, mean: 1, lo: 0.5, hi: 1.5, clears: true },
      { series: 'a', d: 4, mean: 1, lo: 0.5, hi: 1.5, clears: true },
      { series: 'a', d: 8, mean: 0, lo: -1, hi: 1, clears: false },
      { series: 'b', d: 1, mean: 0, lo: -1, hi: 1, clears: false },
    ];
    expect(farthestClear(pts, 'a')).toBe(4);
    expect(farthestClear(pts, 'b')).toBeNull();
  });
});

describe('memory curves: words, charts and state', () => {
  it('every state has a verdict, a summary without NaN and a table with a cell per series and distance', () => {
    for (const st of states) {
      expect(memoryVerdict(data, st)).toMatch(/\.$/);
      expect(memorySummary(data, st)).not.toContain('NaN');
      const t = memoryTable(data, st);
      for (const r of t.rows) expect(r.cells).toHaveLength(t.columns.length);
    }
    expect(memoryVerdict(data, { view: 'attention', perturbation: 'drop', task: 'import' })).toContain('no layer’s chosen head');
  });

  it('every view is one labelled svg image without NaN, at 375 and 900 px', () => {
    for (const st of states.filter((s, i) => i % 3 === 0 || s.view === 'attention'))
      for (const width of [375, 900]) {
        const node = memoryPlot(data, st, { document: doc(), width });
        const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
        expect(svg.getAttribute('role')).toBe('img');
        expect(svg.getAttribute('aria-label')!.length).toBeGreaterThan(40);
        expect(node.outerHTML).not.toContain('NaN');
      }
  });

  it('state round-trips; junk falls back to the defaults', () => {
    const schema = memoryCurvesSchema();
    for (const st of states) expect(decodeState(schema, mergeIntoSearch('', schema, st, 'm'), 'm')).toEqual(st);
    for (const q of ['m.view=%3Cscript%3E', 'm.perturbation=DROP', 'm.task=', 'm.view=context&m.view=attention&m.task=%F0%9F%90%88'])
      expect(decodeState(schema, q, 'm')).toMatchObject({ perturbation: 'drop', task: 'pronoun' });
    expect(memoryCurvesSchema({ view: 'forgetting' }).view.default).toBe('forgetting');
  });
});
