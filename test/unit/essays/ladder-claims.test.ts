// "Why stack layers" states the depth ladder's results (content/numbers/ladder.ts, read from
// public/models/hier-ladder-measurements.json). These tests hold the shipped measurements to the words around
// the numbers — "do not move off chance", "no depth reaches", "nothing beyond the noise", "only composition",
// "the first does" — so that a retrained ladder that no longer fits them fails here instead of leaving the essay
// quietly wrong. Each check recomputes from the raw file where it can, not only through the numbers module.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readArtifactJson } from '../../../widgets/models/artifacts.ts';
import { bestLayer, depthsOf, runsAt, shallowestSolved, spanBand, overlaps } from '../../../widgets/dezoom-map/analysis.ts';
import { SCALES } from '../../../widgets/dezoom-map/ladder.ts';
import { ladder, n } from '../../../content/numbers/ladder.ts';
import { n as brown } from '../../../content/numbers/transformer.ts';

const raw = readArtifactJson('hier-ladder-measurements.json') as any;
const essay = readFileSync('content/articles/why-stack-layers.mdx', 'utf8');
const depths = depthsOf(ladder);
const deepest = depths.at(-1)!;

describe('"Why stack layers": the ladder and its language', () => {
  it('trains depths 1, 2, 3, 4 and 6 at one width, with two seeds at the two shallowest depths, and nothing missing', () => {
    expect(depths).toEqual([1, 2, 3, 4, 6]);
    expect(raw.missing_runs ?? []).toEqual([]);
    expect(new Set(raw.runs.map((r: any) => r.params / r.depth)).size).toBeGreaterThan(0);
    expect(runsAt(ladder, depths[0]!)).toHaveLength(2);
    expect(runsAt(ladder, depths[1]!)).toHaveLength(2);
    expect(n.runs).toBe(raw.runs.length);
  });

  it('hides the three compositional labels from a bag of tokens: within 2 points of chance', () => {
    expect(raw.bag_of_tokens_controls.map((c: any) => c.label)).toEqual(['subject_number', 'topic_number', 'document_property']);
    for (const c of raw.bag_of_tokens_controls) {
      expect(Math.abs(c.accuracy - c.chance)).toBeLessThanOrEqual(0.02);
      expect(c.compositional).toBe(true);
    }
    expect(n.controls.subject_number!.chance).toBe('50%');
  });
});

describe('"Why stack layers": what depth buys', () => {
  it('reads a verb’s third piece above chance at every depth, but no depth solves any scale', () => {
    for (const d of depths) for (const r of runsAt(ladder, d)) expect(r.scales.piece.accuracyCi[0]).toBeGreaterThan(r.scales.piece.chance);
    for (const s of SCALES) expect(shallowestSolved(ladder, s)).toBeNull();
  });

  it('leaves agreement at chance at depths 1 and 2, and off chance from depth 3 ("the first that needs depth")', () => {
    for (const r of ladder.runs) {
      const { accuracy, accuracyCi, chance } = r.scales.phrase;
      if (r.depth <= 2) expect(Math.abs(accuracy - chance), r.run).toBeLessThan(0.03);
      else expect(accuracyCi[0], r.run).toBeGreaterThan(chance + 0.05);
    }
    expect(runsAt(ladder, 1)).toHaveLength(2);
    expect(runsAt(ladder, 2)).toHaveLength(2);
    // "we do not rank depths 3, 4 and 6": one seed each above depth 2.
    for (const d of [3, 4, 6]) expect(runsAt(ladder, d)).toHaveLength(1);
  });

  it('leaves the pronoun and the document particle at chance at every depth', () => {
    for (const s of ['paragraph', 'document'] as const)
      for (const r of ladder.runs) expect(Math.abs(r.scales[s].accuracy - r.scales[s].chance), `${r.run} ${s}`).toBeLessThan(0.03);
  });

  it('reads the subject’s number at the verb in no model’s first two layers, and only above them (the top layer of depth ≥ 3)', () => {
    for (const r of ladder.runs) {
      const acc = r.probes.subject_number.accuracy;
      expect(Math.abs(acc[0]! - 0.5)).toBeLessThan(0.03);
      expect(Math.max(...acc.slice(0, 3)), r.run).toBeLessThan(0.6);
      if (r.depth >= 3) expect(acc.at(-1)!, r.run).toBeGreaterThan(0.65);
    }
  });

  it('has the deepest model read pieces worst, with a higher validation loss than depth 3 ("the least trained for its size")', () => {
    const piece = (d: number) => runsAt(ladder, d).reduce((t, r) => t + r.scales.piece.accuracy, 0) / runsAt(ladder, d).length;
    for (const d of depths.slice(0, -1)) expect(piece(deepest)).toBeLessThan(piece(d));
    expect(Number(n.valLoss[deepest])).toBeGreaterThan(Number(n.valLoss[3]));
  });
});

describe('"Why stack layers": the dezoom map', () => {
  it('reads the shortest noun phrases’ heads from the embeddings, the layers adding nothing beyond the noise', () => {
    const b = bestLayer(ladder, deepest, 'head_number', 1);
    expect(spanBand(ladder, deepest, 'head_number', 1, 0).mean).toBeGreaterThan(0.95);
    expect(b.tied).toContain(0);
    expect(Math.abs(n.headShort.gain)).toBeLessThanOrEqual(2);
  });

  it('needs the layers for the longest phrases’ heads: the best layer is above layer 0 beyond the noise, and higher than for short phrases', () => {
    const last = ladder.spanBuckets.length - 1;
    const b = bestLayer(ladder, deepest, 'head_number', last);
    expect(b.tied).not.toContain(0);
    expect(overlaps(spanBand(ladder, deepest, 'head_number', last, b.best), spanBand(ladder, deepest, 'head_number', last, 0))).toBe(false);
    expect(Math.min(...b.tied)).toBeGreaterThan(0);
    expect(n.headLong.gain).toBeGreaterThan(5);
    expect(essay).toContain('{ladder.headSentence}');
  });
});

describe('"Why stack layers": how far each layer looks', () => {
  it('has the first layer reach farthest at every depth, about as far as uniform attention', () => {
    for (const r of ladder.runs) expect(r.attentionDistance[0]).toBe(Math.max(...r.attentionDistance));
    const first = runsAt(ladder, deepest)[0]!.attentionDistance[0]!;
    expect(Math.abs(first - Number(n.uniformDistance)) / Number(n.uniformDistance)).toBeLessThan(0.1);
  });

  it('leaves layer 1’s vector changing by more than the criterion when the context is cut to the last 128 tokens', () => {
    for (const r of ladder.runs) {
      expect(r.effectiveContext[1]!.at(-1)).toBeGreaterThan(ladder.effectiveChange);
      expect(r.effectiveK[1]).toBeNull();
    }
  });

  it('says the Brown window holds about 67 words, from the tokenizer’s tokens per word', () => {
    expect(Number(brown.windowWords)).toBe(Math.round(Number(brown.context) / Number(brown.tokensPerWord)));
    expect(Number(brown.windowWords)).toBeGreaterThan(60);
    expect(Number(brown.windowWords)).toBeLessThan(75);
  });
});
