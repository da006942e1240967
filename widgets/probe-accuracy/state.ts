/**
 * The probe-accuracy figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   metric  accuracy | selectivity   what chart 1 plots and which expected layer chart 2 shows
 *   label   all | <label id>         the label chart 1 highlights (ids from the measurements file)
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { enumField, type StateOf } from '../runtime/url-state.ts';
import type { Metric } from './data.ts';

export const METRICS = ['accuracy', 'selectivity'] as const satisfies readonly Metric[];
export const ALL_LABELS = 'all';

/** What the "Show" radios say for each metric. */
export const METRIC_TEXT: Record<Metric, string> = {
  accuracy: 'Accuracy',
  selectivity: 'Selectivity (accuracy − control task)',
};

export interface ProbeAccuracyDefaults {
  metric?: string;
  label?: string;
}

/**
 * `labelIds` are the labels of the measurements file, so a retrained file with other labels gets a
 * matching schema. Defaults given as props fall back when they are not valid values.
 */
export function probeAccuracySchema(labelIds: readonly string[], defaults: ProbeAccuracyDefaults = {}) {
  const labels = [ALL_LABELS, ...labelIds.filter((id) => id !== ALL_LABELS)];
  const metric = (METRICS as readonly string[]).includes(defaults.metric ?? '') ? (defaults.metric as Metric) : 'accuracy';
  const label = defaults.label !== undefined && labels.includes(defaults.label) ? defaults.label : ALL_LABELS;
  return {
    metric: enumField<Metric>(METRICS, metric),
    label: enumField<string>(labels, label),
  };
}

export type ProbeAccuracySchema = ReturnType<typeof probeAccuracySchema>;
export type ProbeAccuracyState = StateOf<ProbeAccuracySchema>;
