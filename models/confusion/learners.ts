// Three learners for a confusion set, from the dumbest to the most flexible, all on the same features
// (features.ts) and all deterministic for a seed:
//
// - counting: look up the most specific collocation seen in training (word before and after, then the two
//   before, the two after, the one before, the one after) and answer the member most often seen with it;
//   unseen everywhere → the set's most frequent member. A memory-based learner: no weights, only counts.
// - naive Bayes: every feature (collocations and the ±3 context words) votes independently, multinomial
//   with add-one smoothing (Golding 1995's Bayesian hybrid is the classic for this task).
// - logistic regression: a softmax over the set's members on the same binary features, trained by AdaGrad
//   SGD with L2 decay on the weights an example touches (the large-scale recipe of McMahan et al. 2013, less
//   the L1 part), a fixed number of epochs in a seeded order.
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';
import { shuffled } from '../data/prng.ts';

export interface Labelled {
  features: readonly string[];
  label: string;
}

export type Predictor = (features: readonly string[]) => string;

export interface Learner {
  name: string;
  /** `labels` are the set's members, most frequent first in the training data (ties: set order). */
  train(data: readonly Labelled[], labels: readonly string[], seed: number): Predictor;
}

function argmax(scores: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
  return best;
}

/** The collocation keys counting backs off through, most specific first (prefixes as features.ts writes them). */
const BACKOFF = ['L1R1=', 'L2L1=', 'R1R2=', 'L1=', 'R1='];

export const counting: Learner = {
  name: 'counting',
  train(data, labels) {
    const index = new Map(labels.map((l, k) => [l, k]));
    const table = new Map<string, number[]>();
    for (const e of data) {
      const k = index.get(e.label)!;
      for (const f of e.features) {
        if (!BACKOFF.some((p) => f.startsWith(p))) continue;
        const c = table.get(f) ?? new Array<number>(labels.length).fill(0);
        c[k]!++;
        table.set(f, c);
      }
    }
    return (features) => {
      for (const prefix of BACKOFF) {
        const f = features.find((x) => x.startsWith(prefix));
        const c = f === undefined ? undefined : table.get(f);
        if (c) return labels[argmax(c)]!; // ties go to the more frequent member (labels are in that order)
      }
      return labels[0]!;
    };
  },
};

export const naiveBayes: Learner = {
  name: 'naive-bayes',
  train(data, labels) {
    const K = labels.length;
    const index = new Map(labels.map((l, k) => [l, k]));
    const prior = new Float64Array(K);
    const totals = new Float64Array(K);
    const counts = new Map<string, Float64Array>();
    for (const e of data) {
      const k = index.get(e.label)!;
      prior[k]!++;
      for (const f of e.features) {
        let c = counts.get(f);
        if (!c) counts.set(f, (c = new Float64Array(K)));
        c[k]!++;
        totals[k]!++;
      }
    }
    const V = counts.size;
    const logPrior = Array.from(prior, (p) => Math.log((p + 1) / (data.length + K)));
    return (features) => {
      const s = logPrior.slice();
      for (const f of features) {
        const c = counts.get(f);
        if (!c) continue; // a feature never seen in training says nothing about any member
        for (let k = 0; k < K; k++) s[k]! += Math.log((c[k]! + 1) / (totals[k]! + V));
      }
      return labels[argmax(s)]!;
    };
  },
};

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const LOGISTIC_DEFAULTS: LogisticOptions = { epochs: 10, learningRate: 0.5, l2: 1e-4 };

export function logisticRegression(options: LogisticOptions = LOGISTIC_DEFAULTS): Learner {
  return {
    name: 'logistic-regression',
    train(data, labels, seed) {
      const K = labels.length;
      const index = new Map(labels.map((l, k) => [l, k]));
      const featureId = new Map<string, number>();
      const rows = data.map((e) => ({
        ids: e.features.map((f) => featureId.get(f) ?? (featureId.set(f, featureId.size), featureId.size - 1)),
        y: index.get(e.label)!,
      }));
      // Row F is the bias, present in every example.
      const F = featureId.size;
      const W = new Float64Array((F + 1) * K);
      const G = new Float64Array((F + 1) * K).fill(1e-8); // AdaGrad's sums of squared gradients
      const p = new Float64Array(K);
      const scores = (ids: readonly number[]) => {
        for (let k = 0; k < K; k++) p[k] = W[F * K + k]!;
        for (const f of ids) for (let k = 0; k < K; k++) p[k]! += W[f * K + k]!;
        return p;
      };
      const random = mulberry32(seed);
      for (let epoch = 0; epoch < options.epochs; epoch++) {
        for (const r of shuffled(rows, random)) {
          const s = scores(r.ids);
          let max = -Infinity;
          for (let k = 0; k < K; k++) max = Math.max(max, s[k]!);
          let z = 0;
          for (let k = 0; k < K; k++) z += s[k] = Math.exp(s[k]! - max);
          for (const f of [...r.ids, F]) {
            for (let k = 0; k < K; k++) {
              const j = f * K + k;
              const g = s[k]! / z - (k === r.y ? 1 : 0) + (f === F ? 0 : options.l2 * W[j]!);
              G[j]! += g * g;
              W[j]! -= (options.learningRate * g) / Math.sqrt(G[j]!);
            }
          }
        }
      }
      return (features) => {
        const ids = features.map((f) => featureId.get(f)).filter((f): f is number => f !== undefined);
        return labels[argmax(scores(ids))]!;
      };
    },
  };
}

export const LEARNERS: readonly Learner[] = [counting, naiveBayes, logisticRegression()];
