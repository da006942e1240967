// Head labels computed from the committed transformer-measurements.json.
import { describe, expect, it } from 'vitest';
import { readTransformerMeasurements } from '../../../widgets/models/artifacts.ts';
import type { HeadStats } from '../../../widgets/models/transformer/measurements.ts';
import { HEAD_THRESHOLDS, classifyHead, describeHeads, headsOfLayer } from '../../../widgets/models/transformer/head-labels.ts';

const m = readTransformerMeasurements();
const heads = describeHeads(m);

describe('head labels from the measurements', () => {
  it('describe every head of every block', () => {
    expect(heads).toHaveLength(m.model.n_layer * m.model.n_head);
    expect(headsOfLayer(heads, 1).map((h) => h.head)).toEqual([...Array(m.model.n_head).keys()]);
    for (const h of heads) {
      expect(h.layerIndex).toBe(h.layer - 1);
      expect(h.reach).toBeGreaterThan(0);
      expect(h.spread).toBeGreaterThan(0);
      expect(h.label.length).toBeGreaterThan(0);
      expect(h.detail).toMatch(/tokens back on average/);
    }
    console.log(heads.map((h) => `L${h.layer}H${h.head} ${h.label} (reach ${h.reach.toFixed(2)}, spread ${h.spread.toFixed(2)})`).join('\n'));
  });

  it('agree with the measurements’ own lists of previous-token and first-token heads', () => {
    const named = (kind: string) => heads.filter((h) => h.kind === kind).map((h) => [h.layer, h.head]);
    expect(named('previous-token')).toEqual(m.attention.prev_token_heads.map(([l, h]) => [l, h]));
    expect(named('first-token')).toEqual(m.attention.first_token_heads.map(([l, h]) => [l, h]));
  });

  it('tell the heads apart: the measured heads do not all get one label', () => {
    const kinds = new Set(heads.map((h) => h.kind));
    expect(kinds.size).toBeGreaterThan(1);
    for (const h of heads) {
      // the reach is the distance in tokens over the uniform reference, as documented
      expect(h.reach * m.attention.uniform.mean_distance_excl_first).toBeCloseTo(h.stats.mean_distance_excl_first, 9);
    }
  });

  it('classify by the documented thresholds', () => {
    const u = m.attention.uniform;
    const head = (over: Partial<HeadStats>): HeadStats => ({
      mean_distance: u.mean_distance,
      mean_distance_excl_first: u.mean_distance_excl_first,
      first_token_share: u.first_token_share,
      entropy: u.entropy,
      prev_token_share: u.prev_token_share,
      self_share: u.prev_token_share,
      ...over,
    });
    expect(classifyHead(head({}), u).kind).toBe('near-uniform');
    expect(classifyHead(head({ entropy: u.entropy * 0.5 }), u).kind).toBe('broad');
    expect(classifyHead(head({ mean_distance_excl_first: u.mean_distance_excl_first * 0.3 }), u).kind).toBe('mid-range');
    expect(classifyHead(head({ mean_distance_excl_first: u.mean_distance_excl_first * 0.1 }), u).kind).toBe('local');
    expect(classifyHead(head({ first_token_share: 0.6 }), u).kind).toBe('first-token');
    expect(classifyHead(head({ prev_token_share: 0.51, mean_distance_excl_first: 1 }), u).kind).toBe('previous-token');
    expect(classifyHead(head({ self_share: 0.7, mean_distance_excl_first: 0.5 }), u).kind).toBe('self');
    expect(HEAD_THRESHOLDS.localReach).toBeLessThan(HEAD_THRESHOLDS.broadReach);
  });
});
