/**
 * The dezoom map in words: the sentences the figure shows beside its charts and the rows of its text
 * alternative. Pure, so the essay's claim tests can check the same numbers.
 */
import { num, pts } from '../runtime/kit/format.ts';
import { attentionDistance, bestLayer, bucketLabel, dezoomVerdict, effectiveContext, hasBucket, runsAt, scaleBand, shallowestSolved, spanBand } from './analysis.ts';
import { SCALES, type Ladder, type SpanTask } from './ladder.ts';

export const TASK_NAMES: Record<SpanTask, string> = {
  constituent: 'which constituent a span is',
  head_number: 'a noun phrase’s head’s number',
};

export const SCALE_NAMES = {
  piece: 'pieces → word (a verb’s third piece)',
  phrase: 'phrase (verb agreement across modifiers)',
  paragraph: 'paragraph (pronoun 30–200 tokens after its topic)',
  document: 'document (the hidden property)',
} as const;

const layerList = (ls: number[]) => (ls.length === 1 ? `layer ${ls[0]}` : `layers ${ls[0]}–${ls.at(-1)}`);

/** One sentence on where the span probe peaks by span length, at one depth, ties said as ties. */
export function mapSummary(ladder: Ladder, depth: number, task: SpanTask): string {
  const { verdict, best } = dezoomVerdict(ladder, depth, task);
  const parts = best.map((b) => `${bucketLabel(ladder.spanBuckets[b.bucket]!)} tokens: ${b.tied.length > 1 ? `tied across ${layerList(b.tied)}` : `layer ${b.best}`}`);
  const what = {
    'moves-up': 'the best layer moves up as spans grow',
    tie: 'the best layer does not move beyond the noise as spans grow',
    'moves-down': 'the best layer moves down as spans grow',
    mixed: 'the best layer moves both up and down between span lengths',
  }[verdict];
  return `Depth ${depth}, probing ${TASK_NAMES[task]}: ${what} (${parts.join('; ')}).`;
}

export interface CellRow {
  layer: number;
  bucket: string;
  accuracy: string;
  gain: string;
  best: boolean;
}

/** The heatmap as table rows: accuracy (with its noise band) and gain over layer 0, per layer and span length. */
export function mapRows(ladder: Ladder, depth: number, task: SpanTask): CellRow[] {
  const rows: CellRow[] = [];
  ladder.spanBuckets.forEach((bucket, b) => {
    if (!hasBucket(ladder, task, b)) return;
    const { tied } = bestLayer(ladder, depth, task, b);
    const base = spanBand(ladder, depth, task, b, 0).mean;
    for (let l = 0; l <= depth; l++) {
      const x = spanBand(ladder, depth, task, b, l);
      rows.push({ layer: l, bucket: bucketLabel(bucket), accuracy: `${num(x.mean, 3)} (${num(x.lo, 3)}–${num(x.hi, 3)})`, gain: pts(x.mean - base), best: tied.includes(l) });
    }
  });
  return rows;
}

export interface ContextRow {
  layer: number;
  effective: string;
  distance: string;
}

export function contextRows(ladder: Ladder, depth: number): ContextRow[] {
  const eff = effectiveContext(ladder, depth);
  const dist = attentionDistance(ladder, depth);
  return eff.map((k, l) => ({ layer: l, effective: k === null ? `> ${ladder.cutKs.at(-1)}` : num(k, 0), distance: l === 0 ? '—' : num(dist[l - 1]!, 1) }));
}

export function contextSummary(ladder: Ladder, depth: number): string {
  const eff = effectiveContext(ladder, depth);
  const pctChange = `${num(ladder.effectiveChange * 100, 0)} %`;
  const cut = ladder.cutKs.at(-1)!;
  const layer = (l: number) => {
    const k = eff[l] ?? null;
    const name = l === depth ? 'the top layer’s vector' : `layer ${l}’s vector`;
    return k === null ? `${name} still changes by more than ${pctChange} when the text is cut to the last ${cut} tokens` : `the last ${num(k, 0)} tokens settle ${name} to within ${pctChange}`;
  };
  return `Depth ${depth}: ${layer(1)}${depth > 1 ? `; ${layer(depth)}` : ''}.`;
}

export interface ScaleRow {
  scale: string;
  shallowest: string;
  cells: string[];
}

/** Accuracy by scale and depth (mean over seeds, with its band), and the shallowest depth that solves each. */
export function scaleRows(ladder: Ladder, depths: number[]): ScaleRow[] {
  return SCALES.map((s) => {
    const d = shallowestSolved(ladder, s);
    return {
      scale: SCALE_NAMES[s],
      shallowest: d === null ? 'none' : `${d}`,
      cells: depths.map((depth) => {
        const b = scaleBand(ladder, depth, s);
        return b.seeds > 1 ? `${num(b.mean, 2)} (${num(b.lo, 2)}–${num(b.hi, 2)}, ${b.seeds} seeds)` : `${num(b.mean, 2)} (${num(b.lo, 2)}–${num(b.hi, 2)})`;
      }),
    };
  });
}

export function seedsOf(ladder: Ladder, depth: number): number {
  return runsAt(ladder, depth).length;
}
