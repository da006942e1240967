/**
 * The few numerical kernels the transformer widgets share, in float64. Model outputs are float32,
 * but sums of 2048 exponentials and differences of log-probabilities lose digits in float32, and the
 * essays print KL divergences to three decimals.
 */

/**
 * log softmax(x)_i = (x_i − max) − ln Σ_j exp(x_j − max). Subtracting the maximum keeps every
 * exponent ≤ 0, so nothing overflows and the largest term is exactly 1 (the sum is ≥ 1, its log
 * finite); keeping (x_i − max) apart from the log avoids rounding max + ln Σ to a large number's
 * precision. −Infinity entries (masked positions) stay −Infinity; NaN, +Infinity, an empty vector or
 * an all −Infinity one have no distribution and throw.
 */
export function logSoftmax(x: ArrayLike<number>): Float64Array {
  const { max, sum } = shiftAndSum(x);
  const logSum = Math.log(sum);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] - max - logSum;
  return out;
}

/** softmax(x)_i = exp(x_i − max) / Σ_j exp(x_j − max), with logSoftmax's guards; sums to 1 (± rounding). */
export function softmax(x: ArrayLike<number>): Float64Array {
  const { max, sum } = shiftAndSum(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i] - max) / sum;
  return out;
}

function shiftAndSum(x: ArrayLike<number>): { max: number; sum: number } {
  const n = x.length;
  if (n === 0) throw new RangeError('softmax of an empty vector');
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (Number.isNaN(v) || v === Infinity) throw new RangeError(`softmax input ${i} is ${v}`);
    if (v > max) max = v;
  }
  if (max === -Infinity) throw new RangeError('softmax of a vector with every entry −Infinity');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(x[i] - max);
  return { max, sum };
}

/** Index of the largest entry (the first one on ties); −1 for an empty vector. */
export function argmax(x: ArrayLike<number>): number {
  let best = -1;
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] > max || best < 0) {
      max = x[i];
      best = i;
    }
  }
  return best;
}

/**
 * Indices of the k largest entries, largest first (lower index first on ties). A partial selection
 * (O(n·k)) rather than a full sort: k is a handful and n is the vocabulary.
 */
export function topIndices(x: ArrayLike<number>, k: number): number[] {
  const n = Math.min(Math.max(0, Math.floor(k)), x.length);
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (out.length === n && (n === 0 || !(v > x[out[n - 1]]))) continue;
    let p = out.length === n ? n - 1 : out.length;
    while (p > 0 && v > x[out[p - 1]]) p--;
    out.splice(p, 0, i);
    if (out.length > n) out.pop();
  }
  return out;
}

/** Σ a_i b_i over the first `length` entries of two vectors, accumulated in float64. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, length = a.length): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += a[i] * b[i];
  return s;
}

/**
 * KL(p ‖ q) = Σ p (ln p − ln q) in nats, from log-probabilities (so a tiny q(v) does not underflow to
 * 0 and turn the sum infinite). Terms with p = 0 contribute 0.
 */
export function klDivergence(logP: ArrayLike<number>, logQ: ArrayLike<number>): number {
  if (logP.length !== logQ.length) throw new RangeError(`KL of vectors of lengths ${logP.length} and ${logQ.length}`);
  let s = 0;
  for (let i = 0; i < logP.length; i++) {
    const lp = logP[i];
    if (lp === -Infinity) continue;
    s += Math.exp(lp) * (lp - logQ[i]);
  }
  // Rounding can leave a tiny negative number when p ≈ q; KL is never negative.
  return Math.max(0, s);
}

/** Shannon entropy −Σ p ln p in nats, from log-probabilities. */
export function entropy(logP: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < logP.length; i++) if (logP[i] !== -Infinity) s -= Math.exp(logP[i]) * logP[i];
  return s;
}

export const NATS_PER_BIT = Math.LN2;
