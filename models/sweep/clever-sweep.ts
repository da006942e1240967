// Step "sweep-clever": the feature model of clever.ts trained on the sweep streams (step "sweep-data"; the seed-1
// subsets and the whole train stream) and scored on the whole validation stream in bits per character. Appends
// to public/models/scaling/clever.json, one record per (fraction, data seed), replacing an older record of the
// same key. Slow in TypeScript (every token updates five rows of 2,048 weights): measure before running it all.
//   node models/sweep/clever-sweep.ts [--fractions 1/8,1/4,1/2,1]
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BpeTokenizer } from '../../widgets/runtime/tokenizer/bpe.ts';
import { readTokens, scoreStream } from '../baselines/ngram.ts';
import { CLEVER_DEFAULTS, FREQUENT_WORDS, trainClever } from './clever.ts';
import type { SweepStream } from './data.ts';
import { writeLog } from './log.ts';

const LOG_PATH = 'public/models/scaling/clever.json';
const DATA_SEED = 1;

function main(): void {
  const args = process.argv.slice(2);
  const wanted = args.includes('--fractions') ? args[args.indexOf('--fractions') + 1]!.split(',') : ['1/8', '1/4', '1/2', '1'];
  const meta = JSON.parse(readFileSync('models/build/data/meta.json', 'utf8'));
  const manifest = JSON.parse(readFileSync('models/build/sweep/manifest.json', 'utf8')) as { streams: SweepStream[] };
  const tok = BpeTokenizer.fromJSON(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')));
  const texts = Array.from({ length: tok.vocabSize }, (_, i) => (i === tok.eotId ? '' : tok.decode([i])));
  const vocab = { texts, eot: tok.eotId };
  const val = readTokens('models/build/data/val.bin', tok.vocabSize);
  const previous = existsSync(LOG_PATH) ? JSON.parse(readFileSync(LOG_PATH, 'utf8')) : { runs: [] };
  const runs: Record<string, unknown>[] = previous.runs;
  for (const s of manifest.streams.filter((s) => wanted.includes(s.fraction) && (s.seed === DATA_SEED || s.fraction === '1'))) {
    const load = loadavg()[0]!;
    const train = readTokens(join('models/build/sweep', s.dir, 'train.bin'), tok.vocabSize);
    const t0 = performance.now();
    const model = trainClever(train, vocab, CLEVER_DEFAULTS);
    const t1 = performance.now();
    const score = scoreStream(model, val, meta.val.chars);
    const t2 = performance.now();
    const rec = {
      model: 'clever-lr',
      fraction: s.fraction,
      data_seed: s.seed,
      seed: CLEVER_DEFAULTS.seed,
      train_tokens: s.tokens,
      feature_values: model.featureValues,
      parameters: model.parameters,
      train_s: Math.round((t1 - t0) / 100) / 10,
      score_s: Math.round((t2 - t1) / 100) / 10,
      load_average_1min_at_start: Math.round(load * 100) / 100,
      val_bpc: score.bpc,
      val_nats_per_token: score.nats_per_token,
    };
    const i = runs.findIndex((r) => r.fraction === rec.fraction && r.data_seed === rec.data_seed);
    if (i >= 0) runs[i] = rec;
    else runs.push(rec);
    runs.sort((a, b) => (a.train_tokens as number) - (b.train_tokens as number));
    writeLog(
      LOG_PATH,
      {
        step: 'sweep-clever',
        produced_by: 'node models/sweep/clever-sweep.ts (npm run models -- --only sweep-clever, after sweep-data)',
        model: 'multinomial logistic regression over the next token on hand-made features (models/sweep/clever.ts): previous token, shape and length of the word so far, its last two letters, the previous word (one of the 200 most frequent, else its last two letters)',
        config: {
          ...CLEVER_DEFAULTS,
          frequent_words: FREQUENT_WORDS,
          optimiser: 'row-wise AdaGrad SGD, one pass in a seeded order, bias initialised to log unigram frequencies',
          learning_rate_choice: 'among 0.5, 2, 8 on the last 10 % of the 1/8 subset (seed 1), trained on the rest: 8.32, 7.62, 7.46 bits per token; Kneser–Ney bigram 7.38',
          data_seed: DATA_SEED,
        },
        val: { tokens: val.length, chars: meta.val.chars },
        runs,
      },
      ['runs'],
    );
    console.log(`clever-lr ${s.fraction.padStart(4)} ${String(s.tokens).padStart(8)} tokens  ${score.bpc.toFixed(4)} bpc  (${rec.train_s} s + ${rec.score_s} s)`);
  }
}

if (import.meta.main) main();
