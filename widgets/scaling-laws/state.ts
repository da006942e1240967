/**
 * The scaling-laws figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   view  data | params | compute   loss against training data, transformer size, or training compute
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { enumField, type StateOf } from '../runtime/url-state.ts';

export const VIEWS = ['data', 'params', 'compute'] as const;
export type ScalingView = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<ScalingView, string> = {
  data: 'Against data',
  params: 'Against transformer size',
  compute: 'Against compute',
};

export function scalingLawsSchema(defaults: { view?: ScalingView } = {}) {
  return { view: enumField(VIEWS, defaults.view && VIEWS.includes(defaults.view) ? defaults.view : 'data') };
}

export type ScalingLawsState = StateOf<ReturnType<typeof scalingLawsSchema>>;
