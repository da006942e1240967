/**
 * Every number the transformer essays state, read from the files `npm run models` writes (the model card and
 * the measurements in public/models/). Essays import `n` and write {n.valBpc}; retraining the model updates the
 * prose with it, and test/unit/essays/transformer-claims.test.ts checks that the qualitative claims around the numbers
 * still hold.
 */
import card from '../../public/models/transformer.json';
import measurements from '../../public/models/transformer-measurements.json';
import { parseMeasurements } from '../../widgets/models/transformer/measurements.ts';
import { describeHeads, type HeadKind } from '../../widgets/models/transformer/head-labels.ts';

const us = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fixed = (x: number, digits: number) => x.toFixed(digits);
const percent = (x: number, digits = 0) => `${(100 * x).toFixed(digits)}%`;

type Heads = (typeof measurements.attention.layers)[number]['heads'];
const att = measurements.attention;
const uniform = att.uniform;
const layerMeans = att.layers.map((l) => l.mean_over_heads);
const probes = measurements.probes;
const lens = measurements.logit_lens.layers;
const base = card.metrics.baselines;

/** Per block (1-based in prose): mean attention distance without the first token, over the block's heads. */
const reach = layerMeans.map((m) => m.mean_distance_excl_first);
const headsIn = (layer: number): Heads => att.layers[layer - 1]!.heads;
const headReach = (layer: number) => headsIn(layer).map((h) => h.mean_distance_excl_first);

// The heads of each layer by the same labels the attention explorer shows (widgets/models/transformer/head-labels.ts).
const heads = describeHeads(parseMeasurements(measurements));
const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
const KIND_ORDER: HeadKind[] = ['near-uniform', 'broad', 'mid-range', 'local', 'previous-token', 'first-token', 'self'];
const KIND_WORDS: Record<HeadKind, string> = {
  'near-uniform': 'near-uniform',
  broad: 'broad',
  'mid-range': 'mid-range',
  local: 'local',
  'previous-token': 'previous-token',
  'first-token': 'first-token',
  self: 'self-attending',
};

/** "three near-uniform heads and one mid-range head" for a block (1-based). */
function headMix(layer: number): string {
  const inLayer = heads.filter((h) => h.layer === layer);
  const parts = KIND_ORDER.map((kind) => [kind, inLayer.filter((h) => h.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${WORDS[count] ?? count} ${KIND_WORDS[kind]} head${count === 1 ? '' : 's'}`);
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** How many heads of a block (1-based) have a given label. */
export const headKinds = (layer: number, kind: HeadKind) => heads.filter((h) => h.layer === layer && h.kind === kind).length;

const PROBE_NAMES: Record<string, string> = {
  upos: 'part of speech',
  chunk: 'noun-phrase chunk',
  sentpos: 'position in the sentence',
  genre: 'genre',
};

function probeOrder(): string {
  const ranked = Object.keys(PROBE_NAMES)
    .map((label) => ({ label, e: (probes as Record<string, { expected_layer_clipped?: number | null }>)[label]?.expected_layer_clipped }))
    .filter((x): x is { label: string; e: number } => typeof x.e === 'number')
    .sort((a, b) => a.e - b.e)
    .map(({ label, e }) => `${PROBE_NAMES[label]} (${e.toFixed(2)})`);
  return `word start first (it is read from the embeddings), then ${ranked.slice(0, -1).join(', ')} and ${ranked.at(-1)}`;
}

export const n = {
  // the model
  layers: String(card.architecture.layers),
  heads: String(card.architecture.heads),
  headsTotal: String(card.architecture.layers * card.architecture.heads),
  dModel: String(card.architecture.d_model),
  headDim: String(card.architecture.head_dim),
  dMlp: String(card.architecture.d_mlp),
  context: String(card.architecture.context),
  vocab: us(card.architecture.vocab_size),
  params: us(card.architecture.params),
  // GPT-2 small: 124M parameters (Radford et al. 2019, the smallest of its four sizes)
  gpt2SmallRatio: us(Math.round(124e6 / card.architecture.params / 5) * 5),
  modelMB: fixed(card.bytes.model / 1e6, 1),
  tokensPerWord: fixed(card.tokenizer.tokens_per_word, 2),
  /** How many words of Brown text the context holds, on average. */
  windowWords: fixed(card.architecture.context / card.tokenizer.tokens_per_word, 0),
  trainDocs: card.training.split.match(/(\d+) train/)?.[1] ?? '',
  valDocs: card.training.split.match(/(\d+) validation/)?.[1] ?? '',
  trainTokens: us(card.training.tokens.train),
  valTokens: us(card.training.tokens.val),
  trainMinutes: fixed(card.training.seconds / 60, 0),
  epochs: fixed(card.training.epochs, 1),

  // quality, in bits per character on the validation documents
  valBpc: fixed(card.metrics.val_bpc, 3),
  unigramBpc: fixed(base.unigram.bpc, 3),
  bigramBpc: fixed(base.bigram.bpc, 3),
  kn3Bpc: fixed(base.kn3.bpc, 3),
  kn5Bpc: fixed(base.kn5.bpc, 3),
  beatsKn5: card.metrics.beats_best_baseline,

  // attention
  uniformReach: fixed(uniform.mean_distance_excl_first, 1),
  uniformEntropy: fixed(uniform.entropy, 2),
  reach: reach.map((r) => fixed(r, 1)),
  reachRatio: reach.map((r) => percent(r / uniform.mean_distance_excl_first)),
  headReachMin: [0, ...att.layers.map((_, i) => fixed(Math.min(...headReach(i + 1)), 1))],
  headReachMax: [0, ...att.layers.map((_, i) => fixed(Math.max(...headReach(i + 1)), 1))],
  entropy: layerMeans.map((m) => fixed(m.entropy, 2)),
  headMix: att.layers.map((_, i) => headMix(i + 1)),
  prevShare: layerMeans.map((m) => percent(m.prev_token_share)),
  firstShare: layerMeans.map((m) => percent(m.first_token_share, 1)),
  uniformFirstShare: percent(uniform.first_token_share, 1),
  distanceEntropyR: fixed(att.distance_entropy_r, 2),

  // probes (index = residual layer: 0 embedding, then after each block)
  probe: Object.fromEntries(
    Object.entries(probes).map(([label, p]) => [
      label,
      {
        acc: p.per_layer_acc.map((a) => percent(a, 1)),
        majority: percent(p.majority, 1),
        best: String((p as { best_layer: number }).best_layer),
        bestAcc: percent(p.per_layer_acc[(p as { best_layer: number }).best_layer]!, 1),
        bestSelectivity:
          'selectivity' in p ? percent((p.selectivity as number[])[(p as { best_layer: number }).best_layer]!, 1) : '',
        expected: 'expected_layer_clipped' in p && p.expected_layer_clipped != null ? fixed(p.expected_layer_clipped, 2) : '',
        selectivity: 'selectivity' in p ? (p.selectivity as number[]).map((s) => percent(s, 1)) : [],
      },
    ]),
  ) as Record<
    keyof typeof probes,
    { acc: string[]; majority: string; best: string; bestAcc: string; bestSelectivity: string; expected: string; selectivity: string[] }
  >,

  // the properties in the order of their expected layer (word start has none: it is best at layer 0)
  probeOrder: probeOrder(),

  // logit lens: KL(final ‖ layer) in nats, and how often the layer's top token is the final one
  lensKl: lens.map((l) => fixed(l.kl, 2)),
  lensTop1: lens.map((l) => percent(l.top1_agreement)),

  // what the statistics were computed on
  attentionPositions: us(att.positions_averaged),
  probeTokens: us(measurements.data.val.probe_tokens),
  minContext: String(measurements.data.min_context),
};
