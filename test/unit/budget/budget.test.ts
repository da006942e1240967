// The "pick your budget" logic (widgets/budget/): losses measured, interpolated or extrapolated (only from a
// law with an interval), affordability, ties inside the noise, the winner map, the URL state, and the charts,
// on made-up logs with known answers and on the shipped logs in whatever state the sweep has reached.
import fc from 'fast-check';
import { serverDocument } from '../../../widgets/runtime/kit/ssr.ts';
import { describe, expect, it } from 'vitest';
import { decodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { loadScaling } from '../../../widgets/models/scaling/logs-file.ts';
import { parseScaling } from '../../../widgets/models/scaling/logs.ts';
import { candidates, costAt, lossAt, measuredCurve, noiseBpc, verdict, winnerMap } from '../../../widgets/budget/budget.ts';
import { budgetRows, budgetVerdict } from '../../../widgets/budget/describe.ts';
import { mapGrid, mapPlot, rankingPlot } from '../../../widgets/budget/plot.ts';
import { budgetSchema, COMPUTE_STEPS, computeFlops, DATA_STEPS, dataMultiple } from '../../../widgets/budget/state.ts';
import { BROWN, synthetic, syntheticRaw } from './synthetic.ts';

const doc = serverDocument;

describe('budget: a model’s loss at D', () => {
  const d = synthetic();
  it('is the mean over data subsets at a size the sweep ran (measured)', () => {
    const kn5 = d.runs.filter((r) => r.model === 'kn5' && r.fraction === '1/4');
    const mean = kn5.reduce((a, r) => a + r.bpc, 0) / kn5.length;
    expect(lossAt(d, 'kn5', BROWN / 4)).toEqual({ bpc: mean, basis: 'measured', note: '' });
  });

  it('is read between two neighbouring runs, linear in log D (interpolated), and stays between them', () => {
    const curve = measuredCurve(d, 'kn5');
    const at = lossAt(d, 'kn5', BROWN / Math.SQRT2 / 2); // halfway between 1/4 and 1/2 in log D
    expect(at.basis).toBe('interpolated');
    expect(at.bpc!).toBeCloseTo((curve[1]!.bpc + curve[2]!.bpc) / 2, 10);
  });

  it('is the fitted law beyond the runs only when the law has an interval (extrapolated)', () => {
    const at = lossAt(d, 'kn5', BROWN * 8);
    expect(at.basis).toBe('extrapolated');
    expect(at.bpc!).toBeCloseTo(1.5 + 20 * (BROWN * 8) ** -0.3, 10);
    expect(at.note).toContain('α');
  });

  it('is not known outside the runs when the law is exact through three points or missing', () => {
    const exact = synthetic([], {
      ngram: { by_order: { kn5: { E: 1.5, A: 20, alpha: 0.3, E_ci95: null, alpha_ci95: null, runs: 3, boundary: [] } } },
    });
    expect(lossAt(exact, 'kn5', BROWN * 8)).toMatchObject({ bpc: null, basis: 'unknown' });
    expect(lossAt(exact, 'kn2', BROWN * 8)).toMatchObject({ bpc: null, basis: 'unknown' });
    expect(lossAt(d, 'tA', BROWN)).toMatchObject({ bpc: null, basis: 'unknown', note: 'no run yet' });
  });

  it('never extrapolates a transformer to more data than its runs had, even with a law (its runs read a fixed number of tokens)', () => {
    const runs = ['1/8', '1/4', '1/2', '1'].map((fraction, i) => ({ size: 'tB', N: 100_000, fraction, bpc: 2.4 - 0.1 * i }));
    const law = { E: 1.8, A: 10, alpha: 0.2, E_ci95: [1.7, 1.9], alpha_ci95: [0.1, 0.3], runs: 4, boundary: [] };
    const d = synthetic(runs, { transformer: { loss_vs_data_by_size: { tB: law }, loss_vs_params_by_fraction: {}, loss_vs_compute: { fit: law } } });
    expect(lossAt(d, 'tB', BROWN).basis).toBe('measured');
    expect(lossAt(d, 'tB', BROWN * 4)).toMatchObject({ bpc: null, basis: 'unknown' });
    expect(lossAt(d, 'kn5', BROWN * 4).basis).toBe('extrapolated');
  });
});

describe('budget: cost, affordability and the verdict', () => {
  const runs = [
    { size: 'tA', N: 10_000, fraction: '1/8', bpc: 2.6 },
    { size: 'tB', N: 100_000, fraction: '1/8', bpc: 2.4 },
    { size: 'tB', N: 100_000, fraction: '1', bpc: 1.6 },
  ];
  const d = synthetic(runs);

  it('a transformer costs its whole run, whatever D; counting and the clever model grow with D', () => {
    expect(costAt(d, 'tB', BROWN / 8)).toBe(6 * 100_000 * 1_228_800);
    expect(costAt(d, 'tB', BROWN)).toBe(costAt(d, 'tB', BROWN / 8));
    expect(costAt(d, 'kn5', BROWN)).toBe(5 * BROWN);
    expect(costAt(d, 'clever', 2 * BROWN)).toBe(2 * costAt(d, 'clever', BROWN));
  });

  it('the winner is the lowest affordable known loss; a budget below a model leaves it out', () => {
    const all = verdict(d, BROWN, 1e14);
    expect(all.winner?.model).toBe('tB');
    const poor = verdict(d, BROWN, 1e9);
    expect(poor.winner?.family).not.toBe('transformer');
    expect(candidates(d, BROWN, 1e9).find((c) => c.model === 'tB')!.affordable).toBe(false);
    expect(verdict(d, BROWN, 10).winner).toBeNull();
  });

  it('a margin inside the data subsets’ spread is a tie', () => {
    const noise = noiseBpc(d);
    expect(noise).toBeCloseTo(0.004, 10); // seeds 1 and 3 add 0.002 and 0.006
    const tie = synthetic([{ size: 'tB', N: 100_000, fraction: '1', bpc: 1.5 + 20 * BROWN ** -0.3 - noise / 2 }]);
    const v = verdict(tie, BROWN, 1e14);
    expect(v.winner?.model).toBe('tB');
    expect(v.tie).toBe(true);
    expect(budgetVerdict(tie, BROWN, 1e14, 1)).toContain('a tie with 5-gram');
    expect(verdict(d, BROWN, 1e14).tie).toBe(false);
  });

  it('says when the winner rests on an extrapolation, and names the best of every other kind', () => {
    const far = budgetVerdict(d, BROWN * 8, 1e14, 8);
    expect(far).toContain('extrapolation');
    expect(budgetVerdict(d, BROWN, 1e14, 1)).toMatch(/Best of the other kinds: .*behind/);
    expect(budgetVerdict(d, BROWN, 10, 1)).toContain('no model of the sweep');
  });

  it('the table has one row per model and marks exactly one winner', () => {
    const rows = budgetRows(d, BROWN, 1e14);
    expect(rows.map((r) => r.model)).toEqual(['kn2', 'kn5', 'clever', 'tA', 'tB']);
    expect(rows.filter((r) => r.winner).map((r) => r.model)).toEqual(['tB']);
  });

  it('the map colours every cell by the verdict at its centre', () => {
    const g = mapGrid(BROWN);
    const cells = winnerMap(d, g.logTokens, g.logCompute);
    expect(cells).toHaveLength(g.logTokens.length * g.logCompute.length);
    for (const c of cells.filter((_, i) => i % 7 === 0)) expect(c.model).toBe(verdict(d, 10 ** c.logD, 10 ** c.logC).winner?.model ?? '');
  });
});

describe('budget: URL state', () => {
  const schema = budgetSchema();
  it('round-trips every valid state and falls back on hostile values', () => {
    fc.assert(
      fc.property(fc.integer(DATA_STEPS), fc.integer(COMPUTE_STEPS), (data, compute) => {
        const q = mergeIntoSearch('?other=1', schema, { data, compute }, 'budget');
        expect(decodeState(schema, q, 'budget')).toEqual({ data, compute });
      }),
    );
    for (const q of ['budget.data=99', 'budget.data=1.5', 'budget.compute=1e3', 'budget.compute=%3Cscript%3E', 'budget.data=-0x1'])
      expect(decodeState(schema, q, 'budget'), q).toEqual({ data: 0, compute: 140 });
  });
  it('steps map to Brown multiples and FLOPs', () => {
    expect(dataMultiple(-12)).toBe(1 / 8);
    expect(dataMultiple(0)).toBe(1);
    expect(computeFlops(120)).toBeCloseTo(1e12, -3);
    expect(budgetSchema({ data: 999, compute: 3 }).data.default).toBe(0);
  });
});

describe('budget: charts, on the shipped logs and on made-up ones', () => {
  const shipped = loadScaling();
  const cases = [
    ['shipped', shipped],
    ['no transformer run', synthetic()],
    ['transformers winning', synthetic([{ size: 'tB', N: 100_000, fraction: '1', bpc: 1.2 }])],
  ] as const;
  for (const [name, d] of cases)
    it(`${name}: every state draws one labelled svg image without NaN`, () => {
      for (const data of [DATA_STEPS.min, 0, DATA_STEPS.max])
        for (const compute of [COMPUTE_STEPS.min, 100, COMPUTE_STEPS.max])
          for (const [plot, width] of [[mapPlot, 375], [rankingPlot, 640]] as const) {
            const node = plot(d, { data, compute }, { document: doc(), width });
            const svg = node.tagName.toLowerCase() === 'svg' ? node : node.querySelector('svg')!;
            expect(svg.getAttribute('role')).toBe('img');
            expect(svg.getAttribute('aria-label')!.length).toBeGreaterThan(20);
            expect(node.outerHTML).not.toContain('NaN');
          }
    });

  it('the shipped logs parse, and every run is on Brown’s validation stream in plausible bits per character', () => {
    expect(shipped.runs.length).toBeGreaterThan(40);
    for (const r of shipped.runs) {
      expect(r.bpc).toBeGreaterThan(1);
      expect(r.bpc).toBeLessThan(4);
    }
    expect(() => parseScaling({ ...syntheticRaw(), ngram: { data: {}, runs: [] } })).toThrow(/vocab_size/);
  });
});
