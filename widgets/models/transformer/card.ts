/**
 * The model card (public/models/transformer.json, written by models/card.ts): its types and validating
 * loader, and the check that the three artifacts describe the same model.
 *
 * Every shape a widget uses (layers, heads, d_model, head_dim, context, vocabulary) is read from
 * here, never from constants: the model is retrained, and a 6-layer file and a 4-layer file must
 * both load. The parsers check each field and the cross-field invariants the widgets rely on
 * (heads × head_dim = d_model, one probe per residual layer, …), so a malformed or mismatched file
 * fails at load with a message naming the file and the field. The other two artifacts have their
 * own loaders: measurements.ts and probe-file.ts.
 */

import { JsonReader, array, field, integer, object, positiveInteger, section, string } from '../../runtime/validate.ts';
import type { Measurements } from './measurements.ts';
import type { ProbeFile } from './probe-file.ts';

/** A tensor in the card: dimensions are numbers or symbolic names ('T' tokens, 'N' lens rows). */
export interface TensorSpec {
  name: string;
  shape: (number | string)[];
  meaning: string;
  dtype?: string;
}

export interface Architecture {
  type: string;
  layers: number;
  heads: number;
  d_model: number;
  head_dim: number;
  /** Longest input the model accepts, in tokens. */
  context: number;
  vocab_size: number;
  params: number | null;
  /** Width of the MLP's hidden layer (informational; not read by widgets). */
  d_mlp?: number;
}

/**
 * A test fixture the card points at (the exports' inputs and torch outputs). Not served with the site:
 * `path` is relative to the repository root (models/fixtures/…), not to the card.
 */
export interface TestFixtureRef {
  path: string;
  bytes: number | null;
  meaning: string;
}

export interface ModelCard {
  name: string;
  task: string;
  architecture: Architecture;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  lens: { file: string; inputs: TensorSpec[]; outputs: TensorSpec[] };
  /** Class names of each probe label, e.g. labels.upos = ['ADJ', …]. */
  labels: Record<string, string[]>;
  /** File names beside the card, served with it (model, lens, tokenizer, measurements, probes). */
  files: Record<string, string>;
  tokenizer: {
    file: string;
    vocab_size: number;
    eot_id: number;
    type?: string;
    tokens_per_word?: number | null;
    single_token_word_share?: number | null;
  };
  /** Sizes in bytes of the files under `files` (null: missing when the card was written), e.g. the download's progress total. */
  bytes?: Record<string, number | null>;
  test_fixture?: TestFixtureRef;
  // Written by models/card.ts for readers of the card and content/numbers/; parseModelCard does not keep them.
  training?: Record<string, unknown>;
  metrics?: {
    val_bpc: number;
    val_nats_per_token: number;
    scoring: unknown;
    baselines: Record<string, { bpc: number; nats_per_token: number }>;
    best_baseline: string;
    beats_best_baseline: boolean;
    bpc_definition: string;
  };
  factory?: { command: string; step_seconds: { step: string; seconds: number }[] };
}

export function tensorSpecs(r: JsonReader, v: unknown): TensorSpec[] {
  return array(r, v).map((item, i) => {
    const ri = r.at(i);
    const o = object(ri, item);
    const shape = field(ri, o, 'shape', array).map((s, k) => {
      if (typeof s === 'string' && s !== '') return s;
      return integer(ri.at('shape').at(k), s, 1);
    });
    const spec: TensorSpec = {
      name: field(ri, o, 'name', string),
      shape,
      meaning: o.meaning === undefined ? '' : field(ri, o, 'meaning', string),
    };
    if (o.dtype !== undefined) spec.dtype = field(ri, o, 'dtype', string);
    return spec;
  });
}

/** `bytes`: file key → size in bytes, or null for a file that was missing when the card was written. */
export function byteSizes(r: JsonReader, v: unknown): Record<string, number | null> {
  const o = object(r, v);
  return Object.fromEntries(Object.keys(o).map((k) => [k, o[k] === null ? null : field(r, o, k, integer)]));
}

/** `test_fixture`: a repository path (not served), its size and what it holds. */
export function testFixtureRef(r: JsonReader, v: unknown): TestFixtureRef {
  const o = object(r, v);
  const path = field(r, o, 'path', string);
  if (path.startsWith('/') || path.startsWith('public/')) r.at('path').fail(`must be a repository path outside public/ (fixtures are not served), got ${JSON.stringify(path)}`);
  return {
    path,
    bytes: o.bytes === null ? null : field(r, o, 'bytes', integer),
    meaning: o.meaning === undefined ? '' : field(r, o, 'meaning', string),
  };
}

function stringRecord(r: JsonReader, v: unknown): Record<string, string> {
  const o = object(r, v);
  return Object.fromEntries(Object.keys(o).map((k) => [k, field(r, o, k, string)]));
}

/**
 * The shape each output of transformer.onnx must have, from the architecture. `logits` is
 * [1, V] (next token after the last position) in current exports and [1, T, V] in older ones;
 * `v` is absent from older exports. Anything else in `outputs` is left alone.
 */
function expectedOutputShapes(a: Architecture): Record<string, (number | string)[][]> {
  const { layers: L, heads: H, d_model: d, head_dim: hd, vocab_size: V } = a;
  return {
    logits: [
      [1, V],
      [1, 'T', V],
    ],
    attn: [[L, 1, H, 'T', 'T']],
    resid: [[L + 1, 1, 'T', d]],
    q: [[L, 1, H, 'T', hd]],
    k: [[L, 1, H, 'T', hd]],
    v: [[L, 1, H, 'T', hd]],
  };
}

const REQUIRED_OUTPUTS = ['logits', 'attn', 'resid', 'q', 'k'];

/** Validates public/models/transformer.json. Throws an Error naming the field on any problem. */
export function parseModelCard(json: unknown, file = 'transformer.json'): ModelCard {
  const r = new JsonReader(file);
  const o = object(r, json);
  const [ra, a] = section(r, o, 'architecture');
  const architecture: Architecture = {
    type: a.type === undefined ? '' : field(ra, a, 'type', string),
    layers: field(ra, a, 'layers', positiveInteger),
    heads: field(ra, a, 'heads', positiveInteger),
    d_model: field(ra, a, 'd_model', positiveInteger),
    head_dim: field(ra, a, 'head_dim', positiveInteger),
    context: field(ra, a, 'context', positiveInteger),
    vocab_size: field(ra, a, 'vocab_size', (rr, v) => integer(rr, v, 2)),
    params: a.params === undefined || a.params === null ? null : field(ra, a, 'params', integer),
  };
  if (architecture.heads * architecture.head_dim !== architecture.d_model) {
    ra.fail(`heads × head_dim (${architecture.heads} × ${architecture.head_dim}) must equal d_model (${architecture.d_model})`);
  }

  const outputs = field(r, o, 'outputs', tensorSpecs);
  const expected = expectedOutputShapes(architecture);
  for (const name of REQUIRED_OUTPUTS) {
    if (!outputs.some((s) => s.name === name)) r.at('outputs').fail(`must include "${name}"`);
  }
  outputs.forEach((s, i) => {
    const allowed = expected[s.name];
    if (allowed !== undefined && !allowed.some((shape) => sameShape(shape, s.shape))) {
      r.at('outputs').at(i).fail(`(${s.name}) has shape ${JSON.stringify(s.shape)}, expected ${allowed.map((x) => JSON.stringify(x)).join(' or ')} from the architecture`);
    }
  });

  const [rl, lensObj] = section(r, o, 'lens');
  const lens = {
    file: field(rl, lensObj, 'file', string),
    inputs: field(rl, lensObj, 'inputs', tensorSpecs),
    outputs: field(rl, lensObj, 'outputs', tensorSpecs),
  };

  const labelsObj = o.labels === undefined ? {} : field(r, o, 'labels', object);
  const labels = Object.fromEntries(
    Object.keys(labelsObj).map((k) => [k, array(r.at('labels').at(k), labelsObj[k]).map((c, i) => string(r.at('labels').at(k).at(i), c))]),
  );

  const [rt, t] = section(r, o, 'tokenizer');
  const tokenizer = {
    file: field(rt, t, 'file', string),
    vocab_size: field(rt, t, 'vocab_size', integer),
    eot_id: field(rt, t, 'eot_id', integer),
  };
  if (tokenizer.vocab_size !== architecture.vocab_size) {
    rt.fail(`vocab_size ${tokenizer.vocab_size} differs from architecture.vocab_size ${architecture.vocab_size}`);
  }

  const card: ModelCard = {
    name: field(r, o, 'name', string),
    task: o.task === undefined ? '' : field(r, o, 'task', string),
    architecture,
    inputs: field(r, o, 'inputs', tensorSpecs),
    outputs,
    lens,
    labels,
    files: o.files === undefined ? {} : field(r, o, 'files', stringRecord),
    tokenizer,
  };
  if (o.bytes !== undefined) card.bytes = field(r, o, 'bytes', byteSizes);
  if (o.test_fixture !== undefined) card.test_fixture = field(r, o, 'test_fixture', testFixtureRef);
  return card;
}

function sameShape(a: readonly (number | string)[], b: readonly (number | string)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Type guard form of parseModelCard. */
export function isModelCard(json: unknown): json is ModelCard {
  try {
    parseModelCard(json);
    return true;
  } catch {
    return false;
  }
}

/** The card's shape of output `name` with symbolic dimensions filled in, e.g. { T: 12 }. */
export function resolveShape(card: ModelCard, name: string, sizes: Record<string, number>): number[] {
  const spec = card.outputs.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`transformer.json has no output "${name}"`);
  return spec.shape.map((s) => {
    if (typeof s === 'number') return s;
    const n = sizes[s];
    if (n === undefined) throw new Error(`output ${name}: no size given for dimension "${s}"`);
    return n;
  });
}

/** Whether the main graph returns logits for the last position only ([1, V]) rather than [1, T, V]. */
export function logitsAreLastOnly(card: ModelCard): boolean {
  return resolveShape(card, 'logits', { T: 1 }).length === 2;
}

/**
 * Problems that make the three files disagree (empty when they agree). The files are regenerated
 * one after another by `npm run models`; a page built between two steps would otherwise pair a
 * 6-layer card with 4-layer probes.
 */
export function artifactMismatches(card: ModelCard, measurements?: Measurements, probes?: ProbeFile): string[] {
  const a = card.architecture;
  const out: string[] = [];
  const check = (what: string, got: number, want: number) => {
    if (got !== want) out.push(`${what} is ${got}, the model card says ${want}`);
  };
  if (measurements !== undefined) {
    check('measurements n_layer', measurements.model.n_layer, a.layers);
    check('measurements n_head', measurements.model.n_head, a.heads);
    check('measurements d_model', measurements.model.d_model, a.d_model);
    check('measurements vocab_size', measurements.model.vocab_size, a.vocab_size);
  }
  if (probes !== undefined) {
    check('probes n_layer', probes.model.n_layer, a.layers);
    check('probes d_model', probes.model.d_model, a.d_model);
  }
  if (measurements !== undefined && probes !== undefined && measurements.model.checkpoint_sha256 !== probes.model.checkpoint_sha256) {
    out.push('measurements and probes were computed from different checkpoints (checkpoint_sha256 differs)');
  }
  return out;
}
