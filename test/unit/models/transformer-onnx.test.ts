// The committed transformer artifacts, run in onnxruntime-web (wasm, one thread) under Node, against the
// torch outputs that models/transformer/export.py stored in models/fixtures/transformer-fixture.json.
// Nothing here is skipped: a missing model, fixture or tokenizer file fails the test.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-web';
import { artifactPath, hasArtifact, readArtifactBytes, readArtifactJson, readFixtureJson, readTokenizer } from '../../../widgets/models/artifacts.ts';
import { floats, maxAbsDiff, type FixtureTensor } from './fixture-tensors.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const TOL = 1e-4;

interface Tensor extends FixtureTensor {
  packing?: 'lower-triangle'; // attn: only the causal part, row by row
}
interface Case {
  name: string;
  input_ids: number[];
  text?: string;
  outputs: Record<string, Tensor>;
}
interface Fixture {
  version: number;
  model: string;
  lens_model: string;
  text: string;
  ids: number[];
  config: { n_layer: number; n_head: number; d_model: number; head_dim: number; vocab_size: number; block_size: number };
  outputs: string[];
  cases: Case[];
  lens: { resid: Tensor; logits: Tensor };
  tolerance: number;
}

const fixture = readFixtureJson('transformer-fixture.json') as Fixture;

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** The entries of an ORT output that the fixture stored, in the fixture's order. */
function selectStored(name: string, out: Float32Array, dims: readonly number[], t: Tensor): { got: Float32Array; aboveDiagonal: number } {
  if (t.packing === 'lower-triangle') {
    // attn [L, 1, H, T, T]: lower triangle of each [T, T] matrix, row by row; the rest must be exactly 0
    const T = dims[dims.length - 1];
    const mats = product(dims) / (T * T);
    const got = new Float32Array((mats * T * (T + 1)) / 2);
    let n = 0;
    let aboveDiagonal = 0;
    for (let m = 0; m < mats; m++)
      for (let i = 0; i < T; i++)
        for (let j = 0; j < T; j++) {
          const v = out[m * T * T + i * T + j];
          if (j <= i) got[n++] = v;
          else aboveDiagonal = Math.max(aboveDiagonal, Math.abs(v));
        }
    return { got, aboveDiagonal };
  }
  expect(t.shape, name).toEqual([...dims]);
  return { got: out, aboveDiagonal: 0 };
}

let session: ort.InferenceSession;
let lens: ort.InferenceSession;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  for (const f of [fixture.model, fixture.lens_model]) expect(hasArtifact(f), artifactPath(f)).toBe(true);
  // read the bytes ourselves: the committed files, whatever ORT's own file loading does under Node
  session = await ort.InferenceSession.create(readArtifactBytes(fixture.model), { executionProviders: ['wasm'] });
  lens = await ort.InferenceSession.create(readArtifactBytes(fixture.lens_model), { executionProviders: ['wasm'] });
}, 60_000);

describe('transformer.onnx in onnxruntime-web', () => {
  it('has the input and the named outputs of the contract', () => {
    expect(session.inputNames).toEqual(['input_ids']);
    expect(session.outputNames).toEqual(['logits', 'attn', 'resid', 'q', 'k', 'v']);
    expect(fixture.outputs).toEqual(session.outputNames);
    expect(lens.inputNames).toEqual(['resid']);
    expect(lens.outputNames).toEqual(['logits']);
  });

  it('stores a fixture with a short and a long case', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(2);
    expect(fixture.cases[0].input_ids.length).toBe(1);
    const long = fixture.cases[fixture.cases.length - 1];
    expect(long.input_ids).toEqual(fixture.ids);
    expect(long.input_ids.length).toBeGreaterThan(1);
    expect(long.input_ids.length).toBeLessThanOrEqual(fixture.config.block_size);
  });

  for (const c of fixture.cases) {
    it(`matches torch on every output: ${c.name}`, async () => {
      const T = c.input_ids.length;
      const ids = BigInt64Array.from(c.input_ids, (i) => BigInt(i));
      const result = await session.run({ input_ids: new ort.Tensor('int64', ids, [1, T]) });
      const { n_layer: L, n_head: H, d_model: d, head_dim: hd, vocab_size: V } = fixture.config;
      const expectedDims: Record<string, number[]> = {
        logits: [1, V], // next-token logits after the last position
        attn: [L, 1, H, T, T],
        resid: [L + 1, 1, T, d],
        q: [L, 1, H, T, hd],
        k: [L, 1, H, T, hd],
        v: [L, 1, H, T, hd],
      };
      for (const name of fixture.outputs) {
        const out = result[name];
        expect(out, name).toBeDefined();
        expect(out.type, name).toBe('float32');
        expect([...out.dims], name).toEqual(expectedDims[name]);
        const t = c.outputs[name];
        expect(t, `fixture output ${name}`).toBeDefined();
        expect(t.shape, name).toEqual(expectedDims[name]);
        const { got, aboveDiagonal } = selectStored(name, out.data as Float32Array, out.dims, t);
        expect(aboveDiagonal, `${name}: attention above the diagonal`).toBe(0);
        expect(maxAbsDiff(got, floats(t)), `${name} max |onnx − torch|`).toBeLessThanOrEqual(TOL);
      }
      // attention rows are probability distributions
      const attn = result.attn.data as Float32Array;
      for (let r = 0; r < attn.length / T; r++) {
        let s = 0;
        for (let j = 0; j < T; j++) s += attn[r * T + j];
        expect(Math.abs(s - 1)).toBeLessThan(1e-4);
      }
    });
  }
});

describe('transformer-lens.onnx in onnxruntime-web', () => {
  it('matches torch (final LayerNorm + tied unembedding)', async () => {
    const resid = floats(fixture.lens.resid);
    const [N, d] = fixture.lens.resid.shape;
    expect(d).toBe(fixture.config.d_model);
    const out = (await lens.run({ resid: new ort.Tensor('float32', resid, [N, d]) })).logits;
    expect([...out.dims]).toEqual([N, fixture.config.vocab_size]);
    expect(fixture.lens.logits.shape).toEqual([N, fixture.config.vocab_size]);
    expect(maxAbsDiff(out.data as Float32Array, floats(fixture.lens.logits))).toBeLessThanOrEqual(TOL);
  });

  it('at the last layer and position equals the main graph’s logits', async () => {
    const long = fixture.cases[fixture.cases.length - 1];
    const T = long.input_ids.length;
    const { n_layer: L, d_model: d } = fixture.config;
    const r = await session.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(long.input_ids, BigInt), [1, T]) });
    const lastRow = (r.resid.data as Float32Array).slice(((L + 1) * T - 1) * d, (L + 1) * T * d);
    const out = (await lens.run({ resid: new ort.Tensor('float32', lastRow, [1, d]) })).logits;
    expect(maxAbsDiff(out.data as Float32Array, r.logits.data as Float32Array)).toBeLessThanOrEqual(TOL);
  });
});

describe('transformer fixture and the shipped tokenizer and model card', () => {
  it('the TS tokenizer encodes the fixture text to the fixture ids', () => {
    const tok = readTokenizer();
    expect(tok.vocabSize).toBe(fixture.config.vocab_size);
    expect(tok.encode(fixture.text)).toEqual(fixture.ids);
  });

  // public/models/transformer.json is written by models/card.ts, the step after export; until it exists
  // this check shows as skipped (never silently passed)
  it.skipIf(!hasArtifact('transformer.json'))('the model card names the same outputs with the same shapes', async () => {
    const card = readArtifactJson('transformer.json') as any;
    const T = 5;
    const result = await session.run({ input_ids: new ort.Tensor('int64', BigInt64Array.from(fixture.ids.slice(0, T), BigInt), [1, T]) });
    expect(card.outputs.map((o: { name: string }) => o.name)).toEqual(session.outputNames);
    for (const o of card.outputs as { name: string; shape: (number | string)[] }[]) {
      expect(o.shape.map((s) => (s === 'T' ? T : s)), o.name).toEqual([...result[o.name].dims]);
    }
    expect(card.files?.model ?? 'transformer.onnx').toBe(fixture.model);
    expect(card.files?.lens ?? 'transformer-lens.onnx').toBe(fixture.lens_model);
    if (card.architecture?.params !== undefined) expect(typeof card.architecture.params).toBe('number');
  });
});
