// The scaling-laws figure (widgets/scaling-laws/): curves drawn from the laws the fits step wrote, the
// frontier, the tables and the verdict, on the shipped logs and on made-up ones, in every view.
import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { decodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { loadScaling } from '../../../widgets/models/scaling/logs-file.ts';
import { lawAt } from '../../../widgets/models/scaling/logs.ts';
import { bestNgramByFraction, dataCurves, frontier, lawRows, runRows, scalingVerdict } from '../../../widgets/scaling-laws/curves.ts';
import { scalingPlot } from '../../../widgets/scaling-laws/plot.ts';
import { scalingLawsSchema, VIEWS } from '../../../widgets/scaling-laws/state.ts';
import { BROWN, synthetic } from '../budget/synthetic.ts';

const doc = serverDocument;
const shipped = loadScaling();

describe('scaling laws: what is drawn', () => {
  it('each fitted curve is its law, solid over its runs’ range and dashed only beyond it', () => {
    const d = synthetic();
    const curves = dataCurves(d);
    const law = d.dataLaws.kn5!.law!;
    for (const p of curves.filter((c) => c.model === 'kn5')) {
      expect(p.y).toBeCloseTo(lawAt(law, p.x), 10);
      if (!p.beyond) expect(p.x).toBeLessThanOrEqual(BROWN * 1.001);
    }
    expect(curves.some((c) => c.model === 'kn5' && c.beyond)).toBe(true);
    expect(curves.some((c) => c.model === 'tA')).toBe(false); // no runs, no law: nothing drawn
  });

  it('the frontier never rises with compute, and every point of it is an evaluation', () => {
    const f = frontier(shipped);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.compute).toBeGreaterThan(f[i - 1]!.compute);
      expect(f[i]!.bpc).toBeLessThan(f[i - 1]!.bpc);
    }
    for (const p of f) expect(shipped.evals).toContain(p);
  });

  it('the best n-gram per fraction is the lowest mean', () => {
    const d = synthetic();
    for (const b of bestNgramByFraction(d)) expect(b.model).toBe('kn5');
  });

  it('the tables: one row per model and fraction, every law or the reason it is missing', () => {
    const rows = runRows(shipped);
    const keys = new Set(shipped.runs.map((r) => `${r.model} ${r.fraction}`));
    expect(rows).toHaveLength(keys.size);
    const laws = lawRows(shipped);
    expect(laws.find((l) => l.key === 'D kn5')!.alpha).toMatch(/\[/);
    for (const l of laws) expect(l.E === '—' ? l.runs : l.E).toBeTruthy();
  });

  it('the verdict names the best model at every fraction from the runs', () => {
    const d = synthetic([{ size: 'tB', N: 100_000, fraction: '1', bpc: 1.0 }]);
    expect(scalingVerdict(d)).toContain('1: transformer tB 1.000');
    expect(scalingVerdict(d)).toContain('1/8: 5-gram');
  });
});

describe('scaling laws: charts and state', () => {
  const cases = [['shipped', shipped], ['no transformer run', synthetic()], ['some transformer runs', synthetic([{ size: 'tA', N: 10_000, fraction: '1/8', bpc: 2.5 }, { size: 'tB', N: 100_000, fraction: '1/8', bpc: 2.3 }])]] as const;
  for (const [name, d] of cases)
    it(`${name}: every view at phone and desktop width is one labelled svg image without NaN`, () => {
      for (const view of VIEWS)
        for (const width of [375, 900]) {
          const node = scalingPlot(d, view, { document: doc(), width });
          const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
          expect(svg.getAttribute('role')).toBe('img');
          expect(node.outerHTML).not.toContain('NaN');
        }
    });

  it('the view round-trips through the URL and falls back on junk', () => {
    const schema = scalingLawsSchema();
    for (const view of VIEWS) expect(decodeState(schema, mergeIntoSearch('', schema, { view }, 'scaling'), 'scaling')).toEqual({ view });
    for (const q of ['scaling.view=loss', 'scaling.view=', 'scaling.view=%00']) expect(decodeState(schema, q, 'scaling')).toEqual({ view: 'data' });
  });
});
