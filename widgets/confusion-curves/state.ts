/**
 * The confusion-curves figure's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   set     all | one set's id (then-than, its-its …, from confusion.json)   macro average or one set
 *   extend  1 | 0   draw the fitted laws out to a billion words, Banko & Brill's range (default 0)
 */
import { boolField, enumField, type StateOf } from '../runtime/url-state.ts';

export function confusionSchema(setIds: readonly string[], defaults: { set?: string; extend?: boolean } = {}) {
  const values = ['all', ...setIds] as const;
  return {
    set: enumField(values as readonly string[], defaults.set && values.includes(defaults.set) ? defaults.set : 'all'),
    extend: boolField(defaults.extend === true),
  };
}

export type ConfusionState = StateOf<ReturnType<typeof confusionSchema>>;
