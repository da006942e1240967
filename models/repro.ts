// A rebuild must land within these distances of the committed metrics. Training runs on CPU with
// fixed seeds, but thread scheduling changes float summation order, so bit-identical weights are not
// promised; the n-gram baselines are exact.
export const TOLERANCE = { model_bpc: 0.02, baseline_bpc: 1e-6 } as const;

export interface CardMetrics {
  val_bpc: number;
  baselines: Record<string, { bpc: number }>;
}

export function compareMetrics(before: CardMetrics, after: CardMetrics): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  const check = (name: string, a: number, b: number, tol: number) => {
    const d = Math.abs(a - b);
    const pass = d <= tol;
    ok &&= pass;
    lines.push(`${pass ? 'ok  ' : 'FAIL'} ${name}: ${a.toFixed(4)} → ${b.toFixed(4)} (|Δ| ${d.toExponential(1)} ≤ ${tol})`);
  };
  check('transformer bpc', before.val_bpc, after.val_bpc, TOLERANCE.model_bpc);
  for (const [name, m] of Object.entries(before.baselines)) {
    const b = after.baselines[name];
    if (b) check(`${name} bpc`, m.bpc, b.bpc, TOLERANCE.baseline_bpc);
  }
  return { ok, lines };
}
