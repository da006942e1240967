// Step "hier-card": public/models/hier-<run>.json, the card of the ladder model the live ladder figure runs
// (widgets/models/hier/card.ts). Typed `satisfies HierCard`, so a renamed or dropped field is a type error here
// rather than a broken figure. Numbers come from the training log, the probe file and the measurements file.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { HierCard, HierProbeFile } from '../../widgets/models/hier/card.ts';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const bytes = (path: string) => (existsSync(path) ? statSync(path).size : null);

const exp = read('models/build/hier/export.json') as { run: string; onnx: string; fixture: string; outputs: string[] };
const log = read(`models/build/hier/ladder/${exp.run}.log.json`);
const ladder = read('models/build/hier/ladder/train-log.json').config;
const probesFile = `public/models/hier-${exp.run}-probes.json`;
const probes = read(probesFile) as HierProbeFile;
const measurementsFile = 'public/models/hier-ladder-measurements.json';
const measured = existsSync(measurementsFile) ? read(measurementsFile).runs.find((r: { run: string }) => r.run === exp.run) : null;
const L = log.depth as number;
const d = ladder.d_model as number;
const V = read('models/build/hier/meta.json').vocab_size as number;

const card = {
  name: `hier-${exp.run}`,
  task: 'next-piece prediction on the generated language with a known hierarchy (widgets/models/hier-language/)',
  run: exp.run,
  architecture: { type: 'GPT (pre-LayerNorm, tied unembedding, learned positions): models/transformer/model.py', layers: L, d_model: d, n_head: ladder.n_head, context: ladder.block_size, vocab_size: V, params: log.params },
  inputs: [{ name: 'input_ids', dtype: 'int64', shape: [1, 'T'], meaning: `piece ids (widgets/models/hier-language/vocab.ts), 1 ≤ T ≤ ${ladder.block_size}` }],
  outputs: [
    { name: 'logits', shape: [1, 'T', V], meaning: 'next-piece logits after every position' },
    ...Array.from({ length: L + 1 }, (_, l) => ({ name: `resid${l}`, shape: [1, 'T', d], meaning: l === 0 ? 'the residual stream after the embeddings and positions' : `the residual stream after block ${l}` })),
  ],
  files: { model: exp.onnx.replace('public/models/', ''), probes: probesFile.replace('public/models/', ''), measurements: measurementsFile.replace('public/models/', '') },
  bytes: { model: bytes(exp.onnx), probes: bytes(probesFile) },
  metrics: {
    val_loss: log.val_loss,
    // the committed measurements' val loss for this run: the reproducibility check of a retrain
    measured_val_loss: measured?.val_loss ?? null,
    probe_accuracy: Object.fromEntries(Object.entries(probes.labels).map(([k, p]) => [k, p.layers.map((l) => l.accuracy)])),
  },
  training: { seed: log.seed, steps: log.steps, tokens_seen: log.tokens_seen, seconds: log.train_seconds, torch: read('models/build/hier/ladder/train-log.json').torch, config: 'models/hier/config.py' },
  test_fixture: { path: exp.fixture, bytes: bytes(exp.fixture), meaning: 'repository path, not served with the site: the inputs and torch outputs models/hier/export.py stores, which test/unit/ladder-live/onnx.test.ts checks the graph against (onnxruntime-web under Node)' },
} satisfies HierCard;

writeFileSync(`public/models/hier-${exp.run}.json`, JSON.stringify(card, null, 2) + '\n');
const diff = measured ? Math.abs(log.val_loss - measured.val_loss) : null;
console.log(`hier card: ${exp.run}, ${log.params.toLocaleString('en')} parameters, val loss ${log.val_loss} (measurements file: ${measured?.val_loss ?? '?'}, |diff| ${diff ?? '?'})`);
