// The committed convnet, run in onnxruntime-web (wasm, one thread) under Node, against the torch outputs
// that models/convnet/export.py stored in models/fixtures/convnet-fixture.json, and against the shapes that
// the model card (public/models/convnet.json) promises the widget. Nothing is skipped: a missing file fails.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-web';
import { artifactPath, hasArtifact, readArtifactBytes, readArtifactJson, readFixtureJson } from '../../../widgets/models/artifacts.ts';
import { floats, maxAbsDiff, type FixtureTensor } from './fixture-tensors.ts';



// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });
const TOL = 1e-4;
const OUTPUTS = ['block1', 'block2', 'block3', 'block4', 'probs'];

interface Tensor extends FixtureTensor {
  stride?: number; // sampled: data holds the flat entries 0, stride, 2·stride, …
  summary?: { min: number; max: number; mean: number };
}
interface Case {
  name: string;
  image: Tensor;
  predicted: string;
  probability: number;
  outputs: Record<string, Tensor>;
}
interface Fixture {
  model: string;
  classes: string[];
  outputs: string[];
  shapes: Record<string, (number | string)[]>;
  cases: Case[];
  tolerance: number;
}
interface Card {
  outputs: { name: string; shape: (number | string)[] }[];
  files: { model: string };
  test_fixture: { path: string };
  metrics: { class_names: string[] };
  architecture: { params: number };
}

const fixture = readFixtureJson('convnet-fixture.json') as Fixture;
const card = readArtifactJson('convnet.json') as Card;

/** The entries of one batch item's output that the fixture stored, in its order, and their summary. */
function stored(out: Float32Array, t: Tensor) {
  const stride = t.stride ?? 1;
  const got = new Float32Array(Math.ceil(out.length / stride));
  for (let i = 0; i < got.length; i++) got[i] = out[i * stride]!;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of out) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { got, summary: { min, max, mean: sum / out.length } };
}

/** Check one batch item of every ORT output against a fixture case; returns the worst difference. */
function compare(result: ort.InferenceSession.OnnxValueMapType, item: number, batch: number, c: Case): number {
  let worst = 0;
  for (const name of OUTPUTS) {
    const out = result[name]!;
    const t = c.outputs[name];
    expect(t, `fixture ${c.name}: ${name}`).toBeDefined();
    expect(out.type, name).toBe('float32');
    expect([...out.dims], name).toEqual([batch, ...t!.shape.slice(1)]);
    const per = out.size / batch;
    const { got, summary } = stored((out.data as Float32Array).subarray(item * per, (item + 1) * per), t!);
    const d = maxAbsDiff(got, floats(t!));
    expect(d, `${c.name}: ${name} max |onnx − torch|`).toBeLessThanOrEqual(TOL);
    worst = Math.max(worst, d);
    if (t!.summary) {
      for (const k of ['min', 'max', 'mean'] as const)
        expect(Math.abs(summary[k] - t!.summary[k]), `${c.name}: ${name} ${k}`).toBeLessThanOrEqual(TOL);
    }
  }
  return worst;
}

let session: ort.InferenceSession;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  expect(hasArtifact(fixture.model), artifactPath(fixture.model)).toBe(true);
  session = await ort.InferenceSession.create(readArtifactBytes(fixture.model), { executionProviders: ['wasm'] });
}, 60_000);

describe('convnet.onnx in onnxruntime-web', () => {
  it('has the input and the named outputs of the contract', () => {
    expect(session.inputNames).toEqual(['image']);
    expect(session.outputNames).toEqual(OUTPUTS);
    expect(fixture.outputs).toEqual(OUTPUTS);
  });

  it('stores a car, a blank and a full canvas, the car in full', () => {
    expect(fixture.cases).toHaveLength(3);
    const [car, blank, black] = fixture.cases.map((c) => floats(c.image));
    expect(car!.some((v) => v > 0) && car!.some((v) => v === 0)).toBe(true);
    expect(blank!.every((v) => v === 0)).toBe(true);
    expect(black!.every((v) => v === 1)).toBe(true);
    for (const name of OUTPUTS) expect(fixture.cases[0]!.outputs[name]!.stride ?? 1, name).toBe(1);
  });

  for (const c of fixture.cases) {
    it(`matches torch on every output, one image: ${c.name}`, async () => {
      const result = await session.run({ image: new ort.Tensor('float32', floats(c.image), [1, 1, 32, 32]) });
      compare(result, 0, 1, c);
      const probs = result.probs!.data as Float32Array;
      expect(Math.abs(probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
      expect(fixture.classes[probs.indexOf(Math.max(...probs))]).toBe(c.predicted);
    });
  }

  it('has a dynamic batch: all cases in one run give the same outputs', async () => {
    const batch = fixture.cases.length;
    const images = new Float32Array(batch * 32 * 32);
    fixture.cases.forEach((c, i) => images.set(floats(c.image), i * 32 * 32));
    const result = await session.run({ image: new ort.Tensor('float32', images, [batch, 1, 32, 32]) });
    fixture.cases.forEach((c, i) => compare(result, i, batch, c));
  });
});

describe('the convnet model card', () => {
  it('names the outputs with the shapes the graph produces', async () => {
    const B = 2;
    const result = await session.run({ image: new ort.Tensor('float32', new Float32Array(B * 32 * 32), [B, 1, 32, 32]) });
    expect(card.outputs.map((o) => o.name)).toEqual(session.outputNames);
    for (const o of card.outputs) {
      expect(o.shape, o.name).toEqual(fixture.shapes[o.name]);
      expect(o.shape.map((s) => (s === 'B' ? B : s)), o.name).toEqual([...result[o.name]!.dims]);
    }
  });

  it('points at the shipped model and the (unshipped) fixture, and lists the classes of the fixture', () => {
    expect(card.files.model).toBe(fixture.model);
    expect(card.test_fixture.path).toBe('models/fixtures/convnet-fixture.json');
    expect(card.metrics.class_names).toEqual(fixture.classes);
    // conv 3×3 weights + biases of 1→16→32→64→64 channels, then the 64→classes linear head
    const convs = [1, 16, 32, 64, 64];
    const K = card.metrics.class_names.length;
    let params = 64 * K + K;
    for (let i = 1; i < convs.length; i++) params += convs[i - 1]! * convs[i]! * 9 + convs[i]!;
    expect(card.architecture.params).toBe(params);
  });
});
