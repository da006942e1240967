import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, paeth } from '../../../widgets/splats/render/cpu/png.ts';

interface Chunk {
  type: string;
  data: Uint8Array;
}

/** Splits a PNG into chunks, checking the signature and every chunk's CRC. */
function chunks(png: Uint8Array): Chunk[] {
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const dv = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = dv.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    expect(dv.getUint32(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** The decoder side of PNG's five filters, written from the specification independently of the encoder. */
function unfilter(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = 4 * width;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (stride + 1)]!;
    expect(type).toBeLessThanOrEqual(4);
    for (let x = 0; x < stride; x++) {
      const f = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, pr][type]!;
      out[y * stride + x] = (f + predicted) & 0xff;
    }
  }
  return out;
}

function decode(png: Uint8Array) {
  const all = chunks(png);
  expect(all.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = new DataView(all[0]!.data.buffer, all[0]!.data.byteOffset, 13);
  const width = ihdr.getUint32(0);
  const height = ihdr.getUint32(4);
  expect(Array.from(all[0]!.data.subarray(8))).toEqual([8, 6, 0, 0, 0]);
  const raw = new Uint8Array(inflateSync(all[1]!.data));
  expect(raw.length).toBe((4 * width + 1) * height);
  return { width, height, pixels: unfilter(raw, width, height), filters: new Set(Array.from({ length: height }, (_, y) => raw[y * (4 * width + 1)]!)) };
}

describe('encodePng', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(paeth(10, 20, 15)).toBe(15);
  });

  it('round-trips images through header, CRCs, deflate and filters', () => {
    const cases: [number, number, (x: number, y: number, c: number) => number][] = [
      [1, 1, () => 200],
      [7, 5, (x, y, c) => (x * 37 + y * 91 + c * 53) & 0xff],
      // A smooth gradient: "up" or Paeth should win over no filter.
      [64, 48, (x, y, c) => (c === 3 ? 255 : (x * 2 + y * 3 + c * 40) & 0xff)],
      // Random bytes: any filter may win, all must decode.
      [33, 17, () => Math.floor(Math.random() * 256)],
    ];
    for (const [w, h, value] of cases) {
      const rgba = new Uint8ClampedArray(4 * w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 4; c++) rgba[4 * (y * w + x) + c] = value(x, y, c);
      const png = encodePng(rgba, w, h);
      const decoded = decode(png);
      expect([decoded.width, decoded.height]).toEqual([w, h]);
      expect(Array.from(decoded.pixels)).toEqual(Array.from(rgba));
      if (w === 64) expect(decoded.filters.has(0)).toBe(false);
    }
  });

  it('rejects a size that does not match the pixels', () => {
    expect(() => encodePng(new Uint8Array(16), 2, 3)).toThrow(RangeError);
    expect(() => encodePng(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});
