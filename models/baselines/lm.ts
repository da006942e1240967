// The shared shape of every count-based baseline, the add-α unigram, and the one scoring rule
// (models/README.md, "Bits per character") that makes baselines and the transformer comparable.

/** A language model over token ids 0 … vocabSize − 1. */
export interface LanguageModel {
  readonly name: string;
  readonly vocabSize: number;
  /**
   * p(next token = w | tokens[0 … end)). Only the last (order − 1) tokens of the history matter; the
   * history is whatever precedes `end` in the same stream, `<|endoftext|>` included as an ordinary token
   * (the stream is continuous, exactly as the transformer sees it).
   */
  prob(tokens: ArrayLike<number>, end: number, w: number): number;
}

/** Every token stream in the factory: little-endian uint16 ids, read into numbers. */
export type TokenStream = ArrayLike<number>;

/** The whole conditional distribution after `tokens[0 … end)`; used by tests to check it sums to 1. */
export function distribution(model: LanguageModel, tokens: TokenStream, end = tokens.length): Float64Array {
  const p = new Float64Array(model.vocabSize);
  for (let w = 0; w < model.vocabSize; w++) p[w] = model.prob(tokens, end, w);
  return p;
}

/** Add-α unigram: (c(w) + α) / (N + αV), so every id, seen or not, has p > 0. */
export function trainUnigram(train: TokenStream, vocabSize: number, alpha = 1): LanguageModel {
  if (!(alpha > 0)) throw new Error(`unigram: alpha must be > 0, got ${alpha}`);
  const counts = new Float64Array(vocabSize);
  for (let i = 0; i < train.length; i++) counts[checkId(train[i], vocabSize)]++;
  const denom = train.length + alpha * vocabSize;
  const p = counts.map((c) => (c + alpha) / denom);
  return { name: 'unigram', vocabSize, prob: (_tokens, _end, w) => p[w] };
}

export interface Score {
  /** Σ −log₂ p over tokens 1 … T−1, divided by (chars − 1): models/README.md's definition. */
  bpc: number;
  /** The same sum in nats, divided by the T − 1 scored tokens. */
  nats_per_token: number;
  /** exp(nats_per_token): perplexity per token. */
  ppl: number;
}

/**
 * Scores a stream the README's way: the first token (the leading `<|endoftext|>`) is given, every later
 * token is predicted from all that precedes it in this stream; `chars` is meta.json's count for the split,
 * and its "− 1" removes the first separator, which is never predicted.
 */
export function scoreStream(model: LanguageModel, stream: TokenStream, chars: number): Score {
  if (stream.length < 2) throw new Error('scoreStream: need at least two tokens');
  if (!(chars > 1)) throw new Error(`scoreStream: chars must be > 1, got ${chars}`);
  let nats = 0;
  for (let i = 1; i < stream.length; i++) {
    const p = model.prob(stream, i, stream[i]);
    if (!(p > 0)) throw new Error(`${model.name}: p = ${p} at token ${i} (id ${stream[i]})`);
    nats -= Math.log(p);
  }
  const natsPerToken = nats / (stream.length - 1);
  return { bpc: nats / Math.LN2 / (chars - 1), nats_per_token: natsPerToken, ppl: Math.exp(natsPerToken) };
}

export function checkId(id: number, vocabSize: number): number {
  if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`token id ${id} outside 0…${vocabSize - 1}`);
  return id;
}
