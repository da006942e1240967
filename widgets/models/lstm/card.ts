/**
 * The LSTM's model card (public/models/lstm.json, written by models/lstm/card.ts, whose object is typed
 * `satisfies LstmCard`): its type and validating loader. Widgets read the state's shape (layers, d_model) and
 * the file names from here, never from constants; the loader checks the cross-field invariants they rely on
 * (the inputs and outputs the graph has, with shapes that agree with the architecture), so a malformed or
 * mismatched file fails at load with a message naming the file and the field.
 */
import { byteSizes, tensorSpecs, testFixtureRef, type TensorSpec, type TestFixtureRef } from '../transformer/card.ts';
import { JsonReader, field, finite, object, positiveInteger, section, string } from '../../runtime/validate.ts';

export interface LstmCard {
  name: string;
  task: string;
  architecture: {
    type: string;
    layers: number;
    /** Embedding width = hidden width = cell width. */
    d_model: number;
    /** Numbers the model carries from one token to the next: layers × 2 (h and c) × d_model. */
    state_size: number;
    vocab_size: number;
    params: number;
    /** The transformer's parameter count, for the equal-size comparison. */
    transformer_params: number | null;
  };
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  head: { file: string; inputs: TensorSpec[]; outputs: TensorSpec[] };
  tokenizer: { file: string; vocab_size: number; eot_id: number };
  /** File names beside the card, served with it. */
  files: Record<string, string>;
  /** Sizes in bytes of the files under `files` (null: missing when the card was written). */
  bytes: Record<string, number | null>;
  metrics: { val_bpc: number; val_nats_per_token: number; scoring: string; transformer_val_bpc: number | null };
  test_fixture?: TestFixtureRef;
  // Written for readers of the card; parseLstmCard does not keep them.
  training?: Record<string, unknown>;
  factory?: { command: string; step_seconds: { step: string; seconds: number }[] };
}

const INPUTS = ['input_ids', 'h0', 'c0'];
const OUTPUTS = ['logits', 'h', 'c'];

function nullable<T>(read: (r: JsonReader, v: unknown) => T) {
  return (r: JsonReader, v: unknown): T | null => (v === null ? null : read(r, v));
}

const same = (a: readonly (number | string)[], b: readonly (number | string)[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Validates public/models/lstm.json. Throws an Error naming the file and the field. */
export function parseLstmCard(json: unknown, file = 'lstm.json'): LstmCard {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [ra, a] = section(r, o, 'architecture');
  const architecture: LstmCard['architecture'] = {
    type: field(ra, a, 'type', string),
    layers: field(ra, a, 'layers', positiveInteger),
    d_model: field(ra, a, 'd_model', positiveInteger),
    state_size: field(ra, a, 'state_size', positiveInteger),
    vocab_size: field(ra, a, 'vocab_size', positiveInteger),
    params: field(ra, a, 'params', positiveInteger),
    transformer_params: field(ra, a, 'transformer_params', nullable(positiveInteger)),
  };
  const { layers: L, d_model: d, vocab_size: V } = architecture;
  if (architecture.state_size !== 2 * L * d) ra.at('state_size').fail(`must be 2 × layers × d_model = ${2 * L * d}, got ${architecture.state_size}`);

  const inputs = field(r, o, 'inputs', tensorSpecs);
  const outputs = field(r, o, 'outputs', tensorSpecs);
  const expected: Record<string, (number | string)[]> = {
    input_ids: [1, 'T'], h0: [L, 1, d], c0: [L, 1, d], logits: [1, V], h: [L, 1, 'T', d], c: [L, 1, 'T', d],
  };
  for (const [specs, names, key] of [[inputs, INPUTS, 'inputs'], [outputs, OUTPUTS, 'outputs']] as const) {
    if (!same(specs.map((s) => s.name), names)) r.at(key).fail(`must be ${names.join(', ')} in that order, got ${specs.map((s) => s.name).join(', ')}`);
    specs.forEach((s, i) => {
      if (!same(s.shape, expected[s.name]!)) r.at(key).at(i).fail(`(${s.name}) has shape ${JSON.stringify(s.shape)}, expected ${JSON.stringify(expected[s.name])}`);
    });
  }

  const [rh, h] = section(r, o, 'head');
  const head = { file: field(rh, h, 'file', string), inputs: field(rh, h, 'inputs', tensorSpecs), outputs: field(rh, h, 'outputs', tensorSpecs) };
  if (!same(head.inputs[0]?.shape ?? [], ['N', d]) || !same(head.outputs[0]?.shape ?? [], ['N', V])) rh.fail(`must map h ["N", ${d}] to logits ["N", ${V}]`);

  const [rt, t] = section(r, o, 'tokenizer');
  const tokenizer = { file: field(rt, t, 'file', string), vocab_size: field(rt, t, 'vocab_size', positiveInteger), eot_id: field(rt, t, 'eot_id', positiveInteger) };
  if (tokenizer.vocab_size !== V) rt.at('vocab_size').fail(`must equal architecture.vocab_size ${V}, got ${tokenizer.vocab_size}`);

  const fo = field(r, o, 'files', object);
  const files = Object.fromEntries(Object.keys(fo).map((k) => [k, field(r.at('files'), fo, k, string)]));
  for (const key of ['model', 'head', 'tokenizer']) if (files[key] === undefined) r.at('files').fail(`must name the ${key}`);

  const [rm, m] = section(r, o, 'metrics');
  const card: LstmCard = {
    name: field(r, o, 'name', string),
    task: field(r, o, 'task', string),
    architecture,
    inputs,
    outputs,
    head,
    tokenizer,
    files,
    bytes: field(r, o, 'bytes', byteSizes),
    metrics: {
      val_bpc: field(rm, m, 'val_bpc', finite),
      val_nats_per_token: field(rm, m, 'val_nats_per_token', finite),
      scoring: field(rm, m, 'scoring', string),
      transformer_val_bpc: field(rm, m, 'transformer_val_bpc', nullable(finite)),
    },
  };
  if (o.test_fixture !== undefined) card.test_fixture = field(r, o, 'test_fixture', testFixtureRef);
  return card;
}
