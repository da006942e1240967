// The transformer essays ("Attention, hands-on" and "Why stack layers") read their numbers from the shipped
// measurements (content/numbers/transformer.ts), but the words around the numbers make claims: "near uniform",
// "local", "U-shaped", "genre arrives early". These tests hold the shipped model to those words, so that a
// retrained model that no longer fits them fails here instead of leaving the essays quietly wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { readArtifactJson } from '../../../widgets/models/artifacts.ts';
import { loadNodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { attentionRow } from '../../../widgets/models/transformer/outputs.ts';
import { headKinds, n } from '../../../content/numbers/transformer.ts';

const m = readArtifactJson('transformer-measurements.json') as any;
const card = readArtifactJson('transformer.json') as any;

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });
const dezoom = readFileSync('content/articles/why-stack-layers.mdx', 'utf8');
const uniform = m.attention.uniform.mean_distance_excl_first as number;
const reach: number[] = m.attention.layers.map((l: any) => l.mean_over_heads.mean_distance_excl_first);
const probe = (label: string) => m.probes[label];

describe('"Attention, hands-on": the model', () => {
  it('beats the strongest count-based baseline, but only narrowly', () => {
    const kn5 = card.metrics.baselines.kn5.bpc as number;
    expect(card.metrics.val_bpc).toBeLessThan(kn5);
    expect(kn5 - card.metrics.val_bpc).toBeLessThan(0.05); // "narrowly": within 0.05 bits per character
  });
});

describe('"Attention, hands-on": the heads', () => {
  it('has four layers, as the prose counts them ("the fourth layer")', () => {
    expect(card.architecture.layers).toBe(4);
  });

  it('in the first layer most heads are near uniform, and the layer reaches most of the window', () => {
    expect(headKinds(1, 'near-uniform')).toBeGreaterThan(card.architecture.heads / 2);
    expect(reach[0]).toBeGreaterThan(0.75 * uniform);
  });

  it('the third layer is local: most heads local, none broad, a few tokens on average', () => {
    expect(headKinds(3, 'local')).toBeGreaterThan(card.architecture.heads / 2);
    expect(headKinds(3, 'broad') + headKinds(3, 'near-uniform')).toBe(0);
    expect(reach[2]).toBeLessThan(0.2 * uniform);
  });

  it('the second layer mixes local and broad heads', () => {
    expect(headKinds(2, 'local')).toBeGreaterThan(0);
    expect(headKinds(2, 'broad') + headKinds(2, 'near-uniform')).toBeGreaterThan(0);
  });

  it('the fourth layer reaches farther again', () => {
    expect(reach[3]).toBeGreaterThan(Math.max(reach[1]!, reach[2]!));
  });

  it('distance and entropy go together across heads', () => {
    expect(m.attention.distance_entropy_r).toBeGreaterThan(0.5);
  });

  it('there is no attention sink on held-out text: the first layer gives the first token about a uniform share', () => {
    expect(m.attention.layers[0].mean_over_heads.first_token_share).toBeLessThan(2 * m.attention.uniform.first_token_share);
  });

  it('on the example sentence, one layer-2 head sends nearly all of "um"\'s attention and most of "ps"\'s to "␣j", and "at"\'s to "␣c"; some head leans on the first token', async () => {
    const model = await loadNodeTransformer();
    const ids = model.tokenizer.encode('The cat jumps over the fence.');
    const pieces = ids.map((id) => new TextDecoder().decode(model.tokenizer.tokenBytes(id)));
    const um = pieces.indexOf('um');
    const j = pieces.indexOf(' j');
    expect([um, j].every((i) => i > 0)).toBe(true);
    const out = await model.run(ids);
    const H = card.architecture.heads;
    const ps = pieces.indexOf('ps');
    const at = pieces.indexOf('at');
    const c = pieces.indexOf(' c');
    const wordHeads = Array.from({ length: H }, (_, h) => h).filter(
      (h) =>
        attentionRow(out.attn, 1, h, um)[j]! > 0.9 &&
        attentionRow(out.attn, 1, h, ps)[j]! > 0.5 &&
        attentionRow(out.attn, 1, h, at)[c]! > 0.9,
    );
    expect(wordHeads.length).toBeGreaterThan(0);
    // mean weight on position 0 over the queries after it, per head, against a uniform head's mean 1/(q+1)
    let uniformShare = 0;
    for (let q = 1; q < ids.length; q++) uniformShare += 1 / (q + 1) / (ids.length - 1);
    let strongest = 0;
    for (let l = 0; l < card.architecture.layers; l++)
      for (let h = 0; h < H; h++) {
        let s = 0;
        for (let q = 1; q < ids.length; q++) s += attentionRow(out.attn, l, h, q)[0]! / (ids.length - 1);
        strongest = Math.max(strongest, s);
      }
    expect(strongest).toBeGreaterThan(0.3);
    expect(strongest).toBeGreaterThan(1.5 * uniformShare);
  }, 60_000); // loads onnxruntime-web and the model: slow on a busy machine, never timed
});

describe('"Why stack layers": the probes', () => {
  it('word starts are read at the bottom, then fade', () => {
    const acc: number[] = probe('word_start').per_layer_acc;
    expect(acc[0]).toBeGreaterThan(0.95);
    expect(acc.at(-1)).toBeLessThan(acc[0]! - 0.05);
  });

  it('parts of speech are mostly there at layer 0; context adds a few points and selectivity rises', () => {
    const p = probe('upos');
    expect(p.majority_class).toBe('NOUN'); // "against … for always guessing “noun”"
    expect(p.per_layer_acc[0] - p.majority).toBeGreaterThan(0.25);
    const best = p.best_layer;
    expect(best).toBeGreaterThan(0);
    expect(p.per_layer_acc[best] - p.per_layer_acc[0]).toBeGreaterThan(0.02);
    expect(p.per_layer_acc[best] - p.per_layer_acc[0]).toBeLessThan(0.1);
    expect(p.selectivity[best]).toBeGreaterThan(p.selectivity[0]);
  });

  it('phrases: barely moved by the first layer, then climbing in layers 2 and 3', () => {
    const acc: number[] = probe('chunk').per_layer_acc;
    expect(acc[1]! - acc[0]!).toBeLessThan(0.02);
    expect(acc[2]! - acc[1]!).toBeGreaterThan(0.05);
    expect(acc[3]!).toBeGreaterThan(acc[2]!);
  });

  it('position in the sentence is not found: near the majority class, below its control task', () => {
    const p = probe('sentpos');
    expect(Math.max(...p.per_layer_acc) - p.majority).toBeLessThan(0.08);
    for (const s of p.selectivity) expect(s).toBeLessThan(0);
  });

  it('genre arrives early: a jump after layer 1 that is most of what it will gain; its best layer is the last', () => {
    const p = probe('genre');
    const acc: number[] = p.per_layer_acc;
    expect(acc[1]! - acc[0]!).toBeGreaterThan(0.1);
    expect((acc[1]! - acc[0]!) / (Math.max(...acc) - acc[0]!)).toBeGreaterThan(0.6);
    expect(p.best_layer).toBe(acc.length - 1);
  });

  it('the stated order of expected layers is the measured one', () => {
    expect(dezoom).toContain('{n.probeOrder}');
    const labels = ['upos', 'chunk', 'sentpos', 'genre'].sort(
      (a, b) => probe(a).expected_layer_clipped - probe(b).expected_layer_clipped,
    );
    expect(labels[0]).toBe('genre');
    // "parts of speech and phrases come close together"
    expect(Math.abs(probe('upos').expected_layer_clipped - probe('chunk').expected_layer_clipped)).toBeLessThan(0.5);
    expect(n.probeOrder.startsWith('word start')).toBe(true);
  });
});

describe('"Why stack layers": reach and the lens', () => {
  it('attention reach is U-shaped: far, nearer, nearest, far again', () => {
    expect(reach[0]).toBeGreaterThan(reach[1]!);
    expect(reach[1]).toBeGreaterThan(reach[2]!);
    expect(reach[3]).toBeGreaterThan(reach[2]!);
  });

  it('the lens: the first layer closes most of the gap, the second leaves the divergence where it was while top-1 agreement rises, the third cuts it by more than half', () => {
    const kl: number[] = m.logit_lens.layers.map((l: any) => l.kl);
    const top1: number[] = m.logit_lens.layers.map((l: any) => l.top1_agreement);
    expect(kl[1]).toBeLessThan(0.25 * kl[0]!);
    expect(Math.abs(kl[2]! - kl[1]!)).toBeLessThan(0.15 * kl[1]!);
    expect(top1[2]).toBeGreaterThan(top1[1]!);
    expect(kl[3]).toBeLessThan(0.5 * kl[2]!);
    expect(top1[3]).toBeGreaterThan(top1[2]!);
  });
});
