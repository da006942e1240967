/**
 * Every number "Remembering the cat" states, read from the files the factory ships through their typed loaders
 * (widgets/models/memory/): memory-recall.json (step memory-recall), memory-context.json (memory-context),
 * memory-forgetting.json (memory-forgetting), memory-attention.json (memory-attention), the two model cards,
 * and the benchmark's record (bench/RESULTS.md, `npm run bench -- memory-latency`). Rerunning a step updates the
 * prose on the next build; test/unit/essays/memory-claims.test.ts recomputes each number and holds the words
 * around it to the files.
 */
import recallJson from '../../public/models/memory-recall.json';
import contextJson from '../../public/models/memory-context.json';
import forgettingJson from '../../public/models/memory-forgetting.json';
import attentionJson from '../../public/models/memory-attention.json';
import lstmCard from '../../public/models/lstm.json';
import transformerCard from '../../public/models/transformer.json';
import benchResults from '../../bench/RESULTS.md?raw';
import { parseRecall, RECALL_MODELS, type RecallModel } from '../../widgets/models/memory/recall.ts';
import { parseMemoryContext, pointAt, reach, resolved, type ContextModel, type CurvePoint, type Perturbation } from '../../widgets/models/memory/context.ts';
import { parseForgetting, remembers, type ForgettingModel } from '../../widgets/models/memory/forgetting.ts';
import { findsAntecedent, parseAttention } from '../../widgets/models/memory/attention.ts';
import { latencyRuns } from './memory-bench.ts';

export const recall = parseRecall(recallJson);
export const context = parseMemoryContext(contextJson);
export const forgetting = parseForgetting(forgettingJson);
export const attention = parseAttention(attentionJson);
export const latency = latencyRuns(benchResults);

const us = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fixed = (x: number, digits = 3) => (x < 0 ? `−${Math.abs(x).toFixed(digits)}` : x.toFixed(digits));
const signed = (x: number, digits = 3) => (x < 0 ? `−${Math.abs(x).toFixed(digits)}` : `+${x.toFixed(digits)}`);
const pct = (x: number) => `${Math.round(100 * x)} %`;
/** An estimate as the essay writes it: "+0.079 (95 % interval +0.024 to +0.138)". */
const withCi = (e: { mean: number; ci: [number, number] }, digits = 3) => `${signed(e.mean, digits)} (95 % interval ${signed(e.ci[0], digits)} to ${signed(e.ci[1], digits)})`;

// ── recall against distance ──────────────────────────────────────────────────────────────────────────────
const allRows = RECALL_MODELS.flatMap((m) => recall.models[m].rows.map((r) => ({ model: m, ...r })));
const distances = [...new Set(allRows.map((r) => r.distance))].sort((a, b) => a - b);
const best = (m: RecallModel) => recall.models[m].rows.reduce((a, r) => (r.pairedAccuracy > a.pairedAccuracy ? r : a));

// ── context ablation ─────────────────────────────────────────────────────────────────────────────────────
/** The largest d whose increase is resolved (its interval excludes 0), or null. */
export const lastResolved = (curve: readonly CurvePoint[]) => curve.filter((p) => resolved(p.increase)).at(-1)?.d ?? null;
const ctx = (m: ContextModel) => {
  const c = context.models[m];
  const curve = (p: Perturbation) => c.curves[p];
  const at = (p: Perturbation, d: number) => withCi(pointAt(curve(p), d)!.increase);
  return {
    window: us(c.context),
    full: fixed(c.full.mean),
    fullCi: `${fixed(c.full.ci[0])} to ${fixed(c.full.ci[1])}`,
    benefit: fixed(c.contextBenefit.mean),
    reach: { drop: reach(curve('drop')), shuffle: reach(curve('shuffle')), replace: reach(curve('replace')) },
    lastResolved: { drop: lastResolved(curve('drop')), shuffle: lastResolved(curve('shuffle')), replace: lastResolved(curve('replace')) },
    at,
    /** The largest drop increase from the drop curve's reach on: what the far context is worth when it is cut. */
    farDrop: fixed(Math.max(...curve('drop').filter((p) => p.d >= (reach(curve('drop')) ?? Infinity)).map((p) => p.increase.mean))),
  };
};
const wholeDoc = context.models.lstm.wholeDocument;
function overlapFrom(): number | null {
  const t = context.models.transformer.curves.drop;
  const common = context.models.lstm.curves.drop.filter((p) => p.d > 0 && pointAt(t, p.d));
  const overlaps = (d: number) => {
    const a = pointAt(t, d)!.increase.ci;
    const b = pointAt(context.models.lstm.curves.drop, d)!.increase.ci;
    return a[0] <= b[1] && b[0] <= a[1];
  };
  let from: number | null = null;
  for (const p of common) from = overlaps(p.d) ? (from ?? p.d) : null;
  return from;
}

// ── forgetting curve ─────────────────────────────────────────────────────────────────────────────────────
const probe = (m: ForgettingModel) => {
  const rows = forgetting.models[m].rows;
  return {
    at: Object.fromEntries(rows.map((r) => [r.d, pct(r.accuracy)])) as Record<number, string>,
    /** The farthest d at which the probe reads more than its shuffled-label floor. */
    farthest: rows.filter((r) => r.d > 0 && remembers(r)).at(-1)?.d ?? 0,
    /** The nearest d from which on it never does. */
    gone: rows.find((r, i) => r.d > 0 && rows.slice(i).every((x) => !remembers(x)))?.d ?? null,
  };
};
const majority = forgetting.models.lstm.rows.map((r) => r.majority);

// ── attention to the antecedent ──────────────────────────────────────────────────────────────────────────
const lastLayer = attention.layers - 1;
const att = (task: 'pronoun' | 'recall' | 'import', d: number) => {
  const row = attention.rows.find((r) => r.task === task && r.distance === d)!;
  return { mass: pct(row.bestHead[lastLayer]!.mean), uniform: pct(row.uniform.mean), ratio: (row.bestHead[lastLayer]!.mean / row.uniform.mean).toFixed(1) };
};
/** The farthest d below the context at which the last layer's chosen head beats a uniform head on a task. */
const attentionReach = (task: 'pronoun' | 'recall' | 'import') =>
  attention.rows.filter((r) => r.task === task && r.distance < attention.context && findsAntecedent(r, lastLayer)).at(-1)?.distance ?? null;

// ── the hardware point ───────────────────────────────────────────────────────────────────────────────────
const tTokensPerStep = transformerCard.training.hyperparameters.procs * transformerCard.training.hyperparameters.batch_size * transformerCard.architecture.context;
const lTokensPerStep = lstmCard.training.hyperparameters.procs * lstmCard.training.hyperparameters.batch_size * lstmCard.training.hyperparameters.bptt;
const quietest = latency.reduce((a, r) => (r.load < a.load ? r : a), latency[0]!);

export const n = {
  params: { transformer: us(transformerCard.architecture.params), lstm: us(lstmCard.architecture.params) },
  paramsGap: `${(100 * (lstmCard.architecture.params / transformerCard.architecture.params - 1)).toFixed(1)} %`,
  stateSize: us(lstmCard.architecture.state_size),
  lstmLayers: lstmCard.architecture.layers,
  lstmWidth: lstmCard.architecture.d_model,
  tLayers: transformerCard.architecture.layers,
  tContext: us(transformerCard.architecture.context),
  /** Keys and values the transformer re-reads at the window's last token: 2 × layers × context × d_model. */
  tCache: us(2 * transformerCard.architecture.layers * transformerCard.architecture.context * transformerCard.architecture.d_model),
  bpc: { transformer: fixed(transformerCard.metrics.val_bpc), lstm: fixed(lstmCard.metrics.val_bpc) },
  bpcGap: fixed(lstmCard.metrics.val_bpc - transformerCard.metrics.val_bpc),
  bigramBpc: fixed(transformerCard.metrics.baselines.bigram.bpc),
  kn5Bpc: fixed(transformerCard.metrics.baselines.kn5.bpc),
  lstmSteps: us(lstmCard.training.steps),
  tokensSeen: { transformer: us(transformerCard.training.tokens_seen), lstm: us(lstmCard.training.tokens_seen) },
  epochs: { transformer: transformerCard.training.epochs.toFixed(1), lstm: lstmCard.training.epochs.toFixed(1) },
  /** Training throughput from the cards: tokens per second of wall time, two processes each. */
  lstmCpuRate: us(lstmCard.training.tokens_per_cpu_second_per_process),
  trainRate: { transformer: us(tTokensPerStep / transformerCard.training.seconds_per_step), lstm: us(lTokensPerStep / lstmCard.training.seconds_per_step) },

  recall: {
    seeds: recall.seeds,
    distances: distances.map((d) => us(d)),
    dMin: us(distances[0]!),
    dMax: us(distances.at(-1)!),
    cells: allRows.length,
    pairedZero: allRows.filter((r) => r.pairedAccuracy === 0).length,
    best: { transformer: best('transformer'), lstm: best('lstm') },
    /** Key–value and import cells whose interval holds chance, of all of them. */
    atChance: allRows.filter((r) => r.task !== 'pronoun' && r.interval[0] <= r.chance && r.chance <= r.interval[1]).length,
    notPronoun: allRows.filter((r) => r.task !== 'pronoun').length,
    pronounPrior: pct(Math.max(...allRows.filter((r) => r.task === 'pronoun').map((r) => r.accuracy))),
    chance: Object.fromEntries(allRows.map((r) => [r.task, `${(100 * r.chance).toFixed(1)} %`])) as Record<string, string>,
  },

  context: {
    documents: context.documents,
    perDocument: context.targetsPerDocument,
    targets: us(context.targets),
    minPosition: us(context.minPosition),
    unigram: fixed(context.unigram.mean),
    transformer: ctx('transformer'),
    lstm: ctx('lstm'),
    wholeDocGain: wholeDoc ? signed(wholeDoc.gainOverWindow.mean, 4) : null,
    /** LSTM − transformer full-window loss, paired on the same targets (null in a file without the comparison). */
    pairedDiff: context.lstmMinusTransformer ? withCi(context.lstmMinusTransformer) : null,
    /** The smallest d from which on, at every distance both curves measure, the two drop intervals overlap. */
    overlapFrom: overlapFrom(),
  },

  forgetting: {
    classes: forgetting.classes,
    /** Always answering the most frequent token, mean over the distances. */
    majority: pct(majority.reduce((a, b) => a + b, 0) / majority.length),
    lstm: probe('lstm'),
    untrained: probe('lstm-untrained'),
    transformer: probe('transformer'),
    lstmWidth: us(forgetting.models.lstm.width),
    transformerWidth: us(forgetting.models.transformer.width),
  },

  attention: {
    lastLayer: attention.layers,
    pronoun8: att('pronoun', 8),
    recall8: att('recall', 8),
    reach: { pronoun: attentionReach('pronoun'), recall: attentionReach('recall'), import: attentionReach('import') },
  },

  latency: {
    runs: latency.length,
    short: us(quietest.lengths.short),
    long: us(quietest.lengths.long),
    quietest: {
      load: quietest.load.toFixed(1),
      lstm128: quietest.lstm.short.toFixed(1),
      t128: quietest.transformer.short.toFixed(1),
      lstm1024: quietest.lstm.long.toFixed(1),
      t1024: quietest.transformer.long.toFixed(1),
    },
    /** How many runs have the LSTM faster at 1,024 tokens, and the transformer at least as fast at 128. */
    lstmFasterLong: latency.filter((r) => r.lstm.long < r.transformer.long).length,
    tFasterShort: latency.filter((r) => r.transformer.short <= r.lstm.short).length,
    /** Windows of the transformer's context, one every half context, that cover the long length. */
    windows: Math.ceil((quietest.lengths.long - transformerCard.architecture.context) / (transformerCard.architecture.context / 2)) + 1,
  },
};
