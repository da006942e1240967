import { describe, expect, it } from 'vitest';
import { defaultState } from '../../../widgets/runtime/url-state.ts';
import { TAU_SLIDER_MAX, levelRows, levelSpan, sliderFromTau, tauFromSlider, viewSummary } from '../../../widgets/splats/describe.ts';
import { MAX_TAU, splatSchema } from '../../../widgets/splats/state.ts';

const tree = { leafCount: 200_000, nodeCount: 343_210, depth: 17, nodesPerLevel: [1, 8, 60, 400] };

describe('splat widget words', () => {
  it('maps the τ slider to 0 … MAX_TAU and back', () => {
    expect(tauFromSlider(0)).toBe(0);
    expect(tauFromSlider(TAU_SLIDER_MAX)).toBe(MAX_TAU);
    expect(tauFromSlider(-5)).toBe(0);
    for (let p = 0; p <= TAU_SLIDER_MAX; p++) expect(sliderFromTau(tauFromSlider(p))).toBe(p);
    expect(sliderFromTau(2)).toBe(14);
  });

  it('names the levels in use', () => {
    expect(levelSpan([0, 0, 3, 5, 0])).toBe('levels 2–3');
    expect(levelSpan([0, 7])).toBe('level 1');
    expect(levelSpan([0, 0])).toBe('no level');
  });

  it('says what the canvas shows, in each mode', () => {
    const s = defaultState(splatSchema);
    expect(viewSummary(s, null, null, [])).toMatch(/^Building the procedural car from 200,000 Gaussian splats\.$/);
    const cut = viewSummary({ ...s, tau: 2 }, tree, 46_123, [0, 0, 10, 46_113]);
    expect(cut).toContain('343,210 nodes over 17 levels');
    expect(cut).toContain('drawn as 46,123 splats at τ = 2 px, from levels 2–3 (23% of the leaves)');
    const level = viewSummary({ ...s, mode: 'level', level: 3, color: 'level' }, tree, 400, [0, 0, 0, 400]);
    expect(level).toContain('showing level 3');
    expect(level).toContain('coloured by level');
    expect(level).toContain('(0.2% of the leaves)');
  });

  it('lists every level of the tree with its drawn count', () => {
    expect(levelRows(tree, [0, 2])).toEqual([
      { level: 0, nodes: 1, drawn: 0 },
      { level: 1, nodes: 8, drawn: 2 },
      { level: 2, nodes: 60, drawn: 0 },
      { level: 3, nodes: 400, drawn: 0 },
    ]);
  });
});
