// The attention explorer's data on the real model (widgets/attention/head-data.ts, steps.ts, heads.ts):
// the build-time props of one head unpack to exactly the model's numbers, the step panel reproduces the
// model's attention, and the head labels come from the factory's measurements.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readTransformerMeasurements } from '../../../widgets/models/artifacts.ts';
import { loadNodeTransformer, type NodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { attentionMatrix, attentionRow } from '../../../widgets/models/transformer/outputs.ts';
import { textWindow } from '../../../widgets/models/transformer/text-window.ts';
import {
  decodeFloat32,
  encodeFloat32,
  headMatrix,
  headSteps,
  packHead,
  tensorIndex,
  unpackHead,
  type AttentionTensors,
} from '../../../widgets/attention/head-data.ts';
import { defaultHead, findHead, headInfos, uniformInfo } from '../../../widgets/attention/heads.ts';
import { DEFAULT_TEXT } from '../../../widgets/attention/state.ts';
import { headStepPanel, norm, stepPanel } from '../../../widgets/attention/steps.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

let model: NodeTransformer;
let tensors: AttentionTensors;

beforeAll(async () => {
  model = await loadNodeTransformer();
  const win = textWindow(model.tokenizer, DEFAULT_TEXT, { context: model.card.architecture.context });
  const out = await model.run(win.ids);
  tensors = { T: out.T, attn: out.attn, q: out.q, k: out.k, v: out.v };
}, 60_000);

describe('one head as build-time props', () => {
  it('round-trips float32 exactly through base64, including special values', () => {
    const values = new Float32Array([0, -0, 1.5, -2.25e-30, 3.4e38, NaN, Infinity, Math.fround(0.1)]);
    const back = decodeFloat32(encodeFloat32(values));
    expect(Array.from(back)).toEqual(Array.from(values));
    const big = Float32Array.from({ length: 100_000 }, (_, i) => Math.sin(i));
    expect(decodeFloat32(encodeFloat32(big))).toEqual(big);
    expect(() => decodeFloat32('AAA=')).toThrow(RangeError);
  });

  it('unpacks to the model’s own attention and step numbers for that head only', () => {
    const { layers: L, heads: H } = model.card.architecture;
    for (const [layer, head] of [[1, 1], [2, 2], [L, H]] as const) {
      const packed = packHead(tensors, layer, head);
      const one = unpackHead(packed);
      expect(one.T).toBe(tensors.T);
      expect(headMatrix(one, layer, head)).toEqual(attentionMatrix(tensors.attn, layer - 1, head - 1));
      expect(headMatrix(one, layer, head === 1 ? 2 : 1)).toBeNull();
      const q = tensors.T - 1;
      const fromPacked = headSteps(one, layer, head, q)!;
      const fromFull = headSteps(tensors, layer, head, q)!;
      expect(fromPacked.weights).toEqual(fromFull.weights);
      expect(fromPacked.output).toEqual(fromFull.output);
    }
    // Small enough to ship: a 14-token head is a few KB.
    expect(JSON.stringify(packHead(tensors, 2, 2)).length).toBeLessThan(6000);
  });

  it('indexes only heads that exist', () => {
    expect(tensorIndex(tensors, 1, 1)).toEqual({ layer: 0, head: 0 });
    expect(tensorIndex(tensors, 0, 1)).toBeNull();
    expect(tensorIndex(tensors, 5, 1)).toBeNull();
    expect(tensorIndex(tensors, 1, 1.5)).toBeNull();
    expect(() => packHead(tensors, 9, 9)).toThrow(RangeError);
    expect(headSteps(tensors, 1, 1, tensors.T)).toBeNull();
  });
});

describe('step panel', () => {
  it('reproduces every head’s attention for every query to ~1e-6', () => {
    const { layers: L, heads: H, head_dim: hd } = model.card.architecture;
    let worst = 0;
    for (let layer = 1; layer <= L; layer++) {
      for (let head = 1; head <= H; head++) {
        for (let query = 0; query < tensors.T; query++) {
          const panel = headStepPanel(tensors, layer, head, query)!;
          worst = Math.max(worst, panel.maxDifference);
          expect(panel.rows).toHaveLength(query + 1);
          expect(panel.root).toBe(Math.sqrt(hd));
          for (const row of panel.rows) expect(row.dot / panel.root).toBeCloseTo(row.score, 10);
          expect(panel.rows.reduce((s, r) => s + r.weight, 0)).toBeCloseTo(1, 10);
          expect(panel.outputNorm).toBeCloseTo(norm(panel.output!), 12);
          // The top contributors are sorted by ‖w v‖, and each is at least any other key's.
          const contributions = panel.rows.map((r) => r.contribution!);
          expect(panel.top[0]!.contribution).toBe(Math.max(...contributions));
        }
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('falls back to weights without value vectors', () => {
    const noValues: AttentionTensors = { T: tensors.T, attn: tensors.attn, q: tensors.q, k: tensors.k };
    const steps = headSteps(noValues, 2, 1, 5)!;
    const panel = stepPanel(steps, attentionRow(tensors.attn, 1, 0, 5));
    expect(panel.output).toBeNull();
    expect(panel.outputNorm).toBeNull();
    expect(panel.rows.every((r) => r.contribution === null)).toBe(true);
    expect(panel.top[0]!.weight).toBe(Math.max(...panel.rows.map((r) => r.weight)));
  });

  it('is null for a head the tensors do not have', () => {
    expect(headStepPanel(tensors, 99, 1, 0)).toBeNull();
  });
});

describe('head labels from the measurements', () => {
  const m = readTransformerMeasurements();
  it('describes every head, 1-based, with its measured distance and entropy', () => {
    const heads = headInfos(m);
    expect(heads).toHaveLength(m.model.n_layer * m.model.n_head);
    const h = findHead(heads, 2, 1)!;
    expect(h.meanDistance).toBe(m.attention.layers[1]!.heads[0]!.mean_distance);
    expect(h.entropy).toBe(m.attention.layers[1]!.heads[0]!.entropy);
    expect(h.label).toMatch(/\S/);
    expect(h.detail).toMatch(/tokens back on average/);
    expect(uniformInfo(m)).toEqual({ meanDistance: m.attention.uniform.mean_distance, entropy: m.attention.uniform.entropy, window: m.model.block_size });
  });

  it('opens on the head with the most weight on the previous token', () => {
    const heads = headInfos(m);
    const { layer, head } = defaultHead(heads);
    const max = Math.max(...heads.map((h) => h.prevShare));
    expect(findHead(heads, layer, head)!.prevShare).toBe(max);
    expect(defaultHead([])).toEqual({ layer: 1, head: 1 });
  });
});
