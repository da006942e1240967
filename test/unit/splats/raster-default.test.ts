import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEWS, SCENE_NAMES, describeView } from '../../../widgets/splats/default-views.ts';
import { describeDefaultView, renderDefaultView } from '../../../widgets/splats/render/cpu/default-image.ts';
import { renderDefaultPng } from '../../../widgets/splats/render/cpu/default-png.ts';
import { GET, getStaticPaths } from '../../../src/pages/splats/[image].png.ts';

// Small scenes and images: the site's are 200,000 splats at 960 × 600, seconds each.
const small = { leafCount: 3000, width: 96, height: 60 };

describe('the default views’ static images', () => {
  for (const scene of SCENE_NAMES) {
    it(`draws the ${scene}: many colours, much of it not background`, () => {
      const image = renderDefaultView(scene, small);
      expect(image.rgba.length).toBe(4 * 96 * 60);
      const bg = DEFAULT_VIEWS[scene].background.map((v) => Math.round(v * 255));
      const colours = new Set<number>();
      let notBackground = 0;
      for (let k = 0; k < image.rgba.length; k += 4) {
        const [r, g, b, a] = [image.rgba[k]!, image.rgba[k + 1]!, image.rgba[k + 2]!, image.rgba[k + 3]!];
        expect(a).toBe(255);
        colours.add((r << 16) | (g << 8) | b);
        if (Math.abs(r - bg[0]!) + Math.abs(g - bg[1]!) + Math.abs(b - bg[2]!) > 6) notBackground++;
      }
      expect(colours.size).toBeGreaterThan(50);
      expect(notBackground / (96 * 60)).toBeGreaterThan(0.1);
      expect(image.cutCount).toBeGreaterThan(0);
      expect(image.stats.drawn).toBeLessThanOrEqual(image.cutCount);
      expect(describeDefaultView(scene, small)).toBe(describeView({ ...DEFAULT_VIEWS[scene], ...small }, image.cutCount, image.leavesDrawn));
    });
  }

  it('describes the view with the cut’s count', () => {
    expect(describeView(DEFAULT_VIEWS.car, 46123, 40000)).toBe(
      'A procedural car of 200,000 Gaussian splats, drawn as 46,123 splats of its level-of-detail tree (6,123 of them merges) at τ = 8 px.',
    );
    expect(describeView(DEFAULT_VIEWS.car, 200000, 200000)).toBe('A procedural car of 200,000 Gaussian splats, every one drawn as itself at τ = 8 px.');
  });

  it('encodes the image as a PNG of the view’s size', () => {
    const { png, image } = renderDefaultPng('car', small);
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const dv = new DataView(png.buffer, png.byteOffset);
    expect([dv.getUint32(16), dv.getUint32(20)]).toEqual([96, 60]);
    // IDAT starts after the 8-byte signature and the 25-byte IHDR chunk.
    const idat = png.subarray(33 + 8, 33 + 8 + dv.getUint32(33));
    expect(inflateSync(idat).length).toBe((4 * 96 + 1) * 60);
    expect(image.view.width).toBe(96);
  });

  it('lists one page per scene for the site build', () => {
    expect(getStaticPaths().map((p) => p.params.image)).toEqual(['car', 'landscape']);
    expect(typeof GET).toBe('function');
  });
});
