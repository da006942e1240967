// "Why stack layers" repeats the depth ladder's measurements on the Brown model (content/numbers/dezoom-brown.ts,
// read from public/models/transformer-dezoom.json, written by models/transformer/measure_dezoom.py). These tests
// hold the words around the numbers ("better than the first three layers, and tied with the last", "add at
// most", "never above its control task", "each layer depends on a longer stretch") to the file's intervals, in
// every probe seed, so that a remeasured model that no longer fits them fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTransformerDezoom } from '../../../widgets/models/artifacts.ts';
import { tie } from '../../../widgets/models/transformer/dezoom.ts';
import { n } from '../../../content/numbers/dezoom-brown.ts';

const dz = readTransformerDezoom();
const essay = readFileSync('content/articles/why-stack-layers.mdx', 'utf8');
const L = dz.layers;
const layers = Array.from({ length: L }, (_, i) => i + 1);

describe('"Why stack layers": the ladder\'s measurements on the Brown model', () => {
  it('reads its numbers from the numbers module, measured with two probe seeds on the shipped model', () => {
    expect(essay).toContain("import { n as dzb } from '../numbers/dezoom-brown.ts';");
    expect(essay).toContain('{dzb.genre.bag}');
    expect(dz.seeds.length).toBe(2);
    expect(essay).toContain('two probe seeds');
    const raw = JSON.parse(readFileSync('public/models/transformer-dezoom.json', 'utf8'));
    expect(raw.model.fixture_max_abs_diff).toBeLessThanOrEqual(1e-4);
  });

  it('genre: the bag of input embeddings beats layers 1 … L−1 and ties the top layer, in every seed', () => {
    expect(essay).toContain('better than the first three layers, and tied with the last');
    expect(L).toBe(4);
    for (const s of dz.seeds) {
      for (const l of layers.slice(0, -1)) expect(s.genre.layerMinusBagCi[l]![1], `seed ${s.seed} layer ${l}`).toBeLessThan(0);
      expect(tie(s.genre.layerMinusBagCi[L]!), `seed ${s.seed}`).toBe(true);
    }
  });

  it('part of speech: depth adds almost nothing to one-piece words and resolved points to multi-piece ones', () => {
    for (const s of dz.seeds) {
      const { single, multi } = s.upos;
      expect(Math.max(...single.acc.slice(1)) - single.acc[0]!).toBeLessThan(0.02);
      expect(Math.max(...multi.acc.slice(1)) - multi.acc[0]!).toBeGreaterThan(0.05);
      // "reach … at layer {multiBestLayer}": that layer is the best, or tied with the best, in every seed
      const b = n.upos.multiBestLayer;
      const top = multi.acc.indexOf(Math.max(...multi.acc.slice(1)));
      expect(multi.ci[b]![1]).toBeGreaterThanOrEqual(multi.ci[top]![0]);
      // more gain for multi-piece words than for one-piece words, resolved, from layer 2 on
      for (const l of layers.slice(1)) expect(s.upos.multiGainMinusSingleGainCi[l]![0], `seed ${s.seed} layer ${l}`).toBeGreaterThan(0);
    }
  });

  it('sentence position climbs with depth but is never above its control task', () => {
    for (const s of dz.seeds) {
      expect(s.sentpos.gainCi[L]![0]).toBeGreaterThan(0);
      for (const l of [0, ...layers]) {
        expect(s.sentpos.selectivity[l]).toBeLessThan(0);
        expect(s.sentpos.selectivityCi[l]![0]).toBeLessThan(0); // no interval above zero
      }
    }
  });

  it('effective context: the cut never falls under the threshold above the embeddings; with replacement, each layer needs more kept tokens than the one below', () => {
    expect(dz.cut.effectiveK.slice(1)).toEqual(layers.map(() => null));
    for (const l of layers) expect(dz.cut.change[l]!.at(-1)!).toBeGreaterThan(dz.effectiveChange);
    const k = dz.replaced.effectiveK.slice(1).map((x) => x ?? Infinity);
    for (let i = 1; i < k.length; i++) expect(k[i]!).toBeGreaterThan(k[i - 1]!);
    // the conservative reading (intervals' upper ends) keeps the order
    const ku = dz.replaced.effectiveKUpper.slice(1).map((x) => x ?? Infinity);
    for (let i = 1; i < ku.length; i++) expect(ku[i]!).toBeGreaterThan(ku[i - 1]!);
    // MEASUREMENTS.md: at every k, layer ℓ + 1 changes more than layer ℓ, intervals apart (so layer 1, "small in
    // the vector", changes least of all)
    for (const l of layers.slice(0, -1)) dz.cutKs.forEach((_, j) => expect(dz.replaced.changeCi[l]![j]![1]).toBeLessThan(dz.replaced.changeCi[l + 1]![j]![0]));
    expect(essay).toContain('each layer depends on a longer stretch of text than the one below it');
  });
});
