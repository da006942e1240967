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
