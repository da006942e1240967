// The compute frontier (Kaplan et al. 2020, Fig. 1 left): of every (compute, loss) point any run passed
// through, the ones no cheaper point beats. A power law fitted to these is L(C), the best loss a budget
// can buy among the models tried.

export interface ComputePoint {
  compute: number;
  loss: number;
}

/** Points sorted by compute whose loss is strictly below every point of lower or equal compute. */
export function computeFrontier<P extends ComputePoint>(points: readonly P[]): P[] {
  const sorted = points.slice().sort((a, b) => a.compute - b.compute || a.loss - b.loss);
  const out: P[] = [];
  let best = Infinity;
  for (const p of sorted) {
    if (p.loss < best) {
      out.push(p);
      best = p.loss;
    }
  }
  return out;
}

/** Training compute in FLOPs by the usual estimate C ≈ 6 · N · D (forward 2ND, backward 4ND; Kaplan et al. 2020). */
export const trainingFlops = (params: number, tokens: number): number => 6 * params * tokens;
