/**
 * The convnet's model card (public/models/convnet.json, written by models/convnet/card.ts, whose object is
 * typed `satisfies ConvnetCard`): its type and validating loader. The widget's shapes are constants of the
 * contract (widgets/convnet/CONTRACT.md; BLOCK_CHANNELS, BLOCK_SIZES and CLASSES in contract.ts), so the loader checks the card
 * against them: a card of a retrained model with other widths or classes fails at build time with a message
 * naming the file and the field, rather than as a wrong figure.
 */
import { byteSizes, tensorSpecs, testFixtureRef, type TensorSpec, type TestFixtureRef } from '../transformer/card.ts';
import { JsonReader, field, finite, integer, list, nullable, object, positiveInteger, section, string } from '../../runtime/validate.ts';
import { BLOCK_CHANNELS, BLOCK_SIZES, CLASSES, IMAGE_SIZE, OUTPUT_NAMES } from './contract.ts';

export interface ConvnetBlock {
  name: string;
  conv: string;
  in_channels: number;
  channels: number;
  activation: string;
  pool_after: string | null;
  /** [channels, height, width] of the block's output before its pooling. */
  output: number[];
  receptive_field: number;
  jump: number;
}

export interface ConvnetCard {
  name: string;
  task: string;
  architecture: {
    type: string;
    input: TensorSpec;
    blocks: ConvnetBlock[];
    head: string;
    batch_norm: boolean;
    params: number;
    receptive_fields: { theoretical: number[]; jumps: number[]; unit: string };
  };
  /** Sizes in bytes of the files under `files` (null: missing when the card was written). */
  bytes: Record<string, number | null>;
  metrics: {
    val_accuracy: number;
    val_loss: number;
    per_class_accuracy: Record<string, number>;
    confusion_matrix: { rows: string; columns: string; matrix: number[][] };
    class_names: string[];
    // Written for readers and the essay; parseConvnetCard does not keep them.
    /** The same classes drawn without clutter or occluder (the hard task's clean validation set). */
    val_accuracy_clean?: { count: number; seed: number; accuracy: number } | null;
    /** 1-nearest neighbour on raw pixels over the first val images: what needs no learned feature. */
    nearest_neighbour?: { images: number; accuracy: number; what: string };
    val_accuracy_shifted_3px?: number;
  };
  outputs: TensorSpec[];
  /** File names beside the card, served with it. */
  files: Record<string, string>;
  test_fixture?: TestFixtureRef;
  // Written for readers of the card; parseConvnetCard does not keep them.
  training?: Record<string, unknown>;
  factory?: { command: string; step_seconds: { step: string; seconds: number }[] };
}

function boolean(r: JsonReader, v: unknown): boolean {
  if (typeof v !== 'boolean') r.fail(`must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function sameShape(a: readonly (number | string)[], b: readonly (number | string)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function block(r: JsonReader, v: unknown): ConvnetBlock {
  const o = object(r, v);
  return {
    name: field(r, o, 'name', string),
    conv: field(r, o, 'conv', string),
    in_channels: field(r, o, 'in_channels', positiveInteger),
    channels: field(r, o, 'channels', positiveInteger),
    activation: field(r, o, 'activation', string),
    pool_after: field(r, o, 'pool_after', nullable(string)),
    output: field(r, o, 'output', list(positiveInteger, 3)),
    receptive_field: field(r, o, 'receptive_field', positiveInteger),
    jump: field(r, o, 'jump', positiveInteger),
  };
}

/** Validates public/models/convnet.json against the widget's contract. Throws an Error naming the field. */
export function parseConvnetCard(json: unknown, file = 'convnet.json'): ConvnetCard {
  const r = new JsonReader(file);
  const o = object(r, json);

  const [ra, a] = section(r, o, 'architecture');
  const input = tensorSpecs(ra.at('input'), [a.input])[0]!; // one spec, read as a list of one
  const inputShape = ['B', 1, IMAGE_SIZE, IMAGE_SIZE];
  if (input.name !== 'image' || !sameShape(input.shape, inputShape)) {
    ra.at('input').fail(`must be "image" ${JSON.stringify(inputShape)}, got "${input.name}" ${JSON.stringify(input.shape)}`);
  }
  const blocks = field(ra, a, 'blocks', list(block, BLOCK_CHANNELS.length));
  blocks.forEach((b, i) => {
    const want = [BLOCK_CHANNELS[i]!, BLOCK_SIZES[i]!, BLOCK_SIZES[i]!];
    if (b.name !== OUTPUT_NAMES[i] || b.channels !== want[0] || !sameShape(b.output, want)) {
      ra.at('blocks').at(i).fail(`must be ${OUTPUT_NAMES[i]} with output ${JSON.stringify(want)} (CONTRACT.md), got ${b.name} ${JSON.stringify(b.output)}`);
    }
  });
  const [rr, rf] = section(ra, a, 'receptive_fields');
  const architecture: ConvnetCard['architecture'] = {
    type: field(ra, a, 'type', string),
    input,
    blocks,
    head: field(ra, a, 'head', string),
    batch_norm: field(ra, a, 'batch_norm', boolean),
    params: field(ra, a, 'params', positiveInteger),
    receptive_fields: {
      theoretical: field(rr, rf, 'theoretical', list(positiveInteger, blocks.length)),
      jumps: field(rr, rf, 'jumps', list(positiveInteger, blocks.length)),
      unit: field(rr, rf, 'unit', string),
    },
  };

  const [rm, m] = section(r, o, 'metrics');
  const classNames = field(rm, m, 'class_names', list(string));
  if (!sameShape(classNames, CLASSES)) rm.at('class_names').fail(`must be ${JSON.stringify(CLASSES)} (the drawings' classes), got ${JSON.stringify(classNames)}`);
  const pca = field(rm, m, 'per_class_accuracy', object);
  const [rc, cm] = section(rm, m, 'confusion_matrix');
  const metrics: ConvnetCard['metrics'] = {
    val_accuracy: field(rm, m, 'val_accuracy', finite),
    val_loss: field(rm, m, 'val_loss', finite),
    per_class_accuracy: Object.fromEntries(classNames.map((c) => [c, field(rm.at('per_class_accuracy'), pca, c, finite)])),
    confusion_matrix: {
      rows: field(rc, cm, 'rows', string),
      columns: field(rc, cm, 'columns', string),
      matrix: field(rc, cm, 'matrix', list(list(integer, classNames.length), classNames.length)),
    },
    class_names: classNames,
  };

  const outputs = field(r, o, 'outputs', tensorSpecs);
  const expected: (number | string)[][] = [...blocks.map((b) => ['B', ...b.output]), ['B', CLASSES.length]];
  if (!sameShape(outputs.map((s) => s.name), OUTPUT_NAMES)) r.at('outputs').fail(`must be ${OUTPUT_NAMES.join(', ')} in that order, got ${outputs.map((s) => s.name).join(', ')}`);
  outputs.forEach((s, i) => {
    if (!sameShape(s.shape, expected[i]!)) r.at('outputs').at(i).fail(`(${s.name}) has shape ${JSON.stringify(s.shape)}, expected ${JSON.stringify(expected[i])}`);
  });

  const fo = field(r, o, 'files', object);
  const files = Object.fromEntries(Object.keys(fo).map((k) => [k, field(r.at('files'), fo, k, string)]));
  if (files.model === undefined) r.at('files').fail('must name the model');

  const card: ConvnetCard = {
    name: field(r, o, 'name', string),
    task: field(r, o, 'task', string),
    architecture,
    bytes: field(r, o, 'bytes', byteSizes),
    metrics,
    outputs,
    files,
  };
  if (o.test_fixture !== undefined) card.test_fixture = field(r, o, 'test_fixture', testFixtureRef);
  return card;
}
