// The live ladder model's ONNX export (models/hier/export.py), run in onnxruntime-web (wasm, one thread) under
// Node, against the torch outputs stored in its fixture: the logits in full and every residual output's sampled
// entries (models/onnx_export.py `sampled`), each within 1e-4; and the card and probe file agree with the graph.
// Nothing is skipped: a missing model or fixture fails the test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as ort from 'onnxruntime-web';
import { ROOT, readFixtureJson } from '../../../widgets/models/artifacts.ts';
import { parseHierCard, parseHierProbes } from '../../../widgets/models/hier/card.ts';

// Runs onnxruntime-web in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 180_000 });

interface Tensor {
  shape: number[];
  data: string;
  stride?: number;
  summary?: { min: number; max: number; mean: number };
}
interface Fixture {
  model: string;
  run: string;
  config: { n_layer: number; d_model: number; vocab_size: number };
  outputs: string[];
  cases: { name: string; input_ids: number[]; outputs: Record<string, Tensor> }[];
  tolerance: number;
}

const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const card = parseHierCard(read('public/models/hier-L3-s1.json'), 'hier-L3-s1.json');
const fixture = readFixtureJson(card.test_fixture!.path.replace('models/fixtures/', '')) as Fixture;

function floats(t: Tensor): Float32Array {
  const buf = Buffer.from(t.data, 'base64');
  const out = new Float32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

describe(`${fixture.model} in onnxruntime-web`, () => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    session = await ort.InferenceSession.create(readFileSync(join(ROOT, 'public/models', card.files.model)), { executionProviders: ['wasm'] });
  }, 120_000);

  it('has the outputs the card names, one residual per layer', () => {
    expect(session.outputNames).toEqual(card.outputs.map((o) => o.name));
    expect(fixture.outputs).toEqual(session.outputNames);
    expect(card.architecture.layers).toBe(fixture.config.n_layer);
  });

  for (const c of fixture.cases) {
    it(`matches torch to ≤ ${fixture.tolerance} (${c.name})`, async () => {
      const ids = new ort.Tensor('int64', BigInt64Array.from(c.input_ids.map(BigInt)), [1, c.input_ids.length]);
      const got = await session.run({ input_ids: ids });
      for (const name of fixture.outputs) {
        const want = c.outputs[name]!;
        const out = got[name]!;
        expect(out.dims).toEqual(want.shape);
        const all = out.data as Float32Array;
        const stride = want.stride ?? 1;
        const w = floats(want);
        let worst = 0;
        for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(all[i * stride]! - w[i]!));
        expect(worst, name).toBeLessThanOrEqual(fixture.tolerance);
        if (want.summary) {
          let min = Infinity, max = -Infinity, sum = 0;
          for (const x of all) (min = Math.min(min, x)), (max = Math.max(max, x)), (sum += x);
          expect(Math.abs(min - want.summary.min)).toBeLessThanOrEqual(fixture.tolerance);
          expect(Math.abs(max - want.summary.max)).toBeLessThanOrEqual(fixture.tolerance);
          expect(Math.abs(sum / all.length - want.summary.mean)).toBeLessThanOrEqual(fixture.tolerance);
        }
      }
    });
  }

  it('ships probes that fit the card (one per layer and label, d_model inputs)', () => {
    const probes = parseHierProbes(read(join('public/models', card.files.probes)), card);
    expect(Object.keys(probes.labels).sort()).toEqual(Object.keys(card.metrics.probe_accuracy).sort());
  });
});
