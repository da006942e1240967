// `npm run models`: rebuild every artifact in public/models/ (and the test fixtures in models/fixtures/) from
// nothing, timing each step.
//   npm run models                     all steps
//   npm run models -- --from train     resume at a step
//   npm run models -- --only card      one step
//   npm run models -- --from drawings --to convnet-card   the convnet's steps only
//   npm run models -- --from confusion --to scaling-fits  the scaling essay's steps only (need corpus and encode)
//   --to STEP stops after STEP (with --from, or alone: every step up to it)
// After a full run it compares the new metrics with the committed model card (the reproducibility check); a run
// that writes the convnet's card compares its accuracy with the committed one, and so on for the depth ladder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { TOLERANCE, compareMetrics, type CardMetrics } from './repro.ts';

const node = process.execPath;
const python = pickPython();
const steps: { name: string; cmd: string[]; why: string }[] = [
  { name: 'corpus', cmd: [node, 'models/data/brown.ts'], why: 'parse the Brown Corpus, split by document' },
  { name: 'tokenizer', cmd: [node, 'models/tokenizer/train-bpe.ts'], why: 'learn the byte-level BPE merges' },
  { name: 'encode', cmd: [node, 'models/data/encode.ts'], why: 'token streams and probe labels' },
  { name: 'baselines', cmd: [node, 'models/baselines/ngram.ts'], why: 'unigram, bigram, Kneser–Ney n-grams' },
  { name: 'train', cmd: [python, 'models/transformer/train.py'], why: 'train the transformer' },
  { name: 'export', cmd: [python, 'models/transformer/export.py'], why: 'ONNX graphs and the fixture' },
  { name: 'measure', cmd: [python, 'models/transformer/measure.py'], why: 'probes, attention, logit lens' },
  { name: 'measure-dezoom', cmd: [python, 'models/transformer/measure_dezoom.py'], why: "the depth ladder's measurements on this model: effective context, genre beside a bag of embeddings, POS by word pieces, sentence position" },
  // Last of the transformer's, so that it can report the other steps' timings.
  { name: 'card', cmd: [node, 'models/card.ts'], why: 'the model card' },
  // The convnet of "Edges, corners, cars" (widgets/convnet/CONTRACT.md); its card is the last step, for the same reason.
  { name: 'drawings', cmd: [node, 'models/data/drawings.ts'], why: 'the procedural drawings dataset' },
  { name: 'convnet-train', cmd: [python, 'models/convnet/train.py'], why: 'train the convnet' },
  // The same network from another start (the data order and shifts unchanged): the measurements give every
  // trained-side number over both, so a finding can be told from one initialisation's accident. Its initial
  // weights are those of measure.py's second untrained network (torch seed 100), which it checks.
  { name: 'convnet-train-seed2', cmd: [python, 'models/convnet/train.py', '--init-seed', '100', '--name', 'convnet-seed2', '--checkpoints', ''], why: 'train the convnet again from a second initialisation' },
  { name: 'convnet-export', cmd: [python, 'models/convnet/export.py'], why: 'ONNX graph and the fixture' },
  { name: 'convnet-measure', cmd: [python, 'models/convnet/measure.py'], why: 'kernels, top patches, receptive fields' },
  { name: 'convnet-card', cmd: [node, 'models/convnet/card.ts'], why: 'the convnet model card' },
  // The depth ladder of "Why stack layers" (issue 13, models/hier/README.md): a generated language with a known
  // hierarchy, transformers of depth 1–6 at one width, and the measurements the dezoom map shows.
  { name: 'hier-data', cmd: [node, 'models/data/hier-language.ts'], why: 'the generated language and its bag-of-tokens controls' },
  { name: 'hier-train', cmd: [python, 'models/hier/train.py'], why: 'train the depth ladder' },
  { name: 'hier-measure', cmd: [python, 'models/hier/measure.py'], why: 'loss by scale, probes, span probes, effective context' },
  // The live ladder figure (widgets/ladder-live/) runs one rung, depth 3 (the essay's turning point), in the browser.
  { name: 'hier-export', cmd: [python, 'models/hier/export.py'], why: 'the live ladder model (L3-s1) as ONNX with per-layer residuals, and its fixture' },
  { name: 'hier-probes', cmd: [python, 'models/hier/probes.py'], why: "the per-layer scale probes' weights the live ladder applies in the browser" },
  { name: 'hier-card', cmd: [node, 'models/hier/card.ts'], why: 'the live ladder model card (val loss beside the measurements file’s)' },
  // "The bitter lesson at toy scale" (models/scaling/README.md): learning curves and the size × data sweep. They
  // read the corpus and the token streams of the steps above; their logs go to public/models/scaling/.
  { name: 'confusion', cmd: [node, 'models/confusion/curves.ts'], why: "Banko & Brill's confusion-set learning curves" },
  // The shipped transformer as a fourth learner: its test examples as token ids (checking that the held-out
  // documents are the ones it never trained on), its log-probabilities per candidate, then the same statistics.
  { name: 'confusion-lm-items', cmd: [node, 'models/confusion/lm-items.ts'], why: 'the confusion test examples as token sequences, one per candidate' },
  { name: 'confusion-lm', cmd: [python, 'models/confusion/lm_score.py'], why: "the transformer's log-probability of each candidate" },
  { name: 'confusion-lm-log', cmd: [node, 'models/confusion/lm-log.ts'], why: 'the transformer as a confusion-set learner: accuracy per set and macro' },
  { name: 'sweep-data', cmd: [node, 'models/sweep/data.ts'], why: 'nested fractions of Brown train for the sweep' },
  { name: 'sweep-ngram', cmd: [node, 'models/sweep/ngram.ts'], why: 'Kneser–Ney orders 2–5 at every fraction' },
  // Resumable: runs already in public/models/scaling/transformer.json are kept. The whole plan is about 80 minutes
  // on the idle 2-core machine (the log's estimate); models/sweep/README.md shows how to run a part of it.
  { name: 'sweep-transformer', cmd: [node, 'models/sweep/transformer.ts'], why: 'the transformer sizes × fractions' },
  { name: 'sweep-clever', cmd: [node, 'models/sweep/clever-sweep.ts'], why: 'the hand-made-feature model at every fraction' },
  { name: 'scaling-fits', cmd: [node, 'models/scaling/step.ts'], why: 'power laws, compute optimum, crossover' },
  // "Remembering the cat" (essay 6): the long-range tasks' filler (widgets/runtime/memory-tasks/).
  { name: 'memory-filler', cmd: [node, 'models/data/memory-filler.ts'], why: 'Brown filler sentences for the long-range tasks' },
  // train.py's default: 4,000 steps, 16.4 M tokens (≈ 22 CPU-min over 2 processes; models/lstm/README.md).
  { name: 'lstm-train', cmd: [python, 'models/lstm/train.py'], why: 'train the LSTM (the transformer\'s size)' },
  { name: 'lstm-export', cmd: [python, 'models/lstm/export.py'], why: 'ONNX graphs with every state, and the fixture' },
  { name: 'lstm-export-check', cmd: [python, 'models/lstm/export.py', '--export-check'], why: 'the export path on a tiny seeded LSTM (test fixture)' },
  { name: 'lstm-card', cmd: [node, 'models/lstm/card.ts'], why: 'the LSTM model card' },
  { name: 'memory-tasks', cmd: [node, 'models/memory/tasks.ts'], why: 'the long-range task set (examples and twins)' },
  { name: 'memory-recall', cmd: [python, 'models/memory/recall.py'], why: 'recall accuracy against distance, both models' },
  { name: 'memory-forgetting', cmd: [python, 'models/memory/forgetting.py'], why: 'the forgetting curve: a linear probe from the vector at t to the token at t − d' },
  { name: 'memory-attention', cmd: [python, 'models/memory/attention.py'], why: 'the transformer\'s attention to the fact on the task set' },
  { name: 'memory-context', cmd: [python, 'models/memory/context.py'], why: 'context use on Brown: loss when the far context is dropped, shuffled or replaced (Khandelwal et al. 2018)' },
  // Issue 16, point 3: both architectures at equal parameters (≈ 297 k) trained on text where recall pays, so
  // the recall-vs-distance curve can tell LSTM memory from attention (models/memory/TASK-RESULTS.md). Each
  // training run is 300 steps of 4,096 tokens (time: TASK-RESULTS.md; tens of minutes on the loaded 2-core machine).
  { name: 'memory-train-docs', cmd: [node, 'models/memory/train-docs.ts'], why: 'training documents with facts and their recalls (seeds the test set never uses)' },
  { name: 'memory-task-transformer', cmd: [python, 'models/memory/task_train.py', '--arch', 'transformer', '--seed', '1'], why: 'a transformer with a 1,024-token context, trained on the recall documents' },
  { name: 'memory-task-lstm', cmd: [python, 'models/memory/task_train.py', '--arch', 'lstm', '--seed', '1'], why: 'an LSTM of the same parameter count, trained on the same documents' },
  { name: 'memory-task-recall', cmd: [python, 'models/memory/task_recall.py', '--seeds', '1', '--limit', '16'], why: 'recall accuracy against distance for both task-trained models, on the held-out test set' },
];

function pickPython(): string {
  const candidates = [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const p of candidates) {
    if (spawnSync(p, ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0) return p;
  }
  return candidates[0] ?? 'python3';
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('--only');
const from = flag('--from');
const to = flag('--to');
const names = steps.map((s) => s.name);
for (const n of [only, from, to]) {
  if (n && !names.includes(n)) {
    console.error(`Unknown step "${n}". Steps: ${names.join(', ')}`);
    process.exit(2);
  }
}
const first = from ? names.indexOf(from) : 0;
const last = to ? names.indexOf(to) : steps.length - 1;
if (!only && last < first) {
  console.error(`--to ${to} comes before --from ${from}.`);
  process.exit(2);
}
const selected = only ? steps.filter((s) => s.name === only) : steps.slice(first, last + 1);

const cardPath = 'public/models/transformer.json';
const before: CardMetrics | undefined = existsSync(cardPath) ? JSON.parse(readFileSync(cardPath, 'utf8')).metrics : undefined;

// The convnet's rebuild check: one thread and a seeded data order make training repeatable on one
// machine; the tolerance allows for other CPUs' float summation order.
const convnetCardPath = 'public/models/convnet.json';
const CONVNET_ACCURACY_TOLERANCE = 0.005;
const convnetBefore: number | undefined = existsSync(convnetCardPath) ? JSON.parse(readFileSync(convnetCardPath, 'utf8')).metrics.val_accuracy : undefined;

// The LSTM's rebuild check: seeded and one thread per process, like the transformer, so the same tolerance.
const lstmCardPath = 'public/models/lstm.json';
const lstmBefore: number | undefined = existsSync(lstmCardPath) ? JSON.parse(readFileSync(lstmCardPath, 'utf8')).metrics.val_bpc : undefined;

// The ladder's rebuild check: each run's validation loss against the committed measurements file.
const ladderPath = 'public/models/hier-ladder-measurements.json';
const LADDER_LOSS_TOLERANCE = 0.02;
const ladderBefore: { run: string; val_loss: number }[] | undefined = existsSync(ladderPath) ? JSON.parse(readFileSync(ladderPath, 'utf8')).runs : undefined;

const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', PYTHONHASHSEED: '0' };
const timingsPath = 'models/build/timings.json';
const timings: { step: string; seconds: number }[] = [];
mkdirSync('models/build', { recursive: true });
// Earlier timings are kept for steps not re-run, so the card (the last step) can report every step.
const recorded: Record<string, number> = existsSync(timingsPath)
  ? Object.fromEntries((JSON.parse(readFileSync(timingsPath, 'utf8')) as typeof timings).map((t) => [t.step, t.seconds]))
  : {};
const saveTimings = () =>
  writeFileSync(timingsPath, JSON.stringify(names.filter((n) => n in recorded).map((n) => ({ step: n, seconds: recorded[n] })), null, 2));
for (const step of selected) {
  console.log(`\n=== ${step.name}: ${step.why}\n$ ${step.cmd.join(' ')}`);
  const t0 = performance.now();
  const r = spawnSync(step.cmd[0]!, step.cmd.slice(1), { stdio: 'inherit', env });
  const seconds = (performance.now() - t0) / 1000;
  timings.push({ step: step.name, seconds: Math.round(seconds * 10) / 10 });
  recorded[step.name] = Math.round(seconds * 10) / 10;
  if (r.status === 0) saveTimings();
  if (r.status !== 0) {
    console.error(`\nStep "${step.name}" failed (exit ${r.status ?? r.signal}) after ${seconds.toFixed(1)} s.`);
    if (step.cmd[0] === python) console.error(`Python used: ${python}. It needs torch and onnx (Debian: apt-get install python3-torch python3-onnx libopenblas0-pthread).`);
    process.exit(1);
  }
}
console.log('\nstep            seconds');
for (const t of timings) console.log(`${t.step.padEnd(20)}${t.seconds.toFixed(1).padStart(7)}`);
console.log(`${'total'.padEnd(20)}${timings.reduce((s, t) => s + t.seconds, 0).toFixed(1).padStart(7)}`);

if (!only && !from && !to && before && existsSync(cardPath)) {
  const after: CardMetrics = JSON.parse(readFileSync(cardPath, 'utf8')).metrics;
  const report = compareMetrics(before, after);
  console.log('\nReproducibility against the previously committed card:');
  for (const line of report.lines) console.log(`  ${line}`);
  if (!report.ok) process.exitCode = 1;
}

// Whenever the card is rewritten: from this run's training, or from the logs of a training run on its own
// (`--only convnet-train`, then `--from convnet-export --to convnet-card`), the card reads models/build.
if (convnetBefore !== undefined && selected.some((s) => s.name === 'convnet-card')) {
  const after: number = JSON.parse(readFileSync(convnetCardPath, 'utf8')).metrics.val_accuracy;
  const d = Math.abs(after - convnetBefore);
  const pass = d <= CONVNET_ACCURACY_TOLERANCE;
  console.log(`\nConvnet against the previously committed card:\n  ${pass ? 'ok  ' : 'FAIL'} val accuracy: ${convnetBefore.toFixed(4)} → ${after.toFixed(4)} (|Δ| ${d.toFixed(4)} ≤ ${CONVNET_ACCURACY_TOLERANCE})`);
  if (!pass) process.exitCode = 1;
}

if (lstmBefore !== undefined && selected.some((s) => s.name === 'lstm-card')) {
  const after: number = JSON.parse(readFileSync(lstmCardPath, 'utf8')).metrics.val_bpc;
  const d = Math.abs(after - lstmBefore);
  const pass = d <= TOLERANCE.model_bpc;
  console.log(`\nLSTM against the previously committed card:\n  ${pass ? 'ok  ' : 'FAIL'} val bpc: ${lstmBefore.toFixed(4)} → ${after.toFixed(4)} (|Δ| ${d.toFixed(4)} ≤ ${TOLERANCE.model_bpc})`);
  if (!pass) process.exitCode = 1;
}

if (ladderBefore && selected.some((s) => s.name === 'hier-train') && selected.some((s) => s.name === 'hier-measure')) {
  const after: { run: string; val_loss: number }[] = JSON.parse(readFileSync(ladderPath, 'utf8')).runs;
  console.log('\nDepth ladder against the previously committed measurements:');
  for (const b of ladderBefore) {
    const a = after.find((r) => r.run === b.run);
    const d = a ? Math.abs(a.val_loss - b.val_loss) : Infinity;
    const pass = d <= LADDER_LOSS_TOLERANCE;
    console.log(`  ${pass ? 'ok  ' : 'FAIL'} ${b.run} val loss: ${b.val_loss.toFixed(4)} → ${a ? a.val_loss.toFixed(4) : 'missing'} (|Δ| ≤ ${LADDER_LOSS_TOLERANCE})`);
    if (!pass) process.exitCode = 1;
  }
}
