// A seeded synthetic source for the baselines' tests: an order-k Markov chain over V tokens whose entropy
// rate is known exactly, so a count model's held-out loss can be checked against the truth.
import type { LanguageModel } from './lm.ts';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same stream on every machine. */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Chain {
  V: number;
  k: number;
  /** P[state · V + next], state = the last k tokens in base V (oldest most significant). */
  P: Float64Array;
}

/** Random transition rows ∝ u^4: peaked enough that context clearly helps, every p > 0 (ergodic). */
export function makeChain(V: number, k: number, seed: number): Chain {
  const rand = mulberry32(seed);
  const states = V ** k;
  const P = new Float64Array(states * V);
  for (let s = 0; s < states; s++) {
    let z = 0;
    for (let w = 0; w < V; w++) z += P[s * V + w] = rand() ** 4 + 1e-3;
    for (let w = 0; w < V; w++) P[s * V + w] /= z;
  }
  return { V, k, P };
}

export function sample(chain: Chain, T: number, seed: number): Uint16Array {
  const { V, k, P } = chain;
  const rand = mulberry32(seed);
  const out = new Uint16Array(T);
  let state = 0;
  for (let i = 0; i < T; i++) {
    let u = rand();
    let w = 0;
    while (w < V - 1 && (u -= P[state * V + w]) > 0) w++;
    out[i] = w;
    state = (state * V + w) % V ** k;
  }
  return out;
}

/** Entropy rate in bits/token: Σ_s π(s) H(P(·|s)), π the stationary law by power iteration. */
export function entropyRate({ V, k, P }: Chain): number {
  const states = V ** k;
  let pi = new Float64Array(states).fill(1 / states);
  for (let it = 0; it < 2000; it++) {
    const next = new Float64Array(states);
    for (let s = 0; s < states; s++) for (let w = 0; w < V; w++) next[(s * V + w) % states] += pi[s] * P[s * V + w];
    pi = next;
  }
  let h = 0;
  for (let s = 0; s < states; s++) for (let w = 0; w < V; w++) h -= pi[s] * P[s * V + w] * Math.log2(P[s * V + w]);
  return h;
}

/** The true chain as a LanguageModel (history shorter than k: uniform), to score the same test stream. */
export function chainModel(chain: Chain): LanguageModel {
  return {
    name: 'truth',
    vocabSize: chain.V,
    prob(tokens, end, w) {
      if (end < chain.k) return 1 / chain.V;
      let s = 0;
      for (let j = end - chain.k; j < end; j++) s = s * chain.V + tokens[j];
      return chain.P[s * chain.V + w];
    },
  };
}
