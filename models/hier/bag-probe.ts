/**
 * The bag-of-tokens control (issue 13): a multinomial logistic regression on the token frequencies of a
 * window, the strongest thing a reader that ignores order can do linearly. A label is called
 * compositional when this probe, on held-out documents, scores within 2 points of chance.
 * Deterministic (full-batch gradient descent from zero weights), small (features = vocabulary size).
 */

export interface BagExample {
  /** Token ids of the window (order is ignored). */
  window: readonly number[];
  label: number;
}

export interface BagProbeResult {
  /** Balanced accuracy on the held-out examples. */
  accuracy: number;
  /** 1 / (classes present in the held-out set): what a probe that ignores its input scores. */
  chance: number;
  train: number;
  test: number;
}

function features(ex: BagExample, V: number): Float64Array {
  const f = new Float64Array(V + 1);
  for (const id of ex.window) f[id]! += 1 / ex.window.length;
  f[V] = 1; // bias
  return f;
}

/** Trains on `train`, scores on `test`. `classes` labels 0…classes−1. */
export function bagProbe(train: readonly BagExample[], test: readonly BagExample[], V: number, classes: number, steps = 300, lr = 2, l2 = 1e-4): BagProbeResult {
  const D = V + 1;
  const X = train.map((e) => features(e, V));
  const W = new Float64Array(classes * D);
  const grad = new Float64Array(classes * D);
  const p = new Float64Array(classes);
  // Standardise the features (frequencies are small): mean and std over the training set.
  const mean = new Float64Array(D);
  const sd = new Float64Array(D).fill(0);
  for (const x of X) for (let i = 0; i < V; i++) mean[i]! += x[i]! / X.length;
  for (const x of X) for (let i = 0; i < V; i++) sd[i]! += (x[i]! - mean[i]!) ** 2 / X.length;
  const norm = (x: Float64Array) => {
    for (let i = 0; i < V; i++) x[i] = sd[i]! > 0 ? (x[i]! - mean[i]!) / Math.sqrt(sd[i]!) : 0;
    return x;
  };
  X.forEach(norm);
  const scores = (x: Float64Array) => {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0;
      for (let i = 0; i < D; i++) s += W[c * D + i]! * x[i]!;
      p[c] = s;
      max = Math.max(max, s);
    }
    let z = 0;
    for (let c = 0; c < classes; c++) z += p[c] = Math.exp(p[c]! - max);
    for (let c = 0; c < classes; c++) p[c]! /= z;
  };
  for (let step = 0; step < steps; step++) {
    grad.fill(0);
    X.forEach((x, n) => {
      scores(x);
      for (let c = 0; c < classes; c++) {
        const g = p[c]! - (train[n]!.label === c ? 1 : 0);
        for (let i = 0; i < D; i++) grad[c * D + i]! += (g * x[i]!) / X.length;
      }
    });
    for (let k = 0; k < W.length; k++) W[k]! -= lr * (grad[k]! + l2 * W[k]!);
  }
  // Balanced accuracy (the mean of the per-class recalls), so that chance is 1/classes whatever the
  // held-out set's class balance (document-level labels make it drift by a few points between sets).
  const right = new Array<number>(classes).fill(0);
  const seen = new Array<number>(classes).fill(0);
  for (const e of test) {
    scores(norm(features(e, V)));
    let best = 0;
    for (let c = 1; c < classes; c++) if (p[c]! > p[best]!) best = c;
    seen[e.label]!++;
    if (best === e.label) right[e.label]!++;
  }
  const present = seen.map((n, c) => [n, c]).filter(([n]) => n! > 0);
  const accuracy = present.reduce((s, [n, c]) => s + right[c!]! / n!, 0) / present.length;
  const chance = 1 / present.length;
  return { accuracy, chance, train: train.length, test: test.length };
}
