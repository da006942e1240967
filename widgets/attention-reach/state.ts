/**
 * The attention-reach figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   first  1 | 0   include attention to the window's first position in the mean distance (default 1)
 *   log    1 | 0   logarithmic y axis on the reach-by-depth chart (default 0)
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { boolField, type StateOf } from '../runtime/url-state.ts';

export interface AttentionReachDefaults {
  /** Whether the figure opens with attention to the first token included (default true). */
  includeFirst?: boolean;
  /** Whether the reach-by-depth chart opens on a log axis (default false). */
  log?: boolean;
}

export function attentionReachSchema(defaults: AttentionReachDefaults = {}) {
  return {
    first: boolField(defaults.includeFirst !== false),
    log: boolField(defaults.log === true),
  };
}

export type AttentionReachSchema = ReturnType<typeof attentionReachSchema>;
export type AttentionReachState = StateOf<AttentionReachSchema>;
