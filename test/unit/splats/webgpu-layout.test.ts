import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focalPixels } from '../../../widgets/splats/camera.ts';
import { levelColor, type FrameView } from '../../../widgets/splats/render/contract.ts';
import { MIN_ENTRIES, SPLAT_BYTES, entryBufferBytes, grownCapacity, tooLarge, treeBufferBytes } from '../../../widgets/splats/render/webgpu/buffer-sizes.ts';
import { dispatchGrid } from '../../../widgets/splats/render/webgpu/dispatch.ts';
import { FRAME_BYTES, FRAME_OFFSETS, FRAME_STRUCT_WGSL, packFrameUniforms } from '../../../widgets/splats/render/webgpu/frame-uniforms.ts';
import { f32Literal } from '../../../widgets/splats/render/webgpu/shaders/literals.ts';
import { SORT_TILE, histogramEntries, packSortParams, sortParamsStride, sortTiles } from '../../../widgets/splats/render/webgpu/sort-layout.ts';

describe('dispatchGrid', () => {
  it('covers every workgroup within the per-dimension limit, with fewer than x surplus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 1, max: 65_535 }), (n, max) => {
        fc.pre(n <= max * max);
        const [x, y] = dispatchGrid(n, max);
        expect(x).toBeLessThanOrEqual(max);
        expect(y).toBeLessThanOrEqual(max);
        expect(x * y).toBeGreaterThanOrEqual(n);
        expect(x * y - n).toBeLessThan(x);
      }),
    );
  });
  it('stays 1D when it fits and goes 2D when it does not', () => {
    expect(dispatchGrid(65_535, 65_535)).toEqual([65_535, 1]);
    expect(dispatchGrid(65_536, 65_535)).toEqual([65_535, 2]);
    expect(dispatchGrid(0, 65_535)).toEqual([0, 0]);
  });
  it('refuses what no grid holds, and nonsense counts', () => {
    expect(() => dispatchGrid(101, 10)).toThrow(RangeError);
    expect(() => dispatchGrid(-1, 10)).toThrow(RangeError);
    expect(() => dispatchGrid(1.5, 10)).toThrow(RangeError);
  });
});

describe('radix sort layout', () => {
  it('tiles of 4,096 keys as in the CPU reference, one histogram counter per (digit, tile)', () => {
    expect(SORT_TILE).toBe(4096);
    expect(sortTiles(1)).toBe(1);
    expect(sortTiles(4096)).toBe(1);
    expect(sortTiles(4097)).toBe(2);
    expect(histogramEntries(1_000_000)).toBe(16 * 245);
  });
  it('packs one aligned slot per pass with the pass shift', () => {
    const stride = sortParamsStride(256);
    expect(stride).toBe(256);
    expect(sortParamsStride(32)).toBe(32);
    const u32 = new Uint32Array(packSortParams(10_000, stride));
    expect(u32.length).toBe((8 * 256) / 4);
    for (let pass = 0; pass < 8; pass++) {
      expect(Array.from(u32.subarray(pass * 64, pass * 64 + 4))).toEqual([10_000, 4 * pass, 3, 0]);
    }
  });
});

/** WGSL alignment and size of the member types the Frame struct uses. */
const WGSL_TYPES: Record<string, { align: number; size: number }> = {
  'mat4x4<f32>': { align: 16, size: 64 },
  'vec2<f32>': { align: 8, size: 8 },
  f32: { align: 4, size: 4 },
  u32: { align: 4, size: 4 },
  'array<vec4<f32>, 8>': { align: 16, size: 128 },
};

describe('frame uniforms', () => {
  it('the WGSL struct lays out its members at the packer offsets (WGSL alignment rules)', () => {
    const members = [...FRAME_STRUCT_WGSL.matchAll(/^\s*(\w+): (.+),$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(members.map((m) => m[0])).toEqual(Object.keys(FRAME_OFFSETS));
    let offset = 0;
    for (const [name, type] of members) {
      const t = WGSL_TYPES[type];
      expect(t, type).toBeDefined();
      offset = Math.ceil(offset / t!.align) * t!.align;
      expect(offset, name).toBe(FRAME_OFFSETS[name as keyof typeof FRAME_OFFSETS]);
      offset += t!.size;
    }
    expect(Math.ceil(offset / 16) * 16).toBe(FRAME_BYTES);
  });
  it('packs the view, size, focal length, count, flag and linear palette', () => {
    const view = Float32Array.from({ length: 16 }, (_, i) => i + 0.5);
    const frame: FrameView = { view, fovy: 0.8, width: 640, height: 480, colorByLevel: true, background: [1, 1, 1] };
    const buf = packFrameUniforms(frame, 1234);
    const f32 = new Float32Array(buf);
    const u32 = new Uint32Array(buf);
    expect(Array.from(f32.subarray(0, 16))).toEqual(Array.from(view));
    expect(f32[16]).toBe(640);
    expect(f32[17]).toBe(480);
    expect(f32[18]).toBeCloseTo(focalPixels(0.8, 480), 3);
    expect(u32[19]).toBe(1234);
    expect(u32[20]).toBe(1);
    expect(u32[(FRAME_OFFSETS.colorByLevel) / 4]).toBe(1);
    for (let level = 0; level < 8; level++) {
      const c = levelColor(level);
      for (let k = 0; k < 3; k++) expect(f32[24 + 4 * level + k]).toBeCloseTo(c[k]!, 6);
    }
    expect(new Uint32Array(packFrameUniforms({ ...frame, colorByLevel: false }, 0))[20]).toBe(0);
  });
});

describe('buffer sizes', () => {
  it('grows only, at least to what is needed and by half again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), (current, needed) => {
        const next = grownCapacity(current, needed);
        expect(next).toBeGreaterThanOrEqual(current);
        expect(next).toBeGreaterThanOrEqual(needed);
        if (needed <= current) expect(next).toBe(current);
        else expect(next).toBeGreaterThanOrEqual(Math.max(MIN_ENTRIES, 1.5 * current));
      }),
    );
  });
  it('sizes per-entry buffers and the tree, never zero', () => {
    const b = entryBufferBytes(2048);
    expect(b).toEqual({ list: 8192, sortWords: 8192, histogram: 4 * 16 * 1, splats: SPLAT_BYTES * 2048 });
    expect(treeBufferBytes(0)).toBe(64);
    expect(treeBufferBytes(10)).toBe(640);
  });
  it('says in a sentence when a buffer exceeds the device limit', () => {
    expect(tooLarge('x', 100, 100)).toBeNull();
    expect(tooLarge('A tree of 9 nodes', 300 * 2 ** 20, 128 * 2 ** 20)).toBe(
      'A tree of 9 nodes needs 300 MB of GPU memory in one buffer; this device allows 128 MB.',
    );
  });
});

describe('f32Literal', () => {
  it('always writes a float literal WGSL reads back as the same f32', () => {
    expect(f32Literal(1024)).toBe('1024.0');
    expect(f32Literal(0.05)).toBe('0.05');
    expect(f32Literal(1e-7)).toBe('1e-7');
    expect(Math.fround(Number(f32Literal(1 / 255)))).toBe(Math.fround(1 / 255));
    expect(() => f32Literal(Infinity)).toThrow(RangeError);
  });
});
