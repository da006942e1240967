/** A number as a WGSL f32 literal ("1024" alone would be an abstract int; exponents are kept). */
export function f32Literal(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`WGSL has no literal for ${x}`);
  const s = String(x);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}
