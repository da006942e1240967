/**
 * What the scaling-laws figure draws, from the logs (pure): the runs as points, each model's fitted law as a
 * curve over the range its runs cover (and, dashed, a stretch beyond), the transformer's learning curves
 * against compute and their frontier, and the summaries.
 */
import { familyOf, fractionValue, lawAt, modelLabel, modelOrder, type PowerLaw, type ScalingData, type ScalingRun } from '../models/scaling/logs.ts';
import { num } from '../runtime/kit/format.ts';
import { count, sci } from '../models/scaling/format.ts';

export interface CurvePoint {
  model: string;
  x: number;
  y: number;
  /** Beyond the runs' range: drawn dashed. */
  beyond: boolean;
}

/** Points of L(x) on a log grid from lo to hi; `measured` is the range the runs cover. */
export function lawCurve(model: string, law: PowerLaw, lo: number, hi: number, measured: [number, number], steps = 40): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = lo * (hi / lo) ** (i / steps);
    out.push({ model, x, y: lawAt(law, x), beyond: x < measured[0] * 0.999 || x > measured[1] * 1.001 });
  }
  return out;
}

/** The data view's fitted curves: every model with an identified L(D), over its runs and (not transformers) up to 4 × beyond. */
export function dataCurves(data: ScalingData): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (const model of modelOrder(data)) {
    const law = data.dataLaws[model]?.law;
    const runs = data.runs.filter((r) => r.model === model);
    if (!law || runs.length === 0) continue;
    const xs = runs.map((r) => r.trainTokens);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    // Split into the measured stretch and the stretch beyond, so each is one line of its own dash.
    const inside = lawCurve(model, law, lo, hi, [lo, hi], 24);
    // A transformer run reads the same number of tokens at any data size: its law is not carried past its runs
    // (more data would need longer runs; widgets/budget/budget.ts says the same).
    const beyond = familyOf(data, model) === 'transformer' ? [] : lawCurve(model, law, hi, hi * 4, [lo, hi], 12).map((p) => ({ ...p, beyond: true }));
    out.push(...inside, ...beyond);
  }
  return out;
}

/** The transformer runs grouped by data fraction, sorted by size, for the params view. */
export function paramSeries(data: ScalingData): { fraction: string; runs: ScalingRun[] }[] {
  const fractions = data.fractions.filter((f) => data.runs.some((r) => r.family === 'transformer' && r.fraction === f));
  return fractions.map((fraction) => ({
    fraction,
    runs: data.runs.filter((r) => r.family === 'transformer' && r.fraction === fraction).sort((a, b) => a.params - b.params),
  }));
}

/** The best n-gram's mean loss at each fraction: the line a transformer must get under. */
export function bestNgramByFraction(data: ScalingData): { fraction: string; model: string; bpc: number }[] {
  return data.fractions.map((fraction) => {
    const byModel = new Map<string, number[]>();
    for (const r of data.runs) if (r.family === 'ngram' && r.fraction === fraction) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r.bpc]);
    let best = { fraction, model: '', bpc: Infinity };
    for (const [model, xs] of byModel) {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      if (m < best.bpc) best = { fraction, model, bpc: m };
    }
    return best;
  }).filter((b) => Number.isFinite(b.bpc));
}

/** The compute frontier: of all evaluation points, those no cheaper point beats. */
export function frontier(data: ScalingData) {
  const sorted = data.evals.slice().sort((a, b) => a.compute - b.compute || a.bpc - b.bpc);
  const out: typeof sorted = [];
  let best = Infinity;
  for (const p of sorted) if (p.bpc < best) { out.push(p); best = p.bpc; }
  return out;
}

const lawText = (law: PowerLaw, unit: string) =>
  `E ${num(law.E, 2)}${law.ci ? ` [${num(law.ci.E[0], 2)}, ${num(law.ci.E[1], 2)}]` : ''}, α ${num(law.alpha, 2)}${law.ci ? ` [${num(law.ci.alpha[0], 2)}, ${num(law.ci.alpha[1], 2)}]` : ' (exact through 3 points, no interval)'} against ${unit}`;

export function dataSummary(data: ScalingData): string {
  const laws = modelOrder(data)
    .map((m) => ({ m, law: data.dataLaws[m]?.law }))
    .filter((x) => x.law)
    .map((x) => `${modelLabel(data, x.m, true)}: ${lawText(x.law!, 'tokens')}`);
  const runs = data.runs.length;
  return `Validation bits per character against training tokens (${count(data.brownTokens / 8)} to ${count(data.brownTokens)}), ${runs} runs. Fitted laws L = E + A·D^−α: ${laws.join('; ')}.`;
}

export function paramsSummary(data: ScalingData): string {
  const series = paramSeries(data);
  if (series.length === 0) return 'No transformer run is logged yet.';
  const best = bestNgramByFraction(data);
  const parts = series.map((s) => {
    const top = s.runs.reduce((a, b) => (b.bpc < a.bpc ? b : a));
    const ng = best.find((b) => b.fraction === s.fraction);
    return `at ${s.fraction} of Brown, ${s.runs.length} size${s.runs.length > 1 ? 's' : ''}, best ${top.model} ${num(top.bpc, 3)}${ng ? ` against the ${modelLabel(data, ng.model)}'s ${num(ng.bpc, 3)}` : ''}`;
  });
  return `Transformer bits per character against non-embedding parameters: ${parts.join('; ')}.`;
}

export function computeSummary(data: ScalingData): string {
  const f = frontier(data);
  if (f.length === 0) return 'No transformer run is logged yet.';
  const law = data.computeLaw.law;
  return `Transformer validation loss against training compute, every evaluation of every run (${data.evals.length} points), from ${sci(f[0]!.compute)} to ${sci(f.at(-1)!.compute)} FLOPs; the frontier falls to ${num(f.at(-1)!.bpc, 3)} bits per character. ${law ? `Fitted frontier: ${lawText(law, 'FLOPs')}.` : `No frontier law yet: ${data.computeLaw.law === null ? (data.computeLaw as { status: string }).status : ''}.`} The clever model and the n-grams are placed at their own training cost for scale.`;
}

export const fractionOrder = (f: string) => fractionValue(f);

/** The visible verdict line: which model is best at each data fraction the sweep ran, and by how much. */
export function scalingVerdict(data: ScalingData): string {
  const parts = data.fractions.map((fraction) => {
    const byModel = new Map<string, number[]>();
    for (const r of data.runs) if (r.fraction === fraction) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r.bpc]);
    const means = [...byModel.entries()].map(([m, xs]) => ({ m, bpc: xs.reduce((a, b) => a + b, 0) / xs.length })).sort((a, b) => a.bpc - b.bpc);
    const best = means[0];
    if (!best) return '';
    const fam = familyOf(data, best.m);
    const rival = means.find((x) => familyOf(data, x.m) !== fam);
    return `${fraction}: ${modelLabel(data, best.m)} ${num(best.bpc, 3)}${rival ? ` (best other kind: ${modelLabel(data, rival.m)}, ${num(rival.bpc - best.bpc, 3)} behind)` : ''}`;
  }).filter(Boolean);
  return `Best model at each share of Brown train: ${parts.join('; ')}. ${data.runs.filter((r) => r.family === 'transformer').length} of ${data.plannedTransformerRuns} planned transformer runs logged.`;
}

export interface RunRow {
  key: string;
  model: string;
  fraction: string;
  runs: number;
  tokens: string;
  params: string;
  compute: string;
  bpc: string;
}

/** One row per model and data fraction: the mean over the data subsets, with their range where there are several. */
export function runRows(data: ScalingData): RunRow[] {
  const rows: RunRow[] = [];
  for (const model of modelOrder(data)) {
    for (const fraction of data.fractions) {
      const rs = data.runs.filter((r) => r.model === model && r.fraction === fraction);
      if (!rs.length) continue;
      const mean = (f: (r: ScalingRun) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
      const bpcs = rs.map((r) => r.bpc);
      rows.push({
        key: `${model} ${fraction}`,
        model: modelLabel(data, model),
        fraction,
        runs: rs.length,
        tokens: count(mean((r) => r.trainTokens)),
        params: count(mean((r) => r.params)),
        compute: sci(mean((r) => r.compute)),
        bpc: rs.length > 1 ? `${num(mean((r) => r.bpc), 4)} (${num(Math.min(...bpcs), 4)}–${num(Math.max(...bpcs), 4)})` : num(bpcs[0]!, 4),
      });
    }
  }
  return rows;
}

export interface LawRow {
  key: string;
  what: string;
  E: string;
  alpha: string;
  runs: string;
}

/** Every law of the figure: the fitted ones with their intervals, and the ones not identified yet with the reason. */
export function lawRows(data: ScalingData): LawRow[] {
  const iv = (ci: [number, number] | undefined) => (ci ? ` [${num(ci[0], 2)}, ${num(ci[1], 2)}]` : '');
  const row = (key: string, what: string, l: ScalingData['computeLaw']): LawRow =>
    l.law
      ? { key, what, E: `${num(l.law.E, 2)}${iv(l.law.ci?.E)}`, alpha: `${num(l.law.alpha, 2)}${l.law.ci ? iv(l.law.ci.alpha) : ' (no interval: 3 points)'}`, runs: String(l.law.runs) }
      : { key, what, E: '—', alpha: '—', runs: l.status };
  return [
    ...modelOrder(data).filter((m) => data.dataLaws[m]).map((m) => row(`D ${m}`, `${modelLabel(data, m)} against data`, data.dataLaws[m]!)),
    ...Object.entries(data.paramLaws)
      .sort((a, b) => fractionValue(a[0]) - fractionValue(b[0]))
      .map(([f, l]) => row(`N ${f}`, `transformers against size, at ${f}`, l)),
    row('C', 'transformer frontier against compute', data.computeLaw),
  ];
}
