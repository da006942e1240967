import { describe, expect, it } from 'vitest';
import { focalPixels, viewMatrix, type OrbitCamera } from '../../../widgets/splats/camera.ts';
import { LOW_PASS, MAX_ALPHA, srgbEncode, type DrawList, type FrameView, type RenderTree } from '../../../widgets/splats/render/contract.ts';
import { rasterizeSplats, type RasterStats } from '../../../widgets/splats/render/cpu/rasterize.ts';

const W = 40;
const H = 30;
const camera: OrbitCamera = { target: [0, 0, -10], yaw: 0, pitch: 0, distance: 10, fovy: 0.8 };
const f = focalPixels(camera.fovy, H);
const background = [0.2, 0.4, 0.6] as const;
const frame: FrameView = { view: viewMatrix(camera), fovy: camera.fovy, width: W, height: H, colorByLevel: false, background };

interface Spec {
  /** Pixel centre. */
  px: number;
  py: number;
  depth: number;
  /** Σ₂'s diagonal, px², LOW_PASS included: sigma2 along x, and along y too unless sigma2y is given. */
  sigma2: number;
  sigma2y?: number;
  /** Σ₂'s off-diagonal, px² (y down), 0 unless given. */
  sigmaXY?: number;
  color: [number, number, number];
  opacity: number;
}

/** Each spec as a root (so drawn as itself), placed so that it lands on (px, py) with Σ₂ = sigma2·I. */
function treeOf(specs: Spec[]): RenderTree {
  const m = specs.length;
  const tree: RenderTree = {
    nodeCount: m,
    mean: new Float32Array(3 * m),
    cov: new Float32Array(6 * m),
    color: new Float32Array(3 * m),
    opacity: new Float32Array(m),
    parent: new Int32Array(m).fill(-1),
    childCount: new Uint8Array(m),
    level: new Uint8Array(m),
  };
  specs.forEach((s, n) => {
    tree.mean.set([((s.px - W / 2) * s.depth) / f, (-(s.py - H / 2) * s.depth) / f, -s.depth], 3 * n);
    // A flat Gaussian facing the camera (no variance in z), so that Σ₂ = (f/d)²·diag(σx², σy²) + LOW_PASS
    // exactly, wherever it is on screen.
    const world = (v: number) => ((v - LOW_PASS) * s.depth * s.depth) / (f * f);
    // Pixel y points down, world y up: the off-diagonal changes sign.
    const xy = (-(s.sigmaXY ?? 0) * s.depth * s.depth) / (f * f);
    tree.cov.set([world(s.sigma2), xy, 0, world(s.sigma2y ?? s.sigma2), 0, 0], 6 * n);
    tree.color.set(s.color, 3 * n);
    tree.opacity[n] = s.opacity;
  });
  return tree;
}

function listOf(nodes: number[], sortedFarFirst = false): DrawList {
  return { count: nodes.length, nodes: Uint32Array.from(nodes), blend: new Float32Array(nodes.length).fill(1), sortedFarFirst };
}

const pixel = (rgba: Uint8ClampedArray, i: number, j: number) => Array.from(rgba.subarray(4 * (j * W + i), 4 * (j * W + i) + 4));
const bytes = (c: readonly number[]) => [...c.map((v) => Math.round(v * 255)), 255];

describe('rasterizeSplats', () => {
  it('draws one splat exactly as the contract says, sampling pixel centres', () => {
    // Centre off the pixel grid; only the world covariance's float32 rounding separates this from exact.
    const spec: Spec = { px: 17.3, py: 12.8, depth: 8, sigma2: 4, color: [0.9, 0.3, 0.05], opacity: 0.85 };
    const stats: RasterStats = { drawn: 0, fragments: 0 };
    const rgba = rasterizeSplats(treeOf([spec]), listOf([0]), frame, {}, stats);
    expect(stats.drawn).toBe(1);
    // A circle's eigenvectors are any pair of axes, so its quad may be turned by any angle: pixels within
    // 3σ are inside it whatever the turn, pixels beyond 3√2·σ outside; in between, either is right.
    const sigma = Math.sqrt(spec.sigma2);
    let inside = 0;
    let between = 0;
    for (let j = 0; j < H; j++) {
      for (let i = 0; i < W; i++) {
        const dx = i + 0.5 - spec.px;
        const dy = j + 0.5 - spec.py;
        const r = Math.hypot(dx, dy);
        let alpha = Math.min(MAX_ALPHA, spec.opacity * Math.exp((-0.5 * r * r) / spec.sigma2));
        if (alpha < 1 / 255 || r > 3 * Math.SQRT2 * sigma) alpha = 0;
        const drawn = bytes(background.map((b, a) => srgbEncode(spec.color[a]!) * alpha + b * (1 - alpha)));
        const got = pixel(rgba, i, j);
        const near = (e: number[]) => got.every((v, a) => Math.abs(v - e[a]!) <= 1);
        if (r <= 3 * sigma) {
          expect(near(drawn)).toBe(true);
          if (alpha > 0) inside++;
        } else {
          expect(near(drawn) || near(bytes(background))).toBe(true);
          if (alpha > 0) between++;
        }
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(stats.fragments).toBeGreaterThanOrEqual(inside);
    expect(stats.fragments).toBeLessThanOrEqual(inside + between);
  });

  it('samples at pixel centres: a splat centred on (10.5, 20.5) peaks on pixel (10, 20), symmetric about it', () => {
    const rgba = rasterizeSplats(treeOf([{ px: 10.5, py: 20.5, depth: 5, sigma2: 2, color: [1, 1, 1], opacity: 0.6 }]), listOf([0]), frame);
    const centre = pixel(rgba, 10, 20);
    expect(centre).toEqual(bytes(background.map((b) => 0.6 + b * 0.4)));
    expect(pixel(rgba, 9, 20)).toEqual(pixel(rgba, 11, 20));
    expect(pixel(rgba, 10, 19)).toEqual(pixel(rgba, 10, 21));
    expect(pixel(rgba, 9, 20)[0]!).toBeLessThan(centre[0]!);
  });

  it('clips to the footprint quad at 3σ even where α would still be drawn', () => {
    // Σ₂ = [[2.5, 1.5], [1.5, 2.5]]: eigenvalues 4 along (1, 1) and 1 along (−1, 1), so the quad's
    // half-lengths are 6 px and 3 px, turned 45°. A pixel centre 6.36 px along the major axis is inside the
    // quad's bounding box and has g = exp(−5.06) ≈ 0.0064 > 1/255 at opacity 1, yet it is outside the quad.
    const spec: Spec = { px: 20, py: 15, depth: 5, sigma2: 2.5, sigma2y: 2.5, sigmaXY: 1.5, color: [1, 1, 1], opacity: 1 };
    const rgba = rasterizeSplats(treeOf([spec]), listOf([0]), frame);
    const bg = bytes(background);
    expect(pixel(rgba, 20 + 3, 15 + 3)).not.toEqual(bg); // (3.5, 3.5): 4.95 px along the axis, inside
    expect(pixel(rgba, 20 + 4, 15 + 4)).toEqual(bg); // (4.5, 4.5): 6.36 px along, outside
    expect(pixel(rgba, 20 - 5, 15 - 5)).toEqual(bg); // (−4.5, −4.5)
    expect(pixel(rgba, 20 - 4, 15 - 4)).not.toEqual(bg); // (−3.5, −3.5)
    // Across the minor axis, 3 px: (−1.5, 1.5) is 2.1 px off the centre, inside.
    expect(pixel(rgba, 20 - 2, 15 + 1)).not.toEqual(bg);
  });

  it('caps α at MAX_ALPHA and discards α below 1/255', () => {
    const tree = treeOf([
      { px: 5.5, py: 5.5, depth: 5, sigma2: 1, color: [1, 1, 1], opacity: 1 },
      { px: 30.5, py: 20.5, depth: 5, sigma2: 100, color: [1, 1, 1], opacity: 0.003 },
    ]);
    const rgba = rasterizeSplats(tree, listOf([0, 1]), frame);
    expect(pixel(rgba, 5, 5)).toEqual(bytes(background.map((b) => MAX_ALPHA + b * (1 - MAX_ALPHA))));
    expect(pixel(rgba, 30, 20)).toEqual(bytes(background));
  });

  it('composites far first, whatever the list order, unless the list says it is already sorted', () => {
    const red: Spec = { px: 20.5, py: 15.5, depth: 4, sigma2: 3, color: [1, 0, 0], opacity: 1 };
    const blue: Spec = { px: 20.5, py: 15.5, depth: 9, sigma2: 3, color: [0, 0, 1], opacity: 1 };
    const tree = treeOf([red, blue]);
    const nearRed = bytes([0.99, 0.0099, 0.99 * 0.01 + 0.01 * 0.01].map((v, a) => (a === 2 ? 0.01 * 0.99 + 0.01 * 0.01 * background[2] : a === 1 ? 0.01 * 0.01 * background[1] : v + 0.01 * 0.01 * background[0])));
    for (const order of [[0, 1], [1, 0]]) {
      const got = pixel(rasterizeSplats(tree, listOf(order), frame), 20, 15);
      got.forEach((v, a) => expect(Math.abs(v - nearRed[a]!)).toBeLessThanOrEqual(1));
    }
    // Marked sorted, the list [red, blue] is drawn in that order: blue (the far one) ends on top.
    const wrong = pixel(rasterizeSplats(tree, listOf([0, 1], true), frame), 20, 15);
    expect(wrong[2]!).toBeGreaterThan(240);
    expect(wrong[0]!).toBeLessThan(10);
  });

  it('skips splats behind the near plane and leaves an empty list as the background, opaque', () => {
    const rgba = rasterizeSplats(treeOf([{ px: 20, py: 15, depth: 0.01, sigma2: 4, color: [1, 1, 1], opacity: 1 }]), listOf([0]), frame);
    const bg = bytes(background);
    for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) expect(pixel(rgba, i, j)).toEqual(bg);
    expect(rasterizeSplats(treeOf([]), listOf([]), frame).every((v, k) => v === bg[k % 4])).toBe(true);
  });

  it('with an 8-bit framebuffer rounds after each blend, within a few levels of the float image', () => {
    // Many faint, overlapping splats: where rounding per blend matters most.
    const specs: Spec[] = [];
    for (let k = 0; k < 60; k++) specs.push({ px: 8 + (k % 10) * 2.3, py: 6 + Math.floor(k / 10) * 3.1, depth: 3 + k * 0.1, sigma2: 9, color: [k / 60, 0.5, 1 - k / 60], opacity: 0.12 });
    const tree = treeOf(specs);
    const list = listOf(specs.map((_, k) => k));
    const exact = rasterizeSplats(tree, list, frame);
    const rounded = rasterizeSplats(tree, list, frame, { framebuffer: 'unorm8' });
    let maxDiff = 0;
    let differ = 0;
    for (let k = 0; k < exact.length; k++) {
      const d = Math.abs(exact[k]! - rounded[k]!);
      maxDiff = Math.max(maxDiff, d);
      if (d > 0) differ++;
    }
    expect(maxDiff).toBeLessThanOrEqual(6);
    expect(differ).toBeGreaterThan(0);
  });

  it('rejects an empty or fractional image size', () => {
    expect(() => rasterizeSplats(treeOf([]), listOf([]), { ...frame, width: 0 })).toThrow(RangeError);
    expect(() => rasterizeSplats(treeOf([]), listOf([]), { ...frame, height: 2.5 })).toThrow(RangeError);
  });
});
