// The transformer sweep's plan and log (models/sweep/transformer.ts, public/models/scaling/transformer.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateRunSeconds, plannedRuns, scoringWindows, type Plan } from '../../../models/sweep/transformer.ts';

const plan = JSON.parse(readFileSync('models/sweep/transformer-plan.json', 'utf8')) as Plan;
const log = JSON.parse(readFileSync('public/models/scaling/transformer.json', 'utf8'));

describe('the plan', () => {
  it('is at least six sizes × four fractions, one run each, fraction 1 on the whole train stream', () => {
    const runs = plannedRuns(plan);
    expect(plan.sizes.length).toBeGreaterThanOrEqual(6);
    expect(plan.fractions).toEqual(['1/8', '1/4', '1/2', '1']);
    expect(runs).toHaveLength(plan.sizes.length * plan.fractions.length);
    expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
    expect(runs.filter((r) => r.fraction === '1').every((r) => r.dir === '1-s0')).toBe(true);
  });

  it('counts the scoring windows as train.py does (every 64 tokens until the last target)', () => {
    expect(scoringWindows(129, 128)).toBe(1);
    expect(scoringWindows(130, 128)).toBe(2);
    expect(scoringWindows(201935, 128)).toBe(3155);
  });

  it('estimates a run as steps × s/step plus every scored window × s/window', () => {
    const probe = { name: 'x', params: 1, non_embedding_params: 1, s_per_step: 1, s_per_eval_window: 0 };
    expect(estimateRunSeconds(plan, probe, 201935)).toBe(plan.train.steps);
    const windowsOnly = estimateRunSeconds(plan, { ...probe, s_per_step: 0, s_per_eval_window: 1 }, 201935);
    const evals = Math.floor(plan.train.steps / plan.train.eval_every) + 1;
    expect(windowsOnly).toBe(evals * plan.train.eval_windows + 3155);
  });
});

describe('transformer.json', () => {
  it('logs each finished run of the plan with its settings, wall time and final bits per character', () => {
    const ids = new Set(plannedRuns(plan).map((r) => r.id));
    for (const r of log.runs) {
      expect(ids.has(r.id)).toBe(true);
      expect(r.steps).toBe(plan.train.steps);
      expect(r.tokens_seen).toBe(plan.train.steps * plan.train.batch_size * plan.train.block_size);
      expect(r.train_flops).toBe(6 * r.non_embedding_params * r.tokens_seen);
      expect(r.wall_seconds).toBeGreaterThan(0);
      expect(r.val_bpc).toBeGreaterThan(0.5);
      expect(r.val_bpc).toBeLessThan((11 * log.val.tokens) / log.val.chars); // better than uniform over 2048 tokens
      expect(r.evals.at(-1).step).toBe(plan.train.steps);
    }
    expect(log.complete).toBe(log.runs.length === log.planned_runs);
  });

  it('carries the time probe and the estimate of the whole sweep', () => {
    expect(log.probe.sizes.map((s: { name: string }) => s.name)).toEqual([...plan.sizes.map((s) => s.name), plan.reference!.name]);
    expect(log.estimate.idle_core_seconds_all_runs).toBeGreaterThan(0);
    expect(log.estimate.finished_runs_vs_prediction).toHaveLength(log.runs.length);
  });
});
