// The convnet's model card: public/models/convnet.json, read by the widget for shapes, class names and file
// names, and by readers for what the model is, what it was trained on and how well it does.
// Reads the training log and the dataset's meta.json (models/build/), and the sizes of the shipped files.
// The object is checked against the type the widget validates (ConvnetCard, widgets/models/convnet/card.ts).
import { writeFileSync } from 'node:fs';
import { bytes, read, round, stepTimings } from '../card-files.ts';
import type { ConvnetCard } from '../../widgets/models/convnet/card.ts';

const FIXTURE = 'models/fixtures/convnet-fixture.json';

const meta = read('models/build/drawings/meta.json');
const log = read('models/build/convnet-train-log.json');
const timings = stepTimings();
const cfg = log.config;
const channels: number[] = cfg.channels;
const classes: string[] = cfg.classes;
const size: number = cfg.size;
if (log.quick) throw new Error('convnet-train-log.json is from a --quick run; train for real before writing the card');
if (JSON.stringify(meta.classes) !== JSON.stringify(classes)) throw new Error('meta.json and the training log disagree on the classes');

const blocks = channels.map((c, i) => ({
  name: `block${i + 1}`,
  conv: '3×3, padding 1, stride 1',
  in_channels: i === 0 ? 1 : channels[i - 1]!,
  channels: c,
  activation: 'ReLU',
  pool_after: i < channels.length - 1 ? '2×2 max, stride 2' : null,
  output: [c, size >> i, size >> i],
  receptive_field: cfg.receptive_fields[i] as number,
  jump: cfg.jumps[i] as number,
}));

const card = {
  name: 'convnet',
  task: `classify a ${size}×${size} one-channel drawing (ink = 1, paper = 0) into ${classes.length} classes${meta.task === 'hard' ? ', among stray strokes and partly hidden behind an occluder (the hard drawing task)' : ''}`,
  architecture: {
    type: 'plain convnet: four conv 3×3 → ReLU blocks, 2×2 max pooling after the first three, global average pooling, linear (no batch norm)',
    input: { name: 'image', dtype: 'float32', shape: ['B', 1, size, size], meaning: 'ink coverage in [0, 1], row 0 at the top' },
    blocks,
    head: `global average pooling over block${channels.length}'s ${size >> (channels.length - 1)}×${size >> (channels.length - 1)} map, linear ${channels.at(-1)} → ${classes.length}, softmax`,
    batch_norm: false,
    params: log.params as number,
    receptive_fields: { theoretical: cfg.receptive_fields, jumps: cfg.jumps, unit: 'input pixels, one unit of each block output before its pooling' },
  },
  bytes: {
    model: bytes('public/models/convnet.onnx'),
    measurements: bytes('public/models/convnet-measurements.json'),
  },
  training: {
    data: 'procedural drawings: widgets/convnet/drawings/ generates and rasterises them (the widget rasterises the reader’s sketch with the same code); node models/data/drawings.ts writes the dataset',
    task: meta.task ?? 'easy',
    counts: { train: meta.train.count, val: meta.val.count },
    data_seeds: { train: meta.train.seed, val: meta.val.seed },
    checkpoints: log.checkpoints ?? [],
    seed: log.seed,
    augmentation: log.augmentation,
    epochs: log.hyperparameters.epochs,
    steps: log.steps,
    batch_size: log.hyperparameters.batch_size,
    optimizer: log.optimizer,
    hyperparameters: log.hyperparameters,
    seconds: Math.round(log.seconds),
    // One thread's CPU time: what the run costs on an idle core (wall-clock seconds grow with the machine's load).
    cpu_seconds: log.cpu_seconds == null ? null : Math.round(log.cpu_seconds),
    seconds_per_epoch: round(log.seconds_per_epoch, 1),
    curve: (log.epochs as { epoch: number; train_loss: number; val_loss: number; val_accuracy: number }[]).map((e) => ({
      epoch: e.epoch,
      train_loss: round(e.train_loss),
      val_loss: round(e.val_loss),
      val_accuracy: round(e.val_accuracy),
    })),
    torch: log.torch,
  },
  metrics: {
    val_accuracy: round(log.val_accuracy),
    val_loss: round(log.val_loss),
    per_class_accuracy: Object.fromEntries(classes.map((c) => [c, round(log.per_class_accuracy[c])])),
    confusion_matrix: { rows: 'true class', columns: 'predicted class', matrix: log.confusion.matrix as number[][] },
    class_names: classes,
    val_accuracy_clean: log.val_clean ? { count: log.val_clean.count, seed: log.val_clean.seed, accuracy: round(log.val_clean.accuracy) } : null,
    nearest_neighbour: { images: log.nearest_neighbour.images, accuracy: round(log.nearest_neighbour.accuracy), what: log.nearest_neighbour.what },
    val_accuracy_shifted_3px: round(log.val_accuracy_shifted_3px),
  },
  outputs: [
    ...blocks.map((b, i) => ({
      name: b.name,
      shape: ['B', ...b.output],
      meaning: `block ${i + 1}'s ReLU output before its pooling; one unit sees ${b.receptive_field}×${b.receptive_field} input pixels, neighbouring units are ${b.jump} px apart`,
    })),
    { name: 'probs', shape: ['B', classes.length], meaning: 'class probabilities (softmax of the logits), in the order of class_names' },
  ],
  files: {
    model: 'convnet.onnx',
    measurements: 'convnet-measurements.json',
  },
  // The fixture is for tests only: it lives in the repository, not beside the card.
  test_fixture: {
    path: FIXTURE,
    bytes: bytes(FIXTURE),
    meaning: 'repository path, not served with the site: the inputs and torch outputs that models/convnet/export.py stores, which the unit tests check the ONNX graph against (onnxruntime-web under Node)',
  },
  factory: {
    command: 'npm run models -- --from drawings --to convnet-card (drawings, convnet-train, convnet-train-seed2, convnet-export, convnet-measure, convnet-card)',
    step_seconds: timings.filter((t) => t.step === 'drawings' || t.step.startsWith('convnet-')),
  },
} satisfies ConvnetCard;

writeFileSync('public/models/convnet.json', JSON.stringify(card, null, 2) + '\n');
console.log(`convnet card: val accuracy ${card.metrics.val_accuracy}; ${card.architecture.params} parameters; onnx ${card.bytes.model} bytes`);
