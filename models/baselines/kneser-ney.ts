// Interpolated modified Kneser–Ney (Chen & Goodman 1998, "modified KN", interpolated form) of any order n:
//
//   p_m(w | h) = max(c_m(h w) − D_m(c_m(h w)), 0) / Σ_v c_m(h v)  +  γ_m(h) · p_{m−1}(w | h′),
//   γ_m(h)     = (D_m,1 · N1(h •) + D_m,2 · N2(h •) + D_m,3+ · N3+(h •)) / Σ_v c_m(h v),
//   p_0(w)     = 1 / V   (so every id has p > 0),
//
// where h′ drops h's oldest token, c_n is the raw n-gram count, and for m < n c_m(g) is the continuation count
// N1+(• g): how many distinct tokens precede g in the train stream (the stream start counts as one such
// "token", as KenLM counts <s>). A context h never seen at order m passes p_{m−1} through unchanged.
// Discounts per order come from that order's count-of-counts (estimateDiscounts).
//
// Storage: contexts are nodes of a trie grown leftwards (node(h) = child(node(h′), oldest token of h)), so
// an order-m context is one integer and the order-m table maps the pair (node(h), w) to its count
// (PairTable: typed arrays, no strings, no boxed keys). 1.3M tokens at n = 5 is a few million entries.
import { checkId, type LanguageModel, type TokenStream } from './lm.ts';
import { PairTable } from './pair-table.ts';

/** [D1, D2, D3+]: what is subtracted from a count of 1, of 2, of 3 or more. */
export type Discounts = readonly [number, number, number];

export interface KneserNeyOptions {
  order: number;
  vocabSize: number;
  name?: string;
  /** Fixed discounts per order (index m − 1 for order m) instead of estimated ones: hand-worked tests. */
  discounts?: readonly Discounts[];
}

export interface KneserNeyModel extends LanguageModel {
  readonly order: number;
  /** The discounts used, index m − 1 for order m. */
  readonly discounts: readonly Discounts[];
  /** Number of stored entries (n-gram types, continuation-counted types) per order, index m − 1. */
  readonly types: readonly number[];
}

/**
 * Chen & Goodman's estimates from count-of-counts n1 … n4 (n_k = how many entries have count exactly k):
 * Y = n1 / (n1 + 2 n2), D1 = 1 − 2Y n2/n1, D2 = 2 − 3Y n3/n2, D3+ = 3 − 4Y n4/n3.
 * D1 = n1/(n1 + 2 n2) is always in (0, 1), but D2 and D3+ can leave (0, k) or be undefined on tiny or odd
 * streams (KenLM refuses those); we fall back to k/2 when undefined and clamp into [0.05 k, 0.95 k]
 * otherwise, so every count keeps a positive remainder and every order still gives mass to the next.
 */
export function estimateDiscounts(n1: number, n2: number, n3: number, n4: number): Discounts {
  const y = n1 / (n1 + 2 * n2);
  const raw = [1 - (2 * y * n2) / n1, 2 - (3 * y * n3) / n2, 3 - (4 * y * n4) / n3];
  return raw.map((d, i) => {
    const k = i + 1;
    return Number.isFinite(d) ? Math.min(Math.max(d, 0.05 * k), 0.95 * k) : k / 2;
  }) as unknown as Discounts;
}

export function trainKneserNey(train: TokenStream, options: KneserNeyOptions): KneserNeyModel {
  const { order: n, vocabSize: V } = options;
  if (!Number.isInteger(n) || n < 1) throw new Error(`kneser-ney: order must be a positive integer, got ${n}`);
  if ((n - 1) * train.length >= 2 ** 31 - 1) throw new Error('kneser-ney: too many context nodes for int32');
  if (options.discounts && options.discounts.length !== n) throw new Error('kneser-ney: need one Discounts per order');

  // The leftward trie of contexts. Node 0 is the empty context; ids are global across orders.
  const child = new PairTable();
  let nodes = 1;
  // tables[m − 1]: order-m entries, (node(h), w) → count (raw at m = n, continuation counts below).
  const tables = Array.from({ length: n }, () => new PairTable());
  const ctx = new Int32Array(n); // ctx[L] = node of the L tokens before position i

  for (let i = 0; i < train.length; i++) {
    const w = checkId(train[i], V);
    const maxL = Math.min(n - 1, i);
    for (let L = 1; L <= maxL; L++) {
      let id = child.get(ctx[L - 1], train[i - L]);
      if (id === 0) child.add(ctx[L - 1], train[i - L], (id = nodes++));
      ctx[L] = id;
    }
    // Highest available order first: it always counts; a lower order gains a continuation count only when
    // the order above it saw a new type (a new distinct left neighbour), so stop at the first old type.
    for (let m = maxL + 1; m >= 1; m--) {
      if (tables[m - 1].add(ctx[m - 1], w, 1) !== 0) break;
    }
  }

  const discounts: Discounts[] = [];
  const denom = new Float64Array(nodes); // Σ_v c_m(h v) for the context h a node stands for
  const gammaNum = new Float64Array(nodes); // D1 N1(h•) + D2 N2(h•) + D3+ N3+(h•)
  for (let m = 1; m <= n; m++) {
    const table = tables[m - 1];
    const coc = [0, 0, 0, 0, 0];
    table.forEach((_node, _w, c) => {
      if (c <= 4) coc[c]++;
    });
    const d = options.discounts?.[m - 1] ?? estimateDiscounts(coc[1], coc[2], coc[3], coc[4]);
    discounts.push(d);
    table.forEach((node, _w, c) => {
      denom[node] += c;
      gammaNum[node] += d[Math.min(c, 3) - 1];
    });
  }

  const path = new Int32Array(n); // scratch: context nodes found for one query, by length
  function prob(tokens: ArrayLike<number>, end: number, w: number): number {
    let found = 1; // path[0] = 0, the empty context, always exists
    for (let L = 1; L < n && L <= end; L++) {
      const id = child.get(path[L - 1], tokens[end - L]);
      if (id === 0) break; // a longer context extends this one, so it is unseen too
      path[L] = id;
      found++;
    }
    let p = 1 / V;
    for (let m = 1; m <= found; m++) {
      const node = path[m - 1];
      const total = denom[node];
      if (total === 0) continue;
      const c = tables[m - 1].get(node, w);
      const kept = c > 0 ? c - discounts[m - 1][Math.min(c, 3) - 1] : 0;
      p = kept / total + (gammaNum[node] / total) * p;
    }
    return p;
  }

  return {
    name: options.name ?? `kn${n}`,
    vocabSize: V,
    order: n,
    discounts,
    types: tables.map((t) => t.size),
    prob,
  };
}
