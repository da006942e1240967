/** The one-sentence summaries the static charts carry as their text alternative (with the tables beside them). */
import { num } from '../../runtime/kit/format.ts';
import { RISE_NAMES, type RiseRow, type SigmaRow, type TrainingRow } from './data.ts';

export function riseSummary(rows: RiseRow[]): string {
  const top = [...rows].sort((a, b) => b.low - a.low)[0];
  const blocks = Math.max(...rows.map((r) => r.block));
  if (!top) return 'No rise over initialisation could be measured.';
  return (
    `Mean information of a channel about each label family, trained over untrained, in blocks 1 to ${blocks}. ` +
    `The largest rise, counting the least favourable untrained network, is ${RISE_NAMES[top.key]} in block ${top.block}: ` +
    `${num(top.rise, 1)} times (${num(top.low, 1)} to ${num(top.high, 1)} over the untrained networks); ` +
    `a second network trained from another start rose ${num(top.second, 1)} times there.`
  );
}

export function sigmaSummary(rows: SigmaRow[]): string {
  const last = Math.max(...rows.map((r) => r.depth));
  const at = (series: SigmaRow['series']) => rows.find((r) => r.series === series && r.depth === last)?.ratio ?? NaN;
  return (
    `Width σ of the effective receptive field relative to block 1, by depth. At depth ${last}: trained ${num(at('trained'), 2)}×, ` +
    `at initialisation ${num(at('init'), 2)}×, without pooling ${num(at('plain'), 2)}×, against √${last} = ${num(at('sqrt'), 2)} and ${last}.`
  );
}

export function trainingSummary(rows: TrainingRow[]): string {
  const epochs = [...new Set(rows.map((r) => r.epoch))].sort((a, b) => a - b);
  const first = epochs[0]!;
  const last = epochs.at(-1)!;
  const parts = [...new Set(rows.map((r) => r.block))].map((b) => {
    const a = rows.find((r) => r.block === b && r.epoch === first)!;
    const z = rows.find((r) => r.block === b && r.epoch === last)!;
    return `block ${b} ${num(a.sigma, 2)} to ${num(z.sigma, 2)} px`;
  });
  return `σ of the effective receptive field across training, epoch ${first} to ${last}: ${parts.join(', ')}.`;
}
