// The validating loaders of widgets/models/transformer/card.ts, on the committed files and on broken copies.
import { describe, expect, it } from 'vitest';
import { readArtifactJson } from '../../../widgets/models/artifacts.ts';
import { artifactMismatches, isModelCard, logitsAreLastOnly, parseModelCard, resolveShape } from '../../../widgets/models/transformer/card.ts';
import { parseMeasurements } from '../../../widgets/models/transformer/measurements.ts';
import { parseProbeFile } from '../../../widgets/models/transformer/probe-file.ts';

const read = readArtifactJson;
const clone = <T>(x: T): T => structuredClone(x);

const cardJson = read('transformer.json') as Record<string, any>;
const measurementsJson = read('transformer-measurements.json') as Record<string, any>;
const probesJson = read('transformer-probes.json') as Record<string, any>;

describe('model card', () => {
  const card = parseModelCard(cardJson);
  const { layers: L, heads: H, d_model: d, head_dim: hd, vocab_size: V, context } = card.architecture;

  it('reads the architecture the outputs are shaped by', () => {
    expect(L).toBeGreaterThan(0);
    expect(H * hd).toBe(d);
    expect(context).toBe(128);
    expect(resolveShape(card, 'attn', { T: 7 })).toEqual([L, 1, H, 7, 7]);
    expect(resolveShape(card, 'resid', { T: 7 })).toEqual([L + 1, 1, 7, d]);
    expect(resolveShape(card, 'logits', { T: 7 })).toEqual(logitsAreLastOnly(card) ? [1, V] : [1, 7, V]);
    expect(card.tokenizer.eot_id).toBe(V - 1);
    expect(isModelCard(cardJson)).toBe(true);
  });

  it('rejects malformed cards with a message naming the field', () => {
    const bad = (edit: (c: Record<string, any>) => void): (() => unknown) => {
      const c = clone(cardJson);
      edit(c);
      return () => parseModelCard(c);
    };
    expect(() => parseModelCard(null)).toThrow('transformer.json: must be an object, got null');
    expect(bad((c) => (c.architecture.layers = '6'))).toThrow('transformer.json: architecture.layers must be an integer ≥ 1, got "6"');
    expect(bad((c) => (c.architecture.head_dim = 5))).toThrow(/heads × head_dim .* must equal d_model/);
    expect(bad((c) => c.outputs.splice(1, 1))).toThrow('transformer.json: outputs must include "attn"');
    expect(bad((c) => (c.outputs.find((o: any) => o.name === 'resid').shape[0] = 99))).toThrow(/outputs\[\d\] \(resid\) has shape \[99,/);
    expect(bad((c) => (c.tokenizer.vocab_size = 3))).toThrow('tokenizer vocab_size 3 differs');
    expect(bad((c) => delete c.lens)).toThrow('transformer.json: lens must be an object, got undefined');
    expect(isModelCard({})).toBe(false);
  });
});

describe('measurements', () => {
  const card = parseModelCard(cardJson);
  const m = parseMeasurements(measurementsJson);

  it('has one entry per block, head and residual layer of the model', () => {
    expect(m.model.n_layer).toBe(card.architecture.layers);
    expect(m.attention.layers).toHaveLength(card.architecture.layers);
    for (const l of m.attention.layers) expect(l.heads).toHaveLength(card.architecture.heads);
    expect(m.logit_lens.layers).toHaveLength(card.architecture.layers + 1);
    expect(m.logit_lens.layers[card.architecture.layers].kl).toBe(0);
    expect(Object.keys(m.probes)).toEqual(expect.arrayContaining(['word_start', 'upos', 'chunk', 'genre']));
    for (const p of Object.values(m.probes)) expect(p.per_layer_acc).toHaveLength(card.architecture.layers + 1);
  });

  it('rejects malformed files with a message naming the field', () => {
    const c = clone(measurementsJson);
    c.attention.layers[1].heads[2].entropy = 'high';
    expect(() => parseMeasurements(c)).toThrow('transformer-measurements.json: attention.layers[1].heads[2].entropy must be a finite number, got "high"');
    const d = clone(measurementsJson);
    d.attention.layers.pop();
    expect(() => parseMeasurements(d)).toThrow(`attention.layers must have ${m.model.n_layer} entries`);
    const e = clone(measurementsJson);
    e.probes.upos.per_layer_acc.push(0.5);
    expect(() => parseMeasurements(e)).toThrow('probes.upos.per_layer_acc must have');
  });
});

describe('probe weights', () => {
  const card = parseModelCard(cardJson);
  const p = parseProbeFile(probesJson);

  it('has a standardisation and a probe per residual layer, shaped [classes × d_model]', () => {
    const { layers: L, d_model: d } = card.architecture;
    expect(p.standardise).toHaveLength(L + 1);
    for (const [label, probe] of Object.entries(p.probes)) {
      expect(probe.layers, label).toHaveLength(L + 1);
      for (const w of probe.layers) {
        expect(w.W.length).toBe(probe.classes.length * d);
        expect(w.b.length).toBe(probe.classes.length);
      }
      if (card.labels[label] !== undefined) expect(probe.classes, label).toEqual(card.labels[label]);
    }
  });

  it('rejects a zero standard deviation and a ragged weight matrix', () => {
    const c = clone(probesJson);
    c.standardise[0].std[3] = 0;
    expect(() => parseProbeFile(c)).toThrow('transformer-probes.json: standardise[0].std[3] must be > 0 (it divides), got 0');
    const d = clone(probesJson);
    d.probes.upos.layers[2].W[1].pop();
    expect(() => parseProbeFile(d)).toThrow('probes.upos.layers[2].W[1] must have');
  });

  it('agrees with the model card and the measurements (same model)', () => {
    const m = parseMeasurements(measurementsJson);
    expect(artifactMismatches(card, m, p)).toEqual([]);
    const other = clone(probesJson);
    other.model.n_layer = card.architecture.layers + 1;
    other.standardise.push(clone(other.standardise[0]));
    other.standardise[card.architecture.layers + 1].layer = card.architecture.layers + 1;
    for (const probe of Object.values(other.probes) as any[]) {
      probe.layers.push({ ...clone(probe.layers[0]), layer: card.architecture.layers + 1 });
    }
    expect(artifactMismatches(card, m, parseProbeFile(other))[0]).toMatch(/probes n_layer is \d+, the model card says \d+/);
  });
});
