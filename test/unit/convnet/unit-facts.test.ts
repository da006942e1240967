import { describe, expect, it } from 'vitest';
import { readConvnetMeasurements } from '../../../widgets/models/artifacts.ts';
import { channelFacts, orientationLabel } from '../../../widgets/convnet/unit-facts.ts';

const m = readConvnetMeasurements();

describe('what the unit panel says about a channel', () => {
  it('names orientation bins by their angle on screen', () => {
    expect(orientationLabel(0)).toBe('0° (horizontal)');
    expect(orientationLabel(4)).toBe('90° (vertical)');
    expect(orientationLabel(2)).toContain('/');
    expect(orientationLabel(1)).toBe('22.5°');
  });

  it('gives every live channel of every block its best labels and its top patches, cut to the field', () => {
    const sizes = [3, 8, 18, 38];
    const widths = [16, 32, 64, 64];
    for (let b = 1; b <= 4; b++) {
      for (let c = 0; c < widths[b - 1]!; c++) {
        const f = channelFacts(m, b, c);
        if (f.dead) continue;
        expect(f.facts.map((x) => x.family)).toContain('class');
        for (const x of f.facts) expect(x.lift).toBeGreaterThan(0);
        expect(f.patches.length).toBeGreaterThan(0);
        for (const p of f.patches) expect(p.pixels.length).toBe(sizes[b - 1]! ** 2);
        // Strongest first.
        for (let i = 1; i < f.patches.length; i++) expect(f.patches[i]!.activation).toBeLessThanOrEqual(f.patches[i - 1]!.activation);
      }
    }
  });

  it('says a channel outside the measurements is dead rather than throwing', () => {
    expect(channelFacts(m, 9, 0).dead).toBe(true);
  });
});
