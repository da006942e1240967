/** The budget figure's words: the verdict line, the chart summaries and the table rows, from budget.ts. Pure. */
import { num } from '../runtime/kit/format.ts';
import { modelLabel, type ScalingData } from '../models/scaling/logs.ts';
import { brownShare, count, sci } from '../models/scaling/format.ts';
import { candidates, noiseBpc, verdict, type Basis, type Candidate } from './budget.ts';

const BASIS_WORDS: Record<Basis, string> = {
  measured: 'measured',
  interpolated: 'interpolated between runs',
  extrapolated: 'extrapolated from the fit',
  unknown: 'not known',
};

export function basisText(c: Candidate): string {
  return c.basis === 'unknown' ? `not known: ${c.note}` : c.basis === 'extrapolated' ? `${BASIS_WORDS[c.basis]} (${c.note})` : BASIS_WORDS[c.basis];
}

/** One sentence: who wins at this budget, by how much, and on what evidence. */
export function budgetVerdict(data: ScalingData, tokens: number, compute: number, multiple: number): string {
  const v = verdict(data, tokens, compute);
  const where = `With ${brownShare(multiple)} (${count(tokens)} tokens) and ${sci(compute)} FLOPs`;
  if (!v.winner) return `${where}, no model of the sweep is both affordable and known: raise the compute or move the data back into the measured range.`;
  const w = `${modelLabel(data, v.winner.model)} wins with ${num(v.winner.bpc!, 3)} bits per character`;
  if (!v.runnerUp) return `${where}, ${w}; it is the only affordable model with a known loss.`;
  const by = v.tie
    ? `, a tie with ${modelLabel(data, v.runnerUp.model)} (${num(v.margin!, 3)} apart, inside the ${num(noiseBpc(data), 3)} bpc that the choice of documents moves a run)`
    : `, ${num(v.margin!, 3)} below ${modelLabel(data, v.runnerUp.model)}`;
  const others = familyGaps(data, v.ranked);
  const gaps = others.length ? ` Best of the other kinds: ${others.join('; ')}.` : '';
  const caveat = v.extrapolated ? ' This rests on an extrapolation of a fitted law beyond the runs.' : '';
  return `${where}, ${w}${by}.${gaps}${caveat}`;
}

/** For each family other than the winner's: its best affordable model and how far behind the winner it is. */
export function familyGaps(data: ScalingData, ranked: Candidate[]): string[] {
  const winner = ranked[0];
  if (!winner) return [];
  const seen = new Set([winner.family]);
  const out: string[] = [];
  for (const c of ranked) {
    if (seen.has(c.family)) continue;
    seen.add(c.family);
    out.push(`${modelLabel(data, c.model)}, ${num(c.bpc! - winner.bpc!, 3)} behind`);
  }
  return out;
}

export interface BudgetRow {
  model: string;
  label: string;
  cost: string;
  affordable: string;
  bpc: string;
  basis: string;
  winner: boolean;
}

export function budgetRows(data: ScalingData, tokens: number, compute: number): BudgetRow[] {
  const v = verdict(data, tokens, compute);
  return candidates(data, tokens, compute).map((c) => ({
    model: c.model,
    label: modelLabel(data, c.model),
    cost: sci(c.cost),
    affordable: c.affordable ? 'yes' : 'no',
    bpc: c.bpc === null ? '—' : num(c.bpc, 3),
    basis: basisText(c),
    winner: v.winner?.model === c.model,
  }));
}

/** The ranking chart's summary. */
export function rankingSummary(data: ScalingData, tokens: number, compute: number, multiple: number): string {
  const all = candidates(data, tokens, compute);
  const known = all.filter((c) => c.bpc !== null);
  const over = all.filter((c) => !c.affordable).map((c) => modelLabel(data, c.model, true));
  const parts = known.map((c) => `${modelLabel(data, c.model, true)} ${num(c.bpc!, 3)}${c.affordable ? '' : ' (over budget)'}${c.basis === 'extrapolated' ? ' (extrapolated)' : ''}`);
  return `Predicted bits per character at ${brownShare(multiple)}: ${parts.join(', ') || 'none known'}.${over.length ? ` Over the budget of ${sci(compute)} FLOPs: ${over.join(', ')}.` : ''}`;
}

/** The map's summary: which families win somewhere on it. */
export function mapSummary(cells: { family: string; model: string; extrapolated: boolean }[]): string {
  const byModel = new Map<string, number>();
  for (const c of cells) if (c.model) byModel.set(c.model, (byModel.get(c.model) ?? 0) + 1);
  const share = (n: number) => `${Math.round((100 * n) / cells.length)} %`;
  const list = [...byModel.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${share(n)}`);
  const none = cells.filter((c) => c.family === 'none').length;
  return `Winner over data (x) and compute (y): ${list.join(', ') || 'none'} of the map${none ? `; nothing affordable and known on ${share(none)}` : ''}.`;
}
