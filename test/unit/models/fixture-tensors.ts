// What every ONNX-against-torch fixture test needs: the fixtures' tensors (base64 of little-endian float32, as
// the exports write them) read back as floats, and the largest difference between ORT's numbers and torch's.
import { expect } from 'vitest';

export interface FixtureTensor {
  shape: number[];
  data: string; // base64 of little-endian float32
}

export function floats(t: FixtureTensor): Float32Array {
  const buf = Buffer.from(t.data, 'base64');
  const out = new Float32Array(buf.length / 4); // an aligned copy (Buffer.from may hand out an unaligned pool slice)
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Largest |a − b| over matching entries; fails on length mismatch, and NaN counts as Infinity. */
export function maxAbsDiff(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expect(got.length).toBe(want.length);
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i]! - want[i]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
