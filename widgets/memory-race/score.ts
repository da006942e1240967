/**
 * One model's answer on one passage: the summed log-probability of each candidate at the target (the factory's
 * rule, models/memory/recall.py: a transformer reads at most its window before each candidate token, an LSTM
 * the whole prefix from a zero state), and what the figure shows of its memory: the transformer's attention from
 * the position predicting the target to the fact's tokens, the LSTM's state at every token. The graphs run
 * through an engine (the browser's runtime worker, or Node's ORT at build time), so this file is pure and the
 * same code paints the static HTML and the live figure. An engine answers null when a newer run superseded
 * this one; every function here then answers null at once.
 */
import type { MemoryExample } from '../runtime/memory-tasks/index.ts';
import type { RaceModel } from './models.ts';

export interface Floats {
  data: Float32Array;
  dims: readonly number[];
}

export interface TransformerEngine {
  /** resid [L+1, 1, T, d] (and attn [L, 1, H, T, T] when asked) for 1…context ids. */
  run(ids: readonly number[], withAttention: boolean): Promise<{ resid: Floats; attn: Floats | null } | null>;
  /** Lens logits [N, V] for residual rows [N, d]. */
  lens(rows: Floats): Promise<Floats | null>;
}

export interface LstmEngine {
  /** h and c [L, 1, T, d] for ids read from (h0, c0) [L, 1, d], and the logits [1, V] after the last one. */
  run(ids: readonly number[], h0: Float32Array, c0: Float32Array): Promise<{ logits: Floats; h: Floats; c: Floats } | null>;
  /** Head logits [N, V] for top-layer hidden rows [N, d]. */
  head(rows: Floats): Promise<Floats | null>;
}

export interface Answer {
  /** Summed log-probability (nats) of each candidate, in the example's candidate order. */
  scores: number[];
  /** The candidates' probabilities renormalised among themselves (softmax of the scores). */
  shares: number[];
  /** Index of the candidate the model picks (highest score). */
  pick: number;
}

/** Attention from the position predicting the target to the fact, per layer (null: the fact is outside the window). */
export interface FactAttention {
  /** Tokens in the window and the fact's tokens inside it. */
  window: number;
  factTokens: number;
  /** A uniform head's share on the fact: factTokens / window. */
  uniform: number;
  layers: { chosenHead: number; chosen: number; mean: number; max: number; maxHead: number }[];
}

export function answerOf(scores: number[]): Answer {
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return { scores, shares: exp.map((e) => e / sum), pick: scores.indexOf(top) };
}

/** log p(token) from a row of logits. */
export function logProb(logits: Float32Array, row: number, V: number, token: number): number {
  const o = row * V;
  let max = -Infinity;
  for (let i = 0; i < V; i++) max = Math.max(max, logits[o + i]!);
  let sum = 0;
  for (let i = 0; i < V; i++) sum += Math.exp(logits[o + i]! - max);
  return logits[o + token]! - max - Math.log(sum);
}

/** Rows [rows.length, d] of a [layers, 1, T, d] tensor at one layer. */
export function gatherRows(t: Floats, layer: number, positions: readonly number[]): Floats {
  const [, , T, d] = t.dims as [number, number, number, number];
  const out = new Float32Array(positions.length * d);
  positions.forEach((p, r) => out.set(t.data.subarray((layer * T + p) * d, (layer * T + p + 1) * d), r * d));
  return { data: out, dims: [positions.length, d] };
}

const key = (ids: readonly number[]) => ids.join(',');

/** Σ log p(candidate tokens | at most `context` tokens before each), every candidate; null when superseded. */
export async function transformerScores(engine: TransformerEngine, model: RaceModel, prefix: readonly number[], candidates: readonly (readonly number[])[]): Promise<number[] | null> {
  const C = model.context ?? prefix.length;
  // Candidates whose windows hold the same tokens share one run (one-token candidates all do).
  const runs = new Map<string, Floats>();
  const rows: Floats[] = [];
  const where: { row: number; tokens: readonly number[] }[] = [];
  let total = 0;
  for (const cand of candidates) {
    const k = cand.length;
    const full = [...prefix, ...cand];
    const end = prefix.length + k - 1;
    const window = full.slice(Math.max(0, end - C), end);
    let resid = runs.get(key(window));
    if (!resid) {
      const out = await engine.run(window, false);
      if (out === null) return null;
      resid = out.resid;
      runs.set(key(window), resid);
    }
    const L = resid.dims[0]! - 1;
    const T = window.length;
    rows.push(gatherRows(resid, L, Array.from({ length: k }, (_, j) => T - k + j)));
    where.push({ row: total, tokens: cand });
    total += k;
  }
  const d = rows[0]!.dims[1]!;
  const all = new Float32Array(total * d);
  let at = 0;
  for (const r of rows) {
    all.set(r.data, at);
    at += r.data.length;
  }
  const logits = await engine.lens({ data: all, dims: [total, d] });
  if (logits === null) return null;
  const V = logits.dims[1]!;
  return where.map(({ row, tokens }) => tokens.reduce((s, t, j) => s + logProb(logits.data, row + j, V, t), 0));
}

/** The attention of the position predicting the target (the window's last) to the fact's tokens, per layer. */
export async function factAttention(engine: TransformerEngine, model: RaceModel, ex: MemoryExample): Promise<FactAttention | null | 'outside'> {
  const P = ex.target.tokens[0];
  const C = model.context ?? P;
  const start = Math.max(0, P - C);
  const [f0, f1] = ex.fact.tokens;
  if (f0 < start) return 'outside';
  const out = await engine.run(ex.ids.slice(start, P), true);
  if (out === null) return null;
  const attn = out.attn!;
  const [L, , H, T] = attn.dims as [number, number, number, number, number];
  const q = T - 1;
  const from = f0 - start;
  const to = Math.min(f1, P) - start;
  const layers = [];
  for (let l = 0; l < L; l++) {
    const mass: number[] = [];
    for (let h = 0; h < H; h++) {
      const o = ((l * H + h) * T + q) * T;
      let s = 0;
      for (let k = from; k < to; k++) s += attn.data[o + k]!;
      mass.push(s);
    }
    const chosenHead = model.chosenHeads[l] ?? mass.indexOf(Math.max(...mass));
    const max = Math.max(...mass);
    layers.push({ chosenHead, chosen: mass[chosenHead]!, mean: mass.reduce((a, b) => a + b, 0) / H, max, maxHead: mass.indexOf(max) });
  }
  return { window: T, factTokens: to - from, uniform: (to - from) / T, layers };
}

/** The LSTM's states after reading the prefix from zero, and the candidates' summed log-probabilities. */
export async function lstmScores(engine: LstmEngine, model: RaceModel, prefix: readonly number[], candidates: readonly (readonly number[])[]): Promise<{ scores: number[]; h: Floats; c: Floats } | null> {
  const L = model.layers;
  const d = model.dModel;
  const zero = new Float32Array(L * d);
  const out = await engine.run(prefix, zero, zero);
  if (out === null) return null;
  const V = out.logits.dims[1]!;
  const scores = candidates.map((cand) => logProb(out.logits.data, 0, V, cand[0]!));
  const k = candidates[0]!.length;
  if (k > 1) {
    const T = prefix.length;
    const last = (t: Floats) => {
      const s = new Float32Array(L * d);
      for (let l = 0; l < L; l++) s.set(t.data.subarray((l * T + T - 1) * d, (l * T + T) * d), l * d);
      return s;
    };
    const h0 = last(out.h);
    const c0 = last(out.c);
    const rows = new Float32Array(candidates.length * (k - 1) * d);
    for (let i = 0; i < candidates.length; i++) {
      const more = await engine.run(candidates[i]!.slice(0, -1), h0, c0);
      if (more === null) return null;
      rows.set(gatherRows(more.h, L - 1, Array.from({ length: k - 1 }, (_, j) => j)).data, i * (k - 1) * d);
    }
    const logits = await engine.head({ data: rows, dims: [candidates.length * (k - 1), d] });
    if (logits === null) return null;
    candidates.forEach((cand, i) => {
      for (let j = 1; j < k; j++) scores[i]! += logProb(logits.data, i * (k - 1) + j - 1, V, cand[j]!);
    });
  }
  return { scores, h: out.h, c: out.c };
}

/**
 * How far apart the LSTM's whole state (h and c of every layer) is after each token, reading the passage and
 * its twin: the twins differ only in the fact (before the target), so this is what the state still carries of
 * the fact, token by token from the fact to the target. Entry i is after token fact + i.
 */
export function stateTrace(a: { h: Floats; c: Floats }, b: { h: Floats; c: Floats }, from: number): number[] {
  const [L, , T, d] = a.h.dims as [number, number, number, number];
  const out: number[] = [];
  for (let t = from; t < T; t++) {
    let s = 0;
    for (const [x, y] of [[a.h, b.h], [a.c, b.c]] as const) {
      for (let l = 0; l < L; l++) {
        const o = (l * T + t) * d;
        for (let i = 0; i < d; i++) s += (x.data[o + i]! - y.data[o + i]!) ** 2;
      }
    }
    out.push(Math.sqrt(s));
  }
  return out;
}
