/** The confusion-curves figure's words: its summary and verdict, from the data. Pure. */
import { num, pct, pts } from '../runtime/kit/format.ts';
import { count } from '../models/scaling/format.ts';
import { LEARNER_LABELS, lawAccuracy, majorityOf, transformerAt, type ConfusionData, type CurvePoint } from './data.ts';

const at = (curve: CurvePoint[], learner: string) => curve.filter((p) => p.learner === learner).sort((a, b) => a.words - b.words);

/** Gains with data against the spread between learners, in the chosen view. */
export function confusionVerdict(data: ConfusionData, set: string): string {
  const curve = data.curves[set] ?? data.curves.all!;
  const name = set === 'all' ? 'Averaged over the sets' : `On ${data.sets.find((s) => s.id === set)?.name ?? set}`;
  const gains = data.learners.map((l) => {
    const c = at(curve, l);
    return c.length ? c.at(-1)!.mean - c[0]!.mean : 0;
  });
  const ends = data.learners.map((l) => at(curve, l).at(-1)?.mean ?? 0);
  const starts = data.learners.map((l) => at(curve, l)[0]?.mean ?? 0);
  const spreadEnd = Math.max(...ends) - Math.min(...ends);
  const spreadStart = Math.max(...starts) - Math.min(...starts);
  const first = at(curve, data.learners[0]!);
  return `${name}: from ${count(first[0]?.words ?? 0)} to ${count(first.at(-1)?.words ?? 0)} training words every learner gains between ${pts(Math.min(...gains))} and ${pts(Math.max(...gains))}, while the learners differ by ${pts(spreadStart).replace('+', '')} at the start and ${pts(spreadEnd).replace('+', '')} at the end. The majority member alone scores ${pct(majorityOf(data, set))}.${transformerSentence(data, set)}`;
}

/** The transformer against the best trained learner at the full size, in the chosen view ('' without its log). */
export function transformerSentence(data: ConfusionData, set: string): string {
  const lm = transformerAt(data, set);
  if (!lm) return '';
  const curve = data.curves[set] ?? data.curves.all!;
  const full = data.learners.map((l) => at(curve, l).at(-1)).filter((p): p is CurvePoint => p !== undefined);
  const best = full.reduce((a, p) => (p.mean > a.mean ? p : a), full[0]!);
  const diff = lm.acc - best.mean;
  const inside = best.mean >= lm.lo && best.mean <= lm.hi;
  return ` The transformer (trained once, on all ${count(lm.words)} words) scores ${pct(lm.acc)} (95 % interval ${pct(lm.lo)}–${pct(lm.hi)}), ${pts(Math.abs(diff)).replace('+', '')} ${diff >= 0 ? 'above' : 'below'} the best trained learner (${LEARNER_LABELS[best.learner] ?? best.learner}, ${pct(best.mean)})${inside ? ', inside its interval' : ''}.`;
}

export function confusionSummary(data: ConfusionData, set: string, extend: boolean): string {
  const curve = data.curves[set] ?? data.curves.all!;
  const parts = data.learners.map((l) => {
    const c = at(curve, l);
    return `${LEARNER_LABELS[l] ?? l} ${c.map((p) => pct(p.mean)).join(' → ')}`;
  });
  const ext = extend && set === 'all'
    ? ` Extrapolated to a billion words by the fitted error laws: ${data.learners.map((l) => (data.laws[l] ? `${l} ${pct(lawAccuracy(data.laws[l]!, 1e9))}` : `${l} no law`)).join(', ')}.`
    : '';
  const lm = transformerAt(data, set);
  const ref = lm ? ` The transformer (one model, all of Brown train): ${pct(lm.acc)}, interval ${pct(lm.lo)}–${pct(lm.hi)}.` : '';
  return `Accuracy against training words (log scale), mean of the seeds: ${parts.join('; ')}.${ref}${ext}`;
}

export function lawText(data: ConfusionData, learner: string): string {
  const law = data.laws[learner];
  if (!law) return 'no law';
  return `error = ${num(law.E, 3)} + ${num(law.A, 2)}·W^−${num(law.alpha, 3)}${law.alphaCi ? ` (α in [${num(law.alphaCi[0], 3)}, ${num(law.alphaCi[1], 3)}])` : ''}`;
}

export interface ConfusionRow {
  fraction: string;
  words: string;
  cells: { learner: string; mean: string; range: string }[];
  /** The transformer's accuracy and interval: only at the full size, which is the one it was trained at. */
  transformer: { mean: string; range: string } | null;
}

/** One row per training size, one cell per learner: mean accuracy and the seeds' range. */
export function confusionRows(data: ConfusionData, set: string): ConfusionRow[] {
  const curve = data.curves[set] ?? data.curves.all!;
  const fractions = [...new Set(curve.slice().sort((a, b) => a.words - b.words).map((p) => p.fraction))];
  const lm = transformerAt(data, set);
  return fractions.map((fraction) => {
    const ps = curve.filter((p) => p.fraction === fraction);
    return {
      fraction,
      words: count(ps.reduce((a, p) => a + p.words, 0) / ps.length),
      cells: data.learners.map((l) => {
        const p = ps.find((q) => q.learner === l);
        return { learner: l, mean: p ? pct(p.mean) : '—', range: p ? `${pct(p.min)}–${pct(p.max)}` : '' };
      }),
      transformer: lm && fraction === '1' ? { mean: pct(lm.acc), range: `${pct(lm.lo)}–${pct(lm.hi)}` } : null,
    };
  });
}
