// Step "sweep-ngram": the n-gram side of the scaling sweep. Interpolated modified Kneser–Ney (models/baselines/)
// of orders 2–5 trained on every stream of models/build/sweep/manifest.json (step "sweep-data": fractions
// 1/8 … 1 of Brown train, three document subsets per fraction below 1) and scored on the whole validation
// stream in bits per character (models/README.md), so every point compares with the transformer's.
// Writes public/models/scaling/ngram.json: config, and one record per run (order, fraction, seed, tokens,
// wall time, val bits per character). Deterministic: only the wall times change between rebuilds.
//   node models/sweep/ngram.ts [--orders 2,3,4,5] [--out path]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readTokens, scoreStream, trainKneserNey } from '../baselines/ngram.ts';
import type { SweepStream } from './data.ts';
import { writeLog } from './log.ts';

export const NGRAM_ORDERS = [2, 3, 4, 5] as const;

export interface NgramRun {
  model: string;
  order: number;
  fraction: string;
  seed: number;
  train_tokens: number;
  train_documents: number;
  /** Stored n-gram entries per order (1 … order). */
  types: number[];
  train_s: number;
  score_s: number;
  val_bpc: number;
  val_nats_per_token: number;
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (n: string) => (args.includes(n) ? args[args.indexOf(n) + 1] : undefined);
  const orders = (flag('--orders')?.split(',').map(Number) ?? [...NGRAM_ORDERS]) as number[];
  const outPath = flag('--out') ?? 'public/models/scaling/ngram.json';
  const start = performance.now();
  const load = loadavg()[0]!;
  const meta = JSON.parse(readFileSync('models/build/data/meta.json', 'utf8'));
  const manifest = JSON.parse(readFileSync('models/build/sweep/manifest.json', 'utf8')) as { train_tokens: number; streams: SweepStream[] };
  const V = meta.vocab_size as number;
  const val = readTokens('models/build/data/val.bin', V);
  const runs: NgramRun[] = [];
  for (const s of manifest.streams) {
    const train = readTokens(join('models/build/sweep', s.dir, 'train.bin'), V);
    if (train.length !== s.tokens) throw new Error(`${s.dir}: ${train.length} tokens, manifest says ${s.tokens}`);
    for (const order of orders) {
      const t0 = performance.now();
      const model = trainKneserNey(train, { order, vocabSize: V, name: `kn${order}` });
      const t1 = performance.now();
      const score = scoreStream(model, val, meta.val.chars);
      const t2 = performance.now();
      const run: NgramRun = {
        model: `kn${order}`,
        order,
        fraction: s.fraction,
        seed: s.seed,
        train_tokens: s.tokens,
        train_documents: s.documents,
        types: [...model.types],
        train_s: Math.round((t1 - t0) / 10) / 100,
        score_s: Math.round((t2 - t1) / 10) / 100,
        val_bpc: score.bpc,
        val_nats_per_token: score.nats_per_token,
      };
      runs.push(run);
      console.log(`kn${order} ${s.fraction.padStart(4)} s${s.seed} ${String(s.tokens).padStart(8)} tokens  ${score.bpc.toFixed(4)} bpc  (${run.train_s} s + ${run.score_s} s)`);
    }
  }
  writeLog(
    outPath,
    {
      step: 'sweep-ngram',
      produced_by: 'node models/sweep/ngram.ts (npm run models -- --only sweep-ngram, after sweep-data)',
      model: 'interpolated modified Kneser–Ney (models/baselines/kneser-ney.ts), discounts estimated per order from count-of-counts',
      data: {
        train: 'nested whole-document subsets of Brown train by tokens (models/sweep/data.ts); fraction 1 is the whole train stream',
        train_tokens_total: manifest.train_tokens,
        val: 'the whole validation stream (models/README.md, bits per character)',
        val_tokens: val.length,
        val_chars: meta.val.chars,
        vocab_size: V,
      },
      config: { orders, fractions: [...new Set(manifest.streams.map((s) => s.fraction))], seeds: [...new Set(manifest.streams.map((s) => s.seed))] },
      machine: { load_average_1min_at_start: Math.round(load * 100) / 100, wall_s_total: Math.round((performance.now() - start) / 100) / 10 },
      runs,
    },
    ['runs'],
  );
  console.log(`wrote ${outPath} (${runs.length} runs) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

if (import.meta.main) main();
