/** A causal T × T attention matrix from a function of (query, key), each row normalised to 1. */
export function matrixOf(T: number, f: (i: number, j: number) => number): Float32Array {
  const m = new Float32Array(T * T);
  for (let i = 0; i < T; i++) {
    let sum = 0;
    for (let j = 0; j <= i; j++) sum += f(i, j);
    for (let j = 0; j <= i; j++) m[i * T + j] = f(i, j) / sum;
  }
  return m;
}
