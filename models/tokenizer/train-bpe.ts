/**
 * Step "tokenizer" of the factory (models/README.md): learns byte-level BPE merges from the TRAIN
 * split of models/build/corpus.json and writes public/models/tokenizer.json. Validation text is
 * never seen while learning; it only measures the result (tokens per word, written to
 * models/build/tokenizer-report.json and printed).
 *
 *   node models/tokenizer/train-bpe.ts [--corpus models/build/corpus.json]
 *        [--out public/models/tokenizer.json] [--vocab 2048] [--report models/build/tokenizer-report.json]
 *
 * Deterministic: the same corpus gives a byte-identical file (learn-bpe.ts breaks ties by id).
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { BpeTokenizer } from '../../widgets/runtime/tokenizer/bpe.ts';
import { trainTokenizer } from './learn-bpe.ts';

// V = 2048: 256 bytes + 1,791 merges + <|endoftext|>. Measured on Brown (see the report): common
// words become one token while rarer ones split into a few visible pieces, which is what the
// essays show; the ids also keep the embedding table small for a tiny model.
const DEFAULT_VOCAB = 2048;

interface Doc {
  split: 'train' | 'val';
  text: string;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'models/build/corpus.json' },
    out: { type: 'string', default: 'public/models/tokenizer.json' },
    vocab: { type: 'string', default: String(DEFAULT_VOCAB) },
    report: { type: 'string', default: 'models/build/tokenizer-report.json' },
  },
});

if (!existsSync(values.corpus)) {
  console.error(`${values.corpus} is missing: run the corpus step first (node models/data/brown.ts)`);
  process.exit(1);
}
const docs = (JSON.parse(readFileSync(values.corpus, 'utf8')) as { documents: Doc[] }).documents;
const train = docs.filter((d) => d.split === 'train').map((d) => d.text);
const val = docs.filter((d) => d.split === 'val').map((d) => d.text);

const t0 = performance.now();
const tok = trainTokenizer(train, Number(values.vocab));
const learnMs = performance.now() - t0;

// Compact on purpose: one line of merges (~20 KB), no vocab strings (they derive from the merges).
const json = tok.toJSON();
const text = `{"type":${JSON.stringify(json.type)},"vocab_size":${json.vocab_size},"eot_id":${json.eot_id},` +
  `"pretokenizer":${JSON.stringify(json.pretokenizer)},\n"merges":${JSON.stringify(json.merges)}}\n`;
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, text);

const report = measure(tok, val, train, learnMs, text.length);
mkdirSync(dirname(values.report), { recursive: true });
writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
console.log(
  `tokenizer: V=${tok.vocabSize}, ${json.merges.length} merges learned in ${(learnMs / 1000).toFixed(1)} s, ` +
    `${text.length} bytes -> ${values.out}\n` +
    `  val: ${report.val.tokens_per_word.toFixed(3)} tokens/word, ${report.val.chars_per_token.toFixed(2)} chars/token, ` +
    `${report.val.single_token_word_share.toFixed(3)} of words are one token\n` +
    `  encode speed: ${Math.round(report.encode_tokens_per_s).toLocaleString('en')} tokens/s (CPU time, fresh cache, whole corpus)\n` +
    `  common: ${report.common_words.map((w) => w.pieces.join('+')).join('  ')}\n` +
    `  rarer:  ${report.rarer_words.map((w) => w.pieces.join('+')).join('  ')}`,
);

/** Tokens per whitespace-separated word on validation text, plus example splits for the report. */
function measure(tok: BpeTokenizer, texts: string[], train: string[], learnMs: number, bytes: number) {
  const all = texts.join('\n');
  const tokens = tok.encode(all).length;
  // Speed on the whole corpus with a fresh cache, in CPU time (wall time varies with machine load).
  const everything = train.concat(texts).join('\n');
  const fresh = BpeTokenizer.fromJSON(tok.toJSON());
  const cpu0 = process.cpuUsage();
  const speedTokens = fresh.encode(everything).length;
  const encodeS = process.cpuUsage(cpu0).user / 1e6;
  const words = all.split(/\s+/).filter(Boolean);
  // Words for the examples: letter runs, with a contraction or possessive kept on ("Atlanta's").
  const freq = new Map<string, number>();
  for (const m of all.matchAll(/\p{L}+(?:'\p{L}+)?/gu)) freq.set(m[0], (freq.get(m[0]) ?? 0) + 1);
  const ranked = [...freq].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  const split = (w: string) => {
    const ids = tok.encode(' ' + w); // as it appears mid-sentence, with its leading space
    return { word: w, count: freq.get(w) ?? 0, pieces: ids.map((id) => tok.tokenText(id)) };
  };
  let single = 0;
  for (const [w, c] of freq) if (tok.encode(' ' + w).length === 1) single += c;
  const letterWords = [...freq.values()].reduce((a, b) => a + b, 0);
  // "Rarer" words: a deterministic sample of words seen 2–5 times in validation text.
  const rare = ranked.filter(([w, c]) => c >= 2 && c <= 5 && w.length >= 6);
  const step = Math.max(1, Math.floor(rare.length / 20));
  return {
    vocab_size: tok.vocabSize,
    learn_seconds: learnMs / 1000,
    file_bytes: bytes,
    val: {
      words: words.length,
      tokens,
      tokens_per_word: tokens / words.length,
      chars_per_token: all.length / tokens,
      single_token_word_share: single / letterWords,
    },
    encode_tokens_per_s: speedTokens / encodeS,
    encode_words_per_s: everything.split(/\s+/).length / encodeS,
    common_words: ranked.slice(0, 20).map(([w]) => split(w)),
    rarer_words: rare.filter((_, i) => i % step === 0).slice(0, 20).map(([w]) => split(w)),
  };
}
