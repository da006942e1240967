// The model-facing logic of widgets/models/transformer/ against the model's own outputs, run with
// node-inference.ts (onnxruntime-web, wasm) on the fixture text. Shapes come from the model card.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFixtureJson, readProbeFile } from '../../../widgets/models/artifacts.ts';
import { attentionSteps, keysCovering, maxWeightDifference, topKeys } from '../../../widgets/models/transformer/attention-steps.ts';
import type { ProbeFile } from '../../../widgets/models/transformer/probe-file.ts';
import { lensInputForLayer, lensInputForPosition, lensLayers } from '../../../widgets/models/transformer/logit-lens.ts';
import { loadNodeTransformer, type NodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { attentionMatrix, attentionRow, headRow, lastLogits, residRow, type TransformerOutputs } from '../../../widgets/models/transformer/outputs.ts';
import { documentPrediction, groupWords, hasNonSpace, probeAll, wordPredictions } from '../../../widgets/models/transformer/probes.ts';
import { textWindow } from '../../../widgets/models/transformer/text-window.ts';
import { maxAbsDiff } from './fixture-tensors.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const fixture = readFixtureJson('transformer-fixture.json') as { text: string; ids: number[] };

let model: NodeTransformer;
let out: TransformerOutputs;
let probes: ProbeFile;

beforeAll(async () => {
  model = await loadNodeTransformer();
  out = await model.run(fixture.ids);
  probes = readProbeFile();
}, 60_000);

describe('node inference', () => {
  it('returns outputs shaped by the card, and one cached model per directory', async () => {
    const { layers: L, heads: H, d_model: d } = model.card.architecture;
    const T = fixture.ids.length;
    expect(out.attn.dims).toEqual([L, 1, H, T, T]);
    expect(out.resid.dims).toEqual([L + 1, 1, T, d]);
    expect(await loadNodeTransformer()).toBe(model);
  });

  it('refuses inputs the model cannot read', async () => {
    const { context, vocab_size: V } = model.card.architecture;
    await expect(model.run([])).rejects.toThrow(`the model reads 1…${context} tokens, got 0`);
    await expect(model.run(new Array(context + 1).fill(1))).rejects.toThrow(RangeError);
    await expect(model.run([V])).rejects.toThrow(`token id ${V} is outside`);
  });

  it('gives the same outputs for concurrent runs as for one run', async () => {
    const [a, b] = await Promise.all([model.run(fixture.ids.slice(0, 9)), model.run(fixture.ids)]);
    expect(maxAbsDiff(b.attn.data, out.attn.data)).toBe(0);
    expect(a.attn.dims[3]).toBe(9);
  });
});

describe('output views', () => {
  it('index rows the way the tensors are laid out, and check bounds', () => {
    const { layers: L, heads: H } = model.card.architecture;
    const T = out.T;
    const row = attentionRow(out.attn, L - 1, H - 1, T - 1);
    expect(row.length).toBe(T);
    expect(Array.from(row)).toEqual(Array.from(attentionMatrix(out.attn, L - 1, H - 1).subarray((T - 1) * T)));
    expect(row).toEqual(out.attn.data.subarray(out.attn.data.length - T));
    expect(residRow(out.resid, L, T - 1)).toEqual(out.resid.data.subarray(out.resid.data.length - model.card.architecture.d_model));
    expect(() => attentionRow(out.attn, L, 0, 0)).toThrow(`layer ${L} is out of range 0…${L - 1}`);
    expect(() => attentionRow(out.attn, 0, 0, T)).toThrow(RangeError);
    expect(() => residRow(out.resid, L + 1, 0)).toThrow('residual layer');
    expect(() => headRow(out.q, 0, H, 0)).toThrow('head');
    expect(() => headRow(out.q, 0, 0, 0.5)).toThrow('position 0.5');
  });
});

describe('attention steps', () => {
  it('recompute every head’s attention from the model’s q and k (max |diff| ≤ 1e-5)', () => {
    const { layers: L, heads: H } = model.card.architecture;
    let worst = 0;
    for (let l = 0; l < L; l++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < out.T; i++) {
          const steps = attentionSteps(out.q, out.k, out.v, l, h, i);
          expect(steps.weights.length).toBe(i + 1);
          worst = Math.max(worst, maxWeightDifference(steps, attentionRow(out.attn, l, h, i)));
        }
    console.log(`attention recomputed from q, k: max |diff| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-5);
  });

  it('fails when the scaling is wrong (the test can fail)', () => {
    // Without the 1/√head_dim the weights are sharper than the model's.
    const steps = attentionSteps(out.q, out.k, out.v, 0, 0, out.T - 1);
    const unscaled = { ...steps, weights: softmaxPlain(steps.scores.map((s) => s / steps.scale)) };
    expect(maxWeightDifference(unscaled, attentionRow(out.attn, 0, 0, out.T - 1))).toBeGreaterThan(1e-3);
  });

  it('weighted sum of values equals attn @ v from the model’s own weights', () => {
    if (out.v === undefined) return; // older export without v
    const { heads: H, head_dim: hd } = model.card.architecture;
    let worst = 0;
    for (let h = 0; h < H; h++)
      for (const i of [0, 1, out.T >> 1, out.T - 1]) {
        const steps = attentionSteps(out.q, out.k, out.v, 1, h, i);
        const ref = new Float64Array(hd);
        const row = attentionRow(out.attn, 1, h, i);
        for (let j = 0; j <= i; j++) {
          const vj = headRow(out.v, 1, h, j);
          for (let c = 0; c < hd; c++) ref[c] += row[j] * vj[c];
        }
        worst = Math.max(worst, maxAbsDiff(steps.output as Float64Array, ref));
      }
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('lists top keys by weight and by contribution, and counts keys covering a share', () => {
    const steps = attentionSteps(out.q, out.k, out.v, 0, 0, out.T - 1);
    const top = topKeys(steps, 3);
    expect(top).toHaveLength(3);
    expect(top[0].weight).toBeGreaterThanOrEqual(top[1].weight);
    expect(top[0].weight).toBe(Math.max(...steps.weights));
    expect(topKeys(steps, 1000)).toHaveLength(out.T);
    if (out.v !== undefined) {
      const byContribution = topKeys(steps, 2, 'contribution');
      expect(byContribution[0].contribution).toBe(Math.max(...(steps.contributionNorms as Float64Array)));
    }
    expect(keysCovering(steps, 1)).toBeLessThanOrEqual(out.T);
    expect(keysCovering(attentionSteps(out.q, out.k, out.v, 0, 0, 0), 0.9)).toBe(1);
  });
});

function softmaxPlain(x: Float64Array): Float64Array {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe('logit lens', () => {
  it('at the last layer and position equals the model’s logits output', async () => {
    const { layers: L } = model.card.architecture;
    const lens = await model.lens(lensInputForPosition(out.resid, out.T - 1));
    expect(lens.dims).toEqual([L + 1, model.card.architecture.vocab_size]);
    const V = lens.dims[1];
    const diff = maxAbsDiff(lens.data.subarray(L * V), lastLogits(out.logits));
    console.log(`lens(resid[L], last position) vs logits: max |diff| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);

    const layers = lensLayers(lens, model.tokenizer, 5);
    expect(layers).toHaveLength(L + 1);
    expect(layers[L].klNats).toBeLessThan(1e-9);
    expect(layers[L].finalTopRank).toBe(0);
    for (const l of layers) {
      expect(l.top).toHaveLength(5);
      expect(l.klBits).toBeCloseTo(l.klNats / Math.LN2, 12);
      expect(l.top[0].prob).toBeGreaterThanOrEqual(l.top[4].prob);
      expect(l.klNats).toBeGreaterThanOrEqual(0);
    }
    console.log('lens at the last position, KL(final ‖ layer) nats:', layers.map((l) => l.klNats.toFixed(3)).join(' '), '| top-1:', layers.map((l) => l.top[0].display).join(' '));
  });

  it('at the last layer gives every position’s next-token logits', async () => {
    const { layers: L } = model.card.architecture;
    const all = await model.lens(lensInputForLayer(out.resid, L));
    expect(all.dims[0]).toBe(out.T);
    const V = all.dims[1];
    expect(maxAbsDiff(all.data.subarray((out.T - 1) * V), lastLogits(out.logits))).toBeLessThanOrEqual(1e-4);
  });

  it('marks leading spaces in the top tokens', () => {
    const id = model.tokenizer.encode(' the')[0];
    const V = model.card.architecture.vocab_size;
    const logits = new Float32Array(2 * V);
    logits[id] = 10;
    logits[V + id] = 10;
    const [first] = lensLayers({ data: logits, dims: [2, V] }, model.tokenizer, 1);
    expect(first.top[0]).toMatchObject({ id, display: '␣the', text: ' the', leadingSpace: true });
  });
});

describe('probes on the model’s residual stream', () => {
  it('word_start predictions agree with the tokenizer’s word-initial flags on most tokens', () => {
    const win = textWindow(model.tokenizer, fixture.text, { context: model.card.architecture.context });
    expect(win.ids).toEqual(fixture.ids);
    const applies = win.ids.map((id) => hasNonSpace(model.tokenizer.tokenBytes(id)));
    const [ws] = probeAll(probes, out.resid, applies, ['word_start']);
    const agreement = ws.predictions.map((row) => {
      let agree = 0;
      let n = 0;
      row.forEach((p, t) => {
        if (p === null) return;
        n++;
        if ((p.label === 'word-start') === win.pieces[t].wordStart) agree++;
      });
      return agree / n;
    });
    console.log('word_start probe vs tokenizer word-initial flag, agreement per residual layer:', agreement.map((a) => a.toFixed(3)).join(' '));
    expect(Math.max(...agreement)).toBeGreaterThan(0.8);
    expect(agreement[0]).toBeGreaterThan(0.8);
  });

  it('gives per-word and per-document predictions', () => {
    const win = textWindow(model.tokenizer, fixture.text, { context: model.card.architecture.context });
    const applies = win.ids.map((id) => hasNonSpace(model.tokenizer.tokenBytes(id)));
    const words = groupWords(win.pieces.map((p) => p.wordStart), applies);
    const text = words.map((w) => model.tokenizer.decode(win.ids.slice(w.first, w.end)));
    expect(text.join('')).toBe(model.tokenizer.decode(win.ids));
    expect(text[0]).toBe('Miami,'); // the tokenizer's words: punctuation stays with the word before it
    const [upos, genre] = probeAll(probes, out.resid, applies, ['upos', 'genre']);
    expect(upos.scope).toBe('word');
    expect(genre.scope).toBe('document');
    const perWord = wordPredictions(upos, words);
    expect(perWord).toHaveLength(model.card.architecture.layers + 1);
    expect(perWord[0]).toHaveLength(words.length);
    const L = model.card.architecture.layers;
    const nouns = words.filter((_, i) => perWord[L][i]?.label === 'NOUN').map((w) => model.tokenizer.decode(win.ids.slice(w.first, w.end)).trim());
    console.log('words the last layer’s upos probe calls NOUN:', nouns.join(', '));
    expect(nouns).toEqual(expect.arrayContaining(['team']));
    const doc = documentPrediction(genre);
    expect(doc).toHaveLength(L + 1);
    for (const p of doc) expect(p.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    console.log('genre of the fixture text (a press report) per residual layer:', doc.map((p) => `${p.label} ${p.confidence.toFixed(2)}`).join(', '));
  });
});
