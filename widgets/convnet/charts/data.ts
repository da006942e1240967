/**
 * What the convnet essay's static charts plot, from convnet-measurements.json (pure: the server entries
 * read the file through widgets/models/artifacts.ts and pass the parsed measurements here).
 * - rise: per block and label family, the trained network's mean NMI over the untrained networks': the rise
 *   over the training's own initialisation, and its range over every untrained network measured; beside it the
 *   same for the second trained network (another initialisation), and the range between the two trained ones;
 * - sigma: the effective receptive field's σ relative to block 1, by depth, for the trained network, the same
 *   network at initialisation and the stack without pooling, beside √depth and linear growth;
 * - training: σ of each block across the training checkpoints, with 95 % bootstrap intervals.
 */
import type { ConvnetMeasurements, NmiKey } from '../../models/convnet/measurements.ts';

export const RISE_KEYS = ['orientation', 'shape', 'part', 'class', 'part_given_class'] as const satisfies readonly NmiKey[];
export type RiseKey = (typeof RISE_KEYS)[number];
export const RISE_NAMES: Record<RiseKey, string> = {
  orientation: 'orientation',
  shape: 'shape',
  part: 'part',
  class: 'class',
  part_given_class: 'part beyond class',
};

export interface RiseRow {
  key: RiseKey;
  name: string;
  block: number;
  /** Over the training's own initialisation. */
  rise: number;
  /** Lowest and highest over every untrained network measured. */
  low: number;
  high: number;
  /** The second trained network's rise over its own initialisation, and its range over every untrained network. */
  second: number;
  secondLow: number;
  secondHigh: number;
  /** The trained-side range: the lower and higher of the two trained networks' rises over their own starts. */
  trainedLow: number;
  trainedHigh: number;
}

export function riseRows(m: ConvnetMeasurements): RiseRow[] {
  return m.selectivity.blocks.flatMap((b, i) =>
    RISE_KEYS.flatMap((key) => {
      const rise = b.summary.rise[key];
      const range = b.summary.riseRange[key];
      const s = m.second.blocks[i]!.summary;
      const second = s.rise[key];
      const secondRange = s.riseRange[key];
      if (rise === null || range === null || second === null || secondRange === null) return [];
      return [{
        key, name: RISE_NAMES[key], block: i + 1, rise, low: range[0], high: range[1],
        second, secondLow: secondRange[0], secondHigh: secondRange[1],
        trainedLow: Math.min(rise, second), trainedHigh: Math.max(rise, second),
      }];
    }),
  );
}

export type SigmaSeries = 'trained' | 'init' | 'plain' | 'sqrt' | 'linear';
export const SIGMA_NAMES: Record<SigmaSeries, string> = {
  trained: 'trained network',
  init: 'at initialisation',
  plain: 'no pooling, at initialisation',
  sqrt: '√depth',
  linear: 'depth (linear)',
};

export interface SigmaRow {
  series: SigmaSeries;
  depth: number;
  /** σ over block 1's σ (for the guides: √depth and depth). */
  ratio: number;
}

export function sigmaRows(m: ConvnetMeasurements): SigmaRow[] {
  const rf = m.receptiveFields;
  const rows = (series: SigmaSeries, ratios: number[]) => ratios.map((ratio, i) => ({ series, depth: i + 1, ratio }));
  const L = rf.rf.length;
  return [
    ...rows('trained', rf.trained.valSigmaRatio),
    ...rows('init', rf.init.valSigmaRatio),
    ...rows('plain', rf.plainInit.valSigmaRatio),
    ...rows('sqrt', Array.from({ length: L }, (_, i) => Math.sqrt(i + 1))),
    ...rows('linear', Array.from({ length: L }, (_, i) => i + 1)),
  ];
}

export interface TrainingRow {
  epoch: number;
  block: number;
  sigma: number;
  low: number;
  high: number;
}

export function trainingRows(m: ConvnetMeasurements): TrainingRow[] {
  return m.receptiveFields.training.flatMap((c) => c.sigma.map((sigma, i) => ({ epoch: c.epoch, block: i + 1, sigma, low: c.low[i]!, high: c.high[i]! })));
}
