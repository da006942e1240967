// public/models/scaling/fits.json is what the tested fits compute from the committed run logs: recomputed here
// and compared whole (the bootstraps are seeded, so the result is exact). Then a few properties the essay
// leans on, checked against the logs themselves.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeFits } from '../../../models/scaling/step.ts';

const read = (f: string) => JSON.parse(readFileSync(`public/models/scaling/${f}`, 'utf8'));
const committed = read('fits.json');

describe('fits.json', () => {
  it('is recomputed exactly from ngram.json, transformer.json, confusion.json and clever.json', { timeout: 120_000 }, () => {
    const clever = existsSync('public/models/scaling/clever.json') ? read('clever.json') : undefined;
    const fits = JSON.parse(JSON.stringify(computeFits(read('ngram.json'), read('transformer.json'), read('confusion.json'), clever)));
    expect(fits).toEqual(committed);
  });

  it('the n-gram laws: every order has a fit whose interval holds its point estimate', () => {
    for (const order of ['kn2', 'kn3', 'kn4', 'kn5']) {
      const f = committed.ngram.by_order[order];
      expect(f.alpha).toBeGreaterThan(0);
      expect(f.alpha_ci95[0]).toBeLessThanOrEqual(f.alpha);
      expect(f.alpha_ci95[1]).toBeGreaterThanOrEqual(f.alpha);
      expect(f.runs).toBe(10);
    }
    expect(committed.ngram.best_order_at_full_data).toBe('kn5');
  });
});

describe('computeFits once the transformer sweep is in', () => {
  // A synthetic finished sweep from a known joint law: the transformer laws, the compute optimum and the crossover
  // must all come out as numbers (not "not identified"), with the exponents near the truth.
  const law = { E: 1.3, A: 20, alpha: 0.3, B: 8, beta: 0.25 };
  const sizes = [12768, 56640, 150080, 447552, 991616, 1856000];
  const tokens = [214559, 428942, 859068, 1714453];
  const fractions = ['1/8', '1/4', '1/2', '1'];
  const runs = sizes.flatMap((N, i) =>
    tokens.map((D, j) => {
      const bpc = law.E + law.A * N ** -law.alpha + law.B * D ** -law.beta;
      return {
        size: `s${i}`,
        non_embedding_params: N,
        fraction: fractions[j]!,
        train_tokens: D,
        tokens_seen: 1228800,
        steps: 600,
        batch_size: 16,
        val_bpc: bpc,
        evals: [100, 300, 600].map((step) => ({ step, val_loss: (bpc + 0.3 * (600 / step - 1)) / (201935 / 622644 / Math.LN2) })),
      };
    }),
  );
  const fits = computeFits(read('ngram.json'), { val: { tokens: 201935, chars: 622644 }, runs }, read('confusion.json'));

  it('fits L(N) per fraction, L(D) per size, the joint law and the compute optimum', { timeout: 120_000 }, () => {
    const byParams = fits.transformer.loss_vs_params_by_fraction['1'] as { alpha: number };
    expect(byParams.alpha).toBeGreaterThan(0);
    const joint = fits.transformer.joint as { alpha: number; beta: number; compute_optimal: { N: number; D: number }[] };
    expect(joint.alpha).toBeCloseTo(law.alpha, 2);
    expect(joint.beta).toBeCloseTo(law.beta, 2);
    expect(joint.compute_optimal).toHaveLength(5);
    expect(joint.compute_optimal[1]!.N).toBeGreaterThan(joint.compute_optimal[0]!.N);
    expect((fits.transformer.loss_vs_compute.fit as { alpha: number }).alpha).toBeGreaterThan(0);
  });

  it('finds where the largest transformer overtakes the best n-gram, with an interval', () => {
    const c = fits.crossover_in_data.result as { point: number | null; share_crossing: number };
    expect(fits.crossover_in_data.challenger).toBe('s5');
    expect(c.share_crossing).toBeGreaterThanOrEqual(0);
    expect(c.share_crossing).toBeLessThanOrEqual(1);
    // This law is below kn5 at every fraction already: the crossing is at the start of the range.
    expect(c.point).toBe(fits.crossover_in_data.search_range_tokens[0]);
  });
});
