// "Remembering the cat" (content/articles/remembering-the-cat.mdx) states numbers read from the shipped memory
// measurements (content/numbers/memory.ts). These tests recompute each number from the raw files, by their own
// route where one exists, and hold the words around the numbers to the data through the typed loaders: "does
// not use its whole window", "forgets sooner", "the same as the transformer's", "keeps more of the last few
// tokens", "no head beats uniform", "zero in … cells", "the ordering held in every run".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArtifactJson, readAttention, readForgetting, readMemoryContext, readRecall } from '../../../widgets/models/artifacts.ts';
import { pointAt, reach, resolved } from '../../../widgets/models/memory/context.ts';
import { findsAntecedent } from '../../../widgets/models/memory/attention.ts';
import { remembers } from '../../../widgets/models/memory/forgetting.ts';
import { latencyRuns } from '../../../content/numbers/memory-bench.ts';
import { n } from '../../../content/numbers/memory.ts';
import { task } from '../../../content/numbers/memory-task.ts';
import { loadReferences } from '../../../src/lib/references.ts';
import { proseWords } from './prose-words.ts';

const essay = readFileSync('content/articles/remembering-the-cat.mdx', 'utf8');
const lstmCard = readArtifactJson('lstm.json') as any;
const tCard = readArtifactJson('transformer.json') as any;
const context = readMemoryContext();
const forgetting = readForgetting();
const attention = readAttention();
const recall = readRecall();
const rawContext = readArtifactJson('memory-context.json') as any;
const runs = latencyRuns(readFileSync('bench/RESULTS.md', 'utf8'));
const num = (s: string) => Number(s.replace(/,/g, '').replace('−', '-').replace(/ %$/, ''));
const pctOf = (x: number) => `${Math.round(100 * x)} %`;

describe('"Remembering the cat": the essay', () => {
  it('is at least 1,500 words of prose, essay 6 of the series, and cites what the brief names', () => {
    expect(proseWords(essay)).toBeGreaterThanOrEqual(1500);
    expect(/^series: (\d+)$/m.exec(essay)?.[1]).toBe('6');
    const refs = loadReferences();
    for (const key of ['hochreiter1997long', 'bengio1994learning', 'khandelwal2018sharp', 'vaswani2017attention', 'gu2023mamba', 'peng2023rwkv', 'arora2023zoology', 'jelassi2024repeat']) {
      expect(essay, key).toContain(`@${key}`);
      expect(refs.has(key), key).toBe(true);
    }
  });

  it('is promised by name, with a live link, in the first essay', () => {
    expect(readFileSync('content/articles/transformers-are-convnets.mdx', 'utf8')).toContain('[Remembering the cat](/articles/remembering-the-cat/)');
  });

  it('opens each figure on the state its paragraph discusses', () => {
    expect(essay).toMatch(/id="context-use"[^>]*state=\{\{ view: 'context', perturbation: 'drop' \}\}/);
    expect(essay).toMatch(/id="forgetting"[^>]*state=\{\{ view: 'forgetting' \}\}/);
    expect(essay).toMatch(/id="antecedent"[^>]*state=\{\{ view: 'attention', task: 'pronoun' \}\}/);
    expect(essay).toMatch(/id="task-recall"[^>]*state=\{\{ view: 'recall', task: 'pronoun' \}\}/);
    // the race opens inside the transformer's window, the distance the attention paragraph ends on
    expect(essay).toMatch(/id="race" widget="memory-race"[^>]*state=\{\{ task: 'pronoun', distance: 64 \}\}/);
    expect(64).toBeLessThan(tCard.architecture.context);
  });
});

describe('"Remembering the cat": the two models', () => {
  it('have nearly the same number of parameters, read from the cards', () => {
    expect(n.params.lstm).toBe(lstmCard.architecture.params.toLocaleString('en-US'));
    expect(n.params.transformer).toBe(tCard.architecture.params.toLocaleString('en-US'));
    expect(Math.abs(lstmCard.architecture.params / tCard.architecture.params - 1)).toBeLessThan(0.05);
    expect(num(n.stateSize)).toBe(lstmCard.architecture.layers * 2 * lstmCard.architecture.d_model);
    expect(num(n.tCache)).toBe(2 * tCard.architecture.layers * tCard.architecture.context * tCard.architecture.d_model);
  });

  it('states the cards’ bits per character and training: the transformer just below the 5-gram, the LSTM just above it', () => {
    expect(n.bpc.lstm).toBe(lstmCard.metrics.val_bpc.toFixed(3));
    expect(n.bpc.transformer).toBe(tCard.metrics.val_bpc.toFixed(3));
    const kn5 = tCard.metrics.baselines.kn5.bpc;
    expect(tCard.metrics.val_bpc).toBeLessThan(kn5);
    expect(lstmCard.metrics.val_bpc).toBeGreaterThan(kn5);
    // "within a few hundredths of a bit"
    expect(lstmCard.metrics.val_bpc - tCard.metrics.val_bpc).toBeLessThan(0.05);
    expect(lstmCard.metrics.val_bpc).toBeLessThan(tCard.metrics.baselines.bigram.bpc);
    expect(n.bpcGap).toBe((lstmCard.metrics.val_bpc - tCard.metrics.val_bpc).toFixed(3));
    expect(num(n.tokensSeen.lstm)).toBe(lstmCard.training.tokens_seen);
    expect(num(n.tokensSeen.transformer)).toBe(tCard.training.tokens_seen);
    expect(n.lstmSteps).toBe(lstmCard.training.steps.toLocaleString('en-US'));
  });
});

describe('"Remembering the cat": how much context each model uses', () => {
  const t = context.models.transformer;
  const l = context.models.lstm;

  it('states the targets and the windows of the file', () => {
    expect(num(n.context.targets)).toBe(rawContext.targets);
    expect(n.context.documents).toBe(rawContext.documents);
    expect(num(n.context.transformer.window)).toBe(rawContext.models.transformer.context);
    expect(num(n.context.lstm.window)).toBe(rawContext.models.lstm.context);
    expect(n.context.unigram).toBe(rawContext.unigram.mean.toFixed(3));
    expect(n.context.transformer.benefit).toBe(rawContext.models.transformer.context_benefit.mean.toFixed(3));
  });

  it('has the transformer hurt by a drop only near the target, and not using its whole window', () => {
    const last = t.curves.drop.filter((p) => resolved(p.increase)).at(-1)!.d;
    expect(n.context.transformer.lastResolved.drop).toBe(last);
    expect(n.context.transformer.reach.drop).toBe(reach(t.curves.drop));
    expect(reach(t.curves.drop)!).toBeLessThan(t.context / 2);
    const at8 = pointAt(t.curves.drop, 8)!.increase;
    expect(n.context.transformer.at('drop', 8)).toContain(`+${at8.mean.toFixed(3)}`);
    // "at most farDrop nats, against a benefit of context of …": the far context is worth under 5 % of the benefit
    expect(num(n.context.transformer.farDrop)).toBeLessThan(0.05 * t.contextBenefit.mean);
  });

  it('has replacing hurt further back than dropping, and shuffling only near the target', () => {
    expect(n.context.transformer.lastResolved.replace!).toBeGreaterThan(n.context.transformer.lastResolved.drop!);
    expect(n.context.transformer.lastResolved.shuffle!).toBeLessThan(n.context.transformer.lastResolved.replace!);
  });

  it('has the two models about equally good with their whole windows: the intervals overlap', () => {
    expect(t.full.ci[0]).toBeLessThanOrEqual(l.full.ci[1]);
    expect(l.full.ci[0]).toBeLessThanOrEqual(t.full.ci[1]);
    expect(n.context.lstm.full).toBe(rawContext.models.lstm.full.mean.toFixed(3));
  });

  it('has the paired difference of the full losses hold zero ("a tie")', () => {
    const diff = context.lstmMinusTransformer!;
    expect(diff.ci[0]).toBeLessThanOrEqual(0);
    expect(diff.ci[1]).toBeGreaterThanOrEqual(0);
    expect(n.context.pairedDiff).toContain(diff.mean.toFixed(3).replace('-', '−'));
  });

  it('has the two drop curves overlap from the distance the essay names on ("no less, not more")', () => {
    const from = n.context.overlapFrom!;
    expect(from).toBeLessThanOrEqual(8);
    for (const p of l.curves.drop.filter((p) => p.d >= from)) {
      const q = pointAt(t.curves.drop, p.d);
      if (!q) continue;
      expect(q.increase.ci[0] <= p.increase.ci[1] && p.increase.ci[0] <= q.increase.ci[1], `d=${p.d}`).toBe(true);
    }
  });

  it('has the LSTM lean on context at least as far back as the transformer: a drop at 64 hurts it and not the transformer', () => {
    expect(n.context.lstm.lastResolved.drop!).toBeGreaterThanOrEqual(n.context.transformer.lastResolved.drop!);
    expect(resolved(pointAt(l.curves.drop, 64)!.increase)).toBe(true);
    expect(resolved(pointAt(t.curves.drop, 64)!.increase)).toBe(false);
    expect(n.context.lstm.at('drop', 64)).toContain(`+${pointAt(l.curves.drop, 64)!.increase.mean.toFixed(3)}`);
    expect(n.context.lstm.reach.drop).toBe(reach(l.curves.drop));
    expect(n.context.lstm.lastResolved.replace).toBe(n.context.transformer.lastResolved.replace);
  });

  it('has nothing far back change the LSTM: inside the noise from its reach, under a thousandth of a nat from 256, the whole document no better', () => {
    // "the tail it loses starts where the transformer's window ends"
    expect(reach(l.curves.drop)!).toBeGreaterThanOrEqual(t.context);
    expect(reach(l.curves.drop)!).toBeLessThanOrEqual(l.context / 4);
    for (const p of l.curves.drop.filter((p) => p.d >= reach(l.curves.drop)!)) expect(resolved(p.increase)).toBe(false);
    for (const p of l.curves.drop.filter((p) => p.d >= 256)) expect(Math.abs(p.increase.mean)).toBeLessThan(0.001);
    expect(Math.abs(l.wholeDocument!.gainOverWindow.mean)).toBeLessThan(0.001);
    expect(n.context.wholeDocGain).toBe(`+${Math.abs(l.wholeDocument!.gainOverWindow.mean).toFixed(4)}`);
  });
});

describe('"Remembering the cat": the forgetting probe', () => {
  const rows = (m: 'lstm' | 'lstm-untrained' | 'transformer') => forgetting.models[m].rows;
  const acc = (m: 'lstm' | 'lstm-untrained' | 'transformer', d: number) => rows(m).find((r) => r.d === d)!.accuracy;

  it('states the probe’s accuracies and reaches', () => {
    for (const d of [1, 2, 8]) expect(n.forgetting.lstm.at[d]).toBe(pctOf(acc('lstm', d)));
    expect(n.forgetting.untrained.at[1]).toBe(pctOf(acc('lstm-untrained', 1)));
    expect(n.forgetting.transformer.at[1]).toBe(pctOf(acc('transformer', 1)));
    for (const m of ['lstm', 'lstm-untrained', 'transformer'] as const) {
      const far = rows(m).filter((r) => r.d > 0 && remembers(r)).at(-1)!.d;
      const key = m === 'lstm-untrained' ? 'untrained' : m;
      expect(n.forgetting[key].farthest).toBe(far);
      // "nothing beyond": no distance past the farthest clears the floor
      for (const r of rows(m).filter((r) => r.d > far)) expect(remembers(r)).toBe(false);
    }
  });

  it('has the untrained LSTM keep more of the last few tokens than the trained one, its echo lasting about as long', () => {
    for (const d of [1, 2, 4, 8]) expect(acc('lstm-untrained', d)).toBeGreaterThan(acc('lstm', d));
    expect(n.forgetting.untrained.farthest).toBeGreaterThanOrEqual(n.forgetting.lstm.farthest / 2);
    expect(n.forgetting.untrained.farthest).toBeLessThanOrEqual(n.forgetting.lstm.farthest * 2);
  });

  it('has the LSTM’s prediction use tokens further back than its state names them', () => {
    expect(n.context.lstm.lastResolved.drop!).toBeGreaterThan(n.forgetting.lstm.farthest);
  });

  it('has the transformer’s residual stream hold less of the past than the LSTM’s state', () => {
    expect(acc('transformer', 1)).toBeLessThan(acc('lstm', 1));
    expect(n.forgetting.transformer.farthest).toBeLessThan(n.forgetting.lstm.farthest);
  });
});

describe('"Remembering the cat": attention to the antecedent', () => {
  const last = attention.layers - 1;
  const row = (task: string, d: number) => attention.rows.find((r) => r.task === task && r.distance === d)!;

  it('states the last layer’s chosen head against a uniform head, and where it stops beating it', () => {
    const r = row('pronoun', 8);
    expect(n.attention.pronoun8.mass).toBe(pctOf(r.bestHead[last]!.mean));
    expect(n.attention.pronoun8.ratio).toBe((r.bestHead[last]!.mean / r.uniform.mean).toFixed(1));
    expect(findsAntecedent(r, last)).toBe(true);
    const reachP = n.attention.reach.pronoun!;
    for (const x of attention.rows.filter((x) => x.task === 'pronoun' && x.distance > reachP && x.distance < attention.context)) expect(findsAntecedent(x, last)).toBe(false);
    expect(reachP).toBeLessThan(attention.context / 2);
  });

  it('has no layer’s chosen head beat uniform on the import task at any distance inside the window', () => {
    for (const x of attention.rows.filter((x) => x.task === 'import' && x.distance < attention.context))
      for (let l = 0; l < attention.layers; l++) expect(findsAntecedent(x, l), `import d=${x.distance} layer ${l + 1}`).toBe(false);
    expect(n.attention.reach.import).toBeNull();
  });
});

describe('"Remembering the cat": recall against distance', () => {
  const rows = Object.values(recall.models).flatMap((m) => m.rows);

  it('has paired accuracy zero in the cells the essay says, and at most one document in any', () => {
    expect(n.recall.cells).toBe(rows.length);
    expect(n.recall.pairedZero).toBe(rows.filter((r) => r.pairedAccuracy === 0).length);
    for (const r of rows) expect(r.pairedAccuracy).toBeLessThanOrEqual(1 / r.documents);
    expect(n.recall.seeds).toBe(recall.seeds);
    expect(num(n.recall.dMin)).toBe(Math.min(...rows.map((r) => r.distance)));
    expect(num(n.recall.dMax)).toBe(Math.max(...rows.map((r) => r.distance)));
  });

  it('has the plain accuracies be a prior: the pronoun’s flat in distance, the others at chance within the intervals in the cells the essay counts', () => {
    let inside = 0;
    let cells = 0;
    for (const m of Object.values(recall.models)) {
      const pron = m.rows.filter((r) => r.task === 'pronoun').map((r) => r.accuracy);
      expect(Math.max(...pron) - Math.min(...pron)).toBeLessThanOrEqual(1 / 32 + 1e-9);
      for (const r of m.rows.filter((r) => r.task !== 'pronoun')) {
        cells += 1;
        if (r.interval[0] <= r.chance && r.chance <= r.interval[1]) inside += 1;
      }
    }
    expect(n.recall.atChance).toBe(inside);
    expect(n.recall.notPronoun).toBe(cells);
    expect(inside / cells).toBeGreaterThan(0.9);
  });
});

describe('"Remembering the cat": the hardware point', () => {
  it('reads the training rates from the cards', () => {
    const rate = (c: any, block: number) => (c.training.hyperparameters.procs * c.training.hyperparameters.batch_size * block) / c.training.seconds_per_step;
    expect(num(n.trainRate.transformer)).toBe(Math.round(rate(tCard, tCard.architecture.context)));
    expect(num(n.trainRate.lstm)).toBe(Math.round(rate(lstmCard, lstmCard.training.hyperparameters.bptt)));
    expect(num(n.lstmCpuRate)).toBe(lstmCard.training.tokens_per_cpu_second_per_process);
  });

  it('states the quietest latency run, and the ordering holds in every run', () => {
    expect(runs.length).toBeGreaterThan(0);
    expect(n.latency.runs).toBe(runs.length);
    const q = runs.reduce((a, r) => (r.load < a.load ? r : a));
    expect(n.latency.quietest.lstm1024).toBe(q.lstm.long.toFixed(1));
    expect(n.latency.quietest.t128).toBe(q.transformer.short.toFixed(1));
    for (const r of runs) {
      expect(r.lstm.long, r.when).toBeLessThan(r.transformer.long);
      expect(r.transformer.short, r.when).toBeLessThanOrEqual(r.lstm.short);
    }
    expect(n.latency.windows).toBe(15);
  });
});

describe('"Remembering the cat": when recall pays', () => {
  const f = readArtifactJson('memory-task-recall.json') as any;
  const run = f.runs[0].models;
  const row = (m: 'lstm' | 'transformer', t: string, d: number) => run[m].rows.find((r: any) => r.task === t && r.distance === d);
  const ds = [...new Set(run.lstm.rows.map((r: any) => r.distance as number))].sort((a: any, b: any) => a - b) as number[];
  const uses = (m: 'lstm' | 'transformer', t: string, d: number) => row(m, t, d).paired_interval[0] > 0;

  it('trains two models of equal size, the transformer’s window the file’s, on the same tokens', () => {
    expect(Math.abs(run.lstm.params / run.transformer.params - 1)).toBeLessThan(0.01);
    expect(num(task.params.lstm)).toBe(run.lstm.params);
    expect(num(task.window)).toBe(run.transformer.context);
    expect(run.lstm.train.tokens).toBe(run.transformer.train.tokens);
    expect(num(task.trainTokens)).toBe(run.lstm.train.tokens);
    expect(task.runs).toBe(f.runs.length);
    expect(task.documents).toBe(row('lstm', 'pronoun', 8).documents);
  });

  it('has both models use the fact, the LSTM on the pronoun task at every distance', () => {
    for (const m of ['lstm', 'transformer'] as const) expect(ds.some((d) => ['pronoun', 'recall', 'import'].some((t) => uses(m, t, d))), m).toBe(true);
    for (const d of ds) expect(uses('lstm', 'pronoun', d), `d=${d}`).toBe(true);
    expect(task.paired.lstm.pronoun[1536]).toBe(pctOf(row('lstm', 'pronoun', 1536).paired_accuracy));
    // "farther than any passage it trained on": the longest training rows are shorter than the last distance
    expect(Math.max(...f.train_docs.map((t: any) => t.context))).toBeLessThan(ds.at(-1)!);
  });

  it('has the transformer never learn the pronoun task, and its import recall fall to zero inside its window', () => {
    const zeros = ds.filter((d) => row('transformer', 'pronoun', d).paired_accuracy === 0).length;
    expect(task.zeroPaired.transformer.pronoun).toBe(zeros);
    expect(zeros).toBeGreaterThanOrEqual(ds.length - 1);
    const at1024 = row('transformer', 'import', 1024);
    expect(at1024.paired_accuracy).toBe(0);
    expect(at1024.in_context).toBe(true);
    for (const m of ['lstm', 'transformer'] as const) for (const d of ds.filter((d) => d <= 128)) expect(row(m, 'import', d).paired_accuracy, `${m} d=${d}`).toBeGreaterThanOrEqual(0.9);
  });

  it('has the LSTM at or above the transformer on pronoun and import at every distance, the decline’s intervals overlapping', () => {
    for (const t of ['pronoun', 'import'])
      for (const d of ds) expect(row('lstm', t, d).paired_accuracy, `${t} d=${d}`).toBeGreaterThanOrEqual(row('transformer', t, d).paired_accuracy);
    for (const d of ds.filter((d) => d > 128 && d <= 1024)) {
      const a = row('lstm', 'import', d).paired_interval;
      const b = row('transformer', 'import', d).paired_interval;
      expect(a[0] <= b[1] && b[0] <= a[1], `import d=${d}`).toBe(true);
    }
  });

  it('has the transformer ahead only on associative recall: above chance farther, and neither often right on both twins', () => {
    const above = (m: 'lstm' | 'transformer') => ds.filter((d) => row(m, 'recall', d).interval[0] > row(m, 'recall', d).chance).at(-1);
    expect(task.aboveChance.transformer.recall).toBe(above('transformer'));
    expect(task.aboveChance.lstm.recall).toBe(above('lstm'));
    expect(above('transformer')!).toBeGreaterThan(above('lstm')!);
    for (const m of ['lstm', 'transformer'] as const) expect(Math.max(...ds.map((d) => row(m, 'recall', d).paired_accuracy)), m).toBeLessThanOrEqual(0.25);
  });

  it('has the two cost the same per CPU second on short rows, and the transformer’s cost grow more on long ones', () => {
    const st = (m: 'lstm' | 'transformer') => run[m].train.stages;
    expect(Math.abs(st('transformer')[0].tokens_per_cpu_s / st('lstm')[0].tokens_per_cpu_s - 1)).toBeLessThan(0.05);
    expect(task.stageRate.transformer[1]!.rate).toBe(Math.round(st('transformer')[1].tokens_per_cpu_s).toLocaleString('en-US'));
    expect(Number(task.stageGrowth.transformer)).toBeGreaterThan(Number(task.stageGrowth.lstm));
  });
});
