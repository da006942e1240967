// The confusion-set learning curves (widgets/confusion-curves/): data prepared from the shipped log and
// checked against its runs, the law's extrapolation, the words, the charts and the URL state.
import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { decodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { loadConfusionLogs } from '../../../widgets/models/scaling/logs-file.ts';
import { confusionData, lawAccuracy, setId, transformerAt, transformerLevels } from '../../../widgets/confusion-curves/data.ts';
import { confusionRows, confusionSummary, confusionVerdict } from '../../../widgets/confusion-curves/describe.ts';
import { confusionPlot } from '../../../widgets/confusion-curves/plot.ts';
import { confusionSchema } from '../../../widgets/confusion-curves/state.ts';

const logs = loadConfusionLogs();
const data = confusionData(logs.confusion, logs.fits, logs.lm);
const raw = logs.confusion as { runs: { set: string; learner: string; fraction: string; accuracy: number }[] };
const doc = serverDocument;

describe('confusion curves: data', () => {
  it('per-set curves are the mean of the seeds’ runs, inside their min and max', () => {
    for (const s of data.sets) {
      for (const p of data.curves[s.id]!) {
        const rs = raw.runs.filter((r) => setId(r.set) === s.id && r.learner === p.learner && r.fraction === p.fraction);
        expect(rs.length).toBeGreaterThan(0);
        expect(p.mean).toBeCloseTo(rs.reduce((a, r) => a + r.accuracy, 0) / rs.length, 10);
        expect(p.min).toBeLessThanOrEqual(p.mean + 1e-12);
        expect(p.max).toBeGreaterThanOrEqual(p.mean - 1e-12);
      }
    }
  });

  it('set ids are URL-safe and distinct', () => {
    const ids = data.sets.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    expect(setId("their/there/they're")).toBe('their-there-theyre');
  });

  it('the law’s accuracy is 1 − error and rises with data', () => {
    const law = { E: 0.05, A: 1, alpha: 0.2, alphaCi: null };
    expect(lawAccuracy(law, 1e6)).toBeCloseTo(1 - 0.05 - 1e6 ** -0.2, 12);
    expect(lawAccuracy(law, 1e9)).toBeGreaterThan(lawAccuracy(law, 1e6));
  });

  it('table rows: one per training size, one cell per learner', () => {
    const rows = confusionRows(data, 'all');
    expect(rows.length).toBe(new Set(data.curves.all!.map((p) => p.fraction)).size);
    for (const r of rows) expect(r.cells).toHaveLength(data.learners.length);
  });

  it('the verdict states the gains and spreads it computes', () => {
    expect(confusionVerdict(data, 'all')).toMatch(/gains between \+\d+\.\d pts and \+\d+\.\d pts/);
    expect(confusionVerdict(data, data.sets[0]!.id)).toContain(data.sets[0]!.name);
  });
});

describe('confusion curves: the transformer', () => {
  const lm = logs.lm as { primary_context: string; curves: any[]; runs: any[] };

  it('its level per view is the log’s, in the figure’s context, at the full training size', () => {
    const all = transformerAt(data, 'all')!;
    const c = lm.curves.find((x) => x.context === lm.primary_context);
    expect(all).toEqual({ words: c.train_words_mean, acc: c.macro_accuracy_mean, lo: c.macro_accuracy_ci95[0], hi: c.macro_accuracy_ci95[1] });
    expect(all.words).toBe(data.trainWords);
    for (const s of data.sets) {
      const r = lm.runs.find((x) => x.context === lm.primary_context && setId(x.set) === s.id);
      expect(transformerAt(data, s.id)!.acc).toBe(r.accuracy);
    }
  });

  it('an absent or malformed log leaves the figure without it', () => {
    for (const bad of [null, {}, { curves: 1 }, 'x', { curves: [], runs: [], primary_context: 'window' }]) expect(transformerLevels(bad)).toBeNull();
    const without = confusionData(logs.confusion, logs.fits);
    expect(without.transformer).toBeNull();
    expect(confusionRows(without, 'all').every((r) => r.transformer === null)).toBe(true);
    expect(confusionVerdict(without, 'all')).not.toContain('transformer');
  });

  it('table, summary and verdict state it only at the full size', () => {
    const rows = confusionRows(data, 'all');
    expect(rows.filter((r) => r.transformer).map((r) => r.fraction)).toEqual(['1']);
    const acc = `${(100 * transformerAt(data, 'all')!.acc).toFixed(1)}`;
    expect(confusionSummary(data, 'all', false)).toContain(acc);
    expect(confusionVerdict(data, 'all')).toMatch(/The transformer \(trained once, on all .* words\) scores/);
  });

  it('the chart draws its mark, with a title, in every view', () => {
    for (const set of ['all', ...data.sets.map((s) => s.id)]) {
      const node = confusionPlot(data, { set, extend: false }, { document: doc(), width: 640 });
      expect(node.outerHTML).toContain('the transformer’s own probabilities');
    }
  });
});

describe('confusion curves: charts and state', () => {
  const schema = confusionSchema(data.sets.map((s) => s.id));
  it('every set, extended or not, is one labelled svg image without NaN', () => {
    for (const set of ['all', ...data.sets.map((s) => s.id)])
      for (const extend of [false, true])
        for (const width of [375, 900]) {
          const node = confusionPlot(data, { set, extend }, { document: doc(), width });
          const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
          expect(svg.getAttribute('role')).toBe('img');
          expect(node.outerHTML).not.toContain('NaN');
        }
  });

  it('state round-trips; unknown sets and junk fall back', () => {
    for (const set of ['all', ...data.sets.map((s) => s.id)])
      for (const extend of [false, true]) expect(decodeState(schema, mergeIntoSearch('', schema, { set, extend }, 'confusion'), 'confusion')).toEqual({ set, extend });
    for (const q of ['confusion.set=then/than', 'confusion.set=%3Cscript%3E', 'confusion.extend=2']) expect(decodeState(schema, q, 'confusion')).toEqual({ set: 'all', extend: false });
  });
});
