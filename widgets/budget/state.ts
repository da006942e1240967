/**
 * The budget figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   data     integer −12 … 16: training data = Brown train × 2^(data/4) (quarter-octave steps, 1/8 … 16 ×)
 *   compute  integer 50 … 140: training compute = 10^(compute/10) FLOPs (tenths of a decade, 10⁵ … 10¹⁴)
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { intField, type StateOf } from '../runtime/url-state.ts';

export const DATA_STEPS = { min: -12, max: 16 } as const;
export const COMPUTE_STEPS = { min: 50, max: 140 } as const;

export interface BudgetDefaults {
  data?: number;
  compute?: number;
}

const clampInt = (x: number | undefined, lo: number, hi: number, fallback: number) =>
  Number.isInteger(x) && x! >= lo && x! <= hi ? x! : fallback;

export function budgetSchema(defaults: BudgetDefaults = {}) {
  return {
    data: intField({ ...DATA_STEPS, default: clampInt(defaults.data, DATA_STEPS.min, DATA_STEPS.max, 0) }),
    compute: intField({ ...COMPUTE_STEPS, default: clampInt(defaults.compute, COMPUTE_STEPS.min, COMPUTE_STEPS.max, 140) }),
  };
}

export type BudgetSchema = ReturnType<typeof budgetSchema>;
export type BudgetState = StateOf<BudgetSchema>;

/** The data multiple of Brown train a `data` step stands for. */
export const dataMultiple = (step: number): number => 2 ** (step / 4);
/** The FLOPs a `compute` step stands for. */
export const computeFlops = (step: number): number => 10 ** (step / 10);
