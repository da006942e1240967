// Count-based baselines for the model factory: what a transformer's bits per character must beat.
// `node models/baselines/ngram.ts [dataDir] [outFile]` reads models/build/data/{train,val}.bin + meta.json,
// counts on train, scores val by models/README.md's bits-per-character rule, and writes
// models/build/baselines.json. Importing this file (tests) runs nothing.
//
// `<|endoftext|>` is an ordinary token: contexts run across document boundaries exactly as the
// transformer's do, so a model may learn what tends to open a document.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainKneserNey } from './kneser-ney.ts';
import { scoreStream, trainUnigram, type LanguageModel, type Score, type TokenStream } from './lm.ts';

export { distribution, scoreStream, trainUnigram } from './lm.ts';
export type { LanguageModel, Score, TokenStream } from './lm.ts';
export { estimateDiscounts, trainKneserNey } from './kneser-ney.ts';
export type { Discounts, KneserNeyModel, KneserNeyOptions } from './kneser-ney.ts';

/** The baselines, weakest first; "bigram" is Kneser–Ney of order 2 (interpolated down to uniform). */
export const BASELINES = ['unigram', 'bigram', 'kn3', 'kn4', 'kn5'] as const;
export type BaselineName = (typeof BASELINES)[number];

export function trainBaseline(name: BaselineName, train: TokenStream, vocabSize: number): LanguageModel {
  if (name === 'unigram') return trainUnigram(train, vocabSize, 1);
  const order = name === 'bigram' ? 2 : Number(name.slice(2));
  return trainKneserNey(train, { order, vocabSize, name });
}

export type BaselinesReport = Record<BaselineName, Score> & {
  best: BaselineName;
  val_chars: number;
  val_tokens: number;
  train_tokens: number;
};

interface Meta {
  vocab_size: number;
  train: { tokens: number; chars: number };
  val: { tokens: number; chars: number };
}

/** Little-endian uint16 ids, as models/README.md fixes them (read byte-wise: no host-endianness surprise). */
export function readTokens(file: string, vocabSize: number): Uint16Array {
  const buf = readFileSync(file);
  if (buf.length % 2 !== 0) throw new Error(`${file}: odd byte length ${buf.length}`);
  const ids = new Uint16Array(buf.length / 2);
  for (let i = 0; i < ids.length; i++) {
    ids[i] = buf.readUInt16LE(2 * i);
    if (ids[i] >= vocabSize) throw new Error(`${file}: id ${ids[i]} at ${i} ≥ vocab_size ${vocabSize}`);
  }
  return ids;
}

export function runBaselines(
  train: TokenStream,
  val: TokenStream,
  vocabSize: number,
  valChars: number,
  log: (line: string) => void = () => {},
): BaselinesReport {
  const scores = {} as Record<BaselineName, Score>;
  for (const name of BASELINES) {
    const t0 = performance.now();
    const model = trainBaseline(name, train, vocabSize);
    const t1 = performance.now();
    scores[name] = scoreStream(model, val, valChars);
    const t2 = performance.now();
    const s = scores[name];
    log(
      `${name.padEnd(8)} ${s.bpc.toFixed(4).padStart(7)} ${s.nats_per_token.toFixed(4).padStart(8)} ` +
        `${s.ppl.toFixed(2).padStart(9)} ${((t1 - t0) / 1000).toFixed(2).padStart(8)}s ${((t2 - t1) / 1000).toFixed(2).padStart(7)}s`,
    );
  }
  const best = BASELINES.reduce((a, b) => (scores[b].bpc < scores[a].bpc ? b : a));
  return { ...scores, best, val_chars: valChars, val_tokens: val.length, train_tokens: train.length };
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const dataDir = resolve(process.argv[2] ?? join(root, 'models/build/data'));
  const outFile = resolve(process.argv[3] ?? join(root, 'models/build/baselines.json'));
  const start = performance.now();
  const meta = JSON.parse(readFileSync(join(dataDir, 'meta.json'), 'utf8')) as Meta;
  const V = meta.vocab_size;
  const train = readTokens(join(dataDir, 'train.bin'), V);
  const val = readTokens(join(dataDir, 'val.bin'), V);
  for (const [split, ids] of [
    ['train', train],
    ['val', val],
  ] as const) {
    if (ids.length !== meta[split].tokens)
      throw new Error(`${split}.bin has ${ids.length} tokens, meta.json says ${meta[split].tokens}`);
  }
  console.log(`baselines: V = ${V}, train ${train.length} tokens, val ${val.length} tokens / ${meta.val.chars} chars`);
  console.log('model        bpc  nats/tok  ppl/tok    train   score');
  const report = runBaselines(train, val, V, meta.val.chars, (line) => console.log(line));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
  console.log(`best: ${report.best}; wrote ${outFile} in ${((performance.now() - start) / 1000).toFixed(1)}s`);
}

if (import.meta.main) main();
