// The LSTM's ONNX export (models/lstm/export.py), run in onnxruntime-web (wasm, one thread) under Node, against
// the torch outputs the export stored in its fixture: every output of every case within 1e-4, including a case
// that continues from a carried state (the widget's incremental reading).
//
// Fixtures checked: the export check (a tiny seeded untrained LSTM whose graphs live in models/fixtures/, so the
// export path is tested whether or not a trained LSTM ships) and, once the trained LSTM ships
// (public/models/lstm.json), its own fixture: the last test fails until FIXTURES lists it.
// Nothing here is skipped: a missing model or fixture fails the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-web';
import { ROOT, hasArtifact, readArtifactJson, readFixtureJson } from '../../../widgets/models/artifacts.ts';
import { parseLstmCard } from '../../../widgets/models/lstm/card.ts';
import { floats, maxAbsDiff, type FixtureTensor } from './fixture-tensors.ts';

// Runs onnxruntime-web in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 180_000 });

const TOL = 1e-4;

type Tensor = FixtureTensor;
interface Case {
  name: string;
  input_ids: number[];
  h0: Tensor;
  c0: Tensor;
  outputs: Record<string, Tensor>;
}
interface Fixture {
  version: number;
  model: string;
  head_model: string;
  /** Folder of the two graphs, from the repository root. */
  model_dir: string;
  ids: number[];
  config: { n_layer: number; d_model: number; vocab_size: number };
  inputs: string[];
  outputs: string[];
  cases: Case[];
  head: { positions: number[]; h: Tensor; logits: Tensor };
  tolerance: number;
}

const FIXTURES = ['lstm-export-check-fixture.json', 'lstm-fixture.json'];

function checkFixture(file: string): void {
  const fixture = readFixtureJson(file) as Fixture;
  const graph = (name: string) => readFileSync(join(ROOT, fixture.model_dir, name));
  let session: ort.InferenceSession;
  let head: ort.InferenceSession;

  describe(`${fixture.model} in onnxruntime-web (${file})`, () => {
    beforeAll(async () => {
      ort.env.wasm.numThreads = 1;
      // read the bytes ourselves: the committed files, whatever ORT's own file loading does under Node
      session = await ort.InferenceSession.create(graph(fixture.model), { executionProviders: ['wasm'] });
      head = await ort.InferenceSession.create(graph(fixture.head_model), { executionProviders: ['wasm'] });
    }, 120_000);

    it('has the state inputs and the named outputs', () => {
      expect(session.inputNames).toEqual(['input_ids', 'h0', 'c0']);
      expect(session.outputNames).toEqual(['logits', 'h', 'c']);
      expect(fixture.inputs).toEqual(session.inputNames);
      expect(fixture.outputs).toEqual(session.outputNames);
      expect(head.inputNames).toEqual(['h']);
      expect(head.outputNames).toEqual(['logits']);
    });

    it('stores one-token, whole-text and carried-state cases', () => {
      expect(fixture.cases.map((c) => c.input_ids.length)).toEqual([1, fixture.ids.length, fixture.ids.length - Math.floor(fixture.ids.length / 2)]);
      // the carried case starts from a real state, not zeros
      expect(floats(fixture.cases[2]!.h0).some((x) => x !== 0)).toBe(true);
    });

    for (const c of fixture.cases) {
      it(`matches torch on every output within 1e-4: ${c.name}`, async () => {
        const T = c.input_ids.length;
        const { n_layer: L, d_model: d, vocab_size: V } = fixture.config;
        const result = await session.run({
          input_ids: new ort.Tensor('int64', BigInt64Array.from(c.input_ids, (i) => BigInt(i)), [1, T]),
          h0: new ort.Tensor('float32', floats(c.h0), [L, 1, d]),
          c0: new ort.Tensor('float32', floats(c.c0), [L, 1, d]),
        });
        const dims: Record<string, number[]> = { logits: [1, V], h: [L, 1, T, d], c: [L, 1, T, d] };
        for (const name of fixture.outputs) {
          const out = result[name]!;
          expect([...out.dims], name).toEqual(dims[name]);
          expect(c.outputs[name]!.shape, name).toEqual(dims[name]);
          const diff = maxAbsDiff(out.data as Float32Array, floats(c.outputs[name]!));
          expect(diff, `${name}: max |onnx − torch|`).toBeLessThanOrEqual(TOL);
        }
      });
    }

    it('runs the head graph like torch: logits after any position from h', async () => {
      const rows = fixture.head.positions.length;
      const out = await head.run({ h: new ort.Tensor('float32', floats(fixture.head.h), [rows, fixture.config.d_model]) });
      expect(maxAbsDiff(out.logits!.data as Float32Array, floats(fixture.head.logits))).toBeLessThanOrEqual(TOL);
    });
  });
}

for (const file of FIXTURES) checkFixture(file);

describe('the shipped LSTM', () => {
  it('is fixture-tested here once its card ships, and its card names the fixture graphs', () => {
    if (!hasArtifact('lstm.json')) return; // not trained in full yet (models/lstm/README.md)
    const card = parseLstmCard(readArtifactJson('lstm.json'));
    expect(FIXTURES).toContain('lstm-fixture.json');
    const fixture = readFixtureJson('lstm-fixture.json') as Fixture;
    expect(fixture.model_dir).toBe('public/models');
    expect(card.files.model).toBe(fixture.model);
    expect(card.head.file).toBe(fixture.head_model);
    expect([card.architecture.layers, card.architecture.d_model]).toEqual([fixture.config.n_layer, fixture.config.d_model]);
  });
});
