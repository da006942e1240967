// Raw scaling logs in the shipped files' shape, made up, for tests that need a known answer: n-grams that
// follow a law exactly, and transformer runs chosen per test (none, some, the whole plan).
import { parseScaling, type ScalingData } from '../../../widgets/models/scaling/logs.ts';

export const BROWN = 1_600_000;
export const FRACTIONS = ['1/8', '1/4', '1/2', '1'] as const;
const frac = (f: string) => (f === '1' ? 1 : 1 / Number(f.split('/')[1]));

export interface TRun {
  size: string;
  N: number;
  fraction: string;
  bpc: number;
}

export function syntheticRaw(transformerRuns: TRun[] = [], fits: Record<string, unknown> = {}) {
  const ngramRuns = FRACTIONS.flatMap((f) =>
    (f === '1' ? [0] : [1, 2, 3]).flatMap((seed) =>
      [2, 5].map((order) => {
        const D = BROWN * frac(f);
        return { model: `kn${order}`, order, fraction: f, seed, train_tokens: D, val_bpc: (order === 2 ? 2.0 : 1.5) + 20 * D ** -0.3 + seed * 0.002, types: [1000 * order] };
      }),
    ),
  );
  return {
    ngram: { data: { vocab_size: 2048, train_tokens_total: BROWN, val_chars: 600_000, val_tokens: 200_000 }, runs: ngramRuns },
    clever: { runs: FRACTIONS.map((f) => ({ fraction: f, data_seed: 1, train_tokens: BROWN * frac(f), val_bpc: 1.9 + 60 * (BROWN * frac(f)) ** -0.4, parameters: 7e6 })) },
    transformer: {
      planned_runs: 8,
      plan: {
        train: { steps: 600, batch_size: 16, block_size: 128 },
        sizes: [
          { name: 'tA', n_layer: 1, d_model: 32 },
          { name: 'tB', n_layer: 2, d_model: 64 },
        ],
        fractions: [...FRACTIONS],
      },
      val: { tokens: 200_000, chars: 600_000 },
      probe: { sizes: [{ name: 'tA', non_embedding_params: 10_000 }, { name: 'tB', non_embedding_params: 100_000 }] },
      runs: transformerRuns.map((r) => ({
        size: r.size,
        non_embedding_params: r.N,
        fraction: r.fraction,
        data_seed: r.fraction === '1' ? 0 : 1,
        train_tokens: BROWN * frac(r.fraction),
        tokens_seen: 1_228_800,
        steps: 600,
        batch_size: 16,
        train_flops: 6 * r.N * 1_228_800,
        val_bpc: r.bpc,
        evals: [
          { step: 0, val_loss: 7.6 },
          { step: 300, val_loss: 5.5 },
          { step: 600, val_loss: r.bpc * Math.LN2 * 3 },
        ],
      })),
    },
    fits: {
      ngram: {
        by_order: {
          kn2: { E: 2.0, A: 20, alpha: 0.3, E_ci95: [1.9, 2.1], alpha_ci95: [0.2, 0.4], runs: 10, boundary: [] },
          kn5: { E: 1.5, A: 20, alpha: 0.3, E_ci95: [1.3, 1.7], alpha_ci95: [0.2, 0.4], runs: 10, boundary: [] },
        },
      },
      clever: { law: { E: 1.9, A: 60, alpha: 0.4, E_ci95: [1.8, 2.0], alpha_ci95: [0.3, 0.5], runs: 4, boundary: [] } },
      transformer: { loss_vs_data_by_size: {}, loss_vs_params_by_fraction: {}, loss_vs_compute: { fit: { status: 'not identified: 0', needed: 'runs' } } },
      crossover_in_data: { challenger: 'tB', incumbent: 'kn5', result: { status: 'not identified: no transformer L(D) fit yet', needed: '' } },
      ...fits,
    },
  };
}

export function synthetic(transformerRuns: TRun[] = [], fits: Record<string, unknown> = {}): ScalingData {
  return parseScaling(syntheticRaw(transformerRuns, fits));
}
