/**
 * A minimal PNG encoder for the static splat images: 8-bit RGBA, no interlace, one IDAT chunk. Node only
 * (zlib from node:zlib); it runs when the site is built, never in the browser.
 *
 * Each row gets the filter (PNG filter types 0–4) whose output has the smallest sum of absolute values taken
 * as signed bytes, the heuristic the PNG specification recommends (section 12.8); splat images are smooth,
 * so "up" and "Paeth" usually win and the file is several times smaller than unfiltered.
 */
import { deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const BYTES_PER_PIXEL = 4;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG chunks use) of `bytes`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

export function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Writes row `y` filtered with `type` into out[1 …] (out[0] is the type) and returns the heuristic's cost. */
function filterRow(rgba: ArrayLike<number>, stride: number, y: number, type: number, out: Uint8Array): number {
  const row = y * stride;
  const prev = row - stride;
  out[0] = type;
  let cost = 0;
  for (let x = 0; x < stride; x++) {
    const v = rgba[row + x]!;
    const a = x >= BYTES_PER_PIXEL ? rgba[row + x - BYTES_PER_PIXEL]! : 0;
    const b = y > 0 ? rgba[prev + x]! : 0;
    const c = y > 0 && x >= BYTES_PER_PIXEL ? rgba[prev + x - BYTES_PER_PIXEL]! : 0;
    const predicted = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
    const f = (v - predicted) & 0xff;
    out[1 + x] = f;
    cost += f < 128 ? f : 256 - f;
  }
  return cost;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A PNG file of a width × height RGBA8 image (rows top to bottom, 4 bytes per pixel). */
export function encodePng(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new RangeError(`encodePng: the image must be at least 1 × 1 whole pixels, not ${width} × ${height}`);
  }
  if (rgba.length !== width * height * BYTES_PER_PIXEL) {
    throw new RangeError(`encodePng: ${rgba.length} bytes for a ${width} × ${height} RGBA image, which needs ${width * height * 4}`);
  }
  const stride = width * BYTES_PER_PIXEL;
  const raw = new Uint8Array((stride + 1) * height);
  const best = new Uint8Array(stride + 1);
  const trial = new Uint8Array(stride + 1);
  for (let y = 0; y < height; y++) {
    let bestCost = Infinity;
    for (let type = 0; type <= 4; type++) {
      const cost = filterRow(rgba, stride, y, type, trial);
      if (cost < bestCost) {
        bestCost = cost;
        best.set(trial);
      }
    }
    raw.set(best, y * (stride + 1));
  }

  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Compression 0 (deflate), filter method 0 (adaptive), interlace 0 (none): header[10 … 12] stay 0.
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}
