/**
 * The dezoom map's URL state (keys `<figureId>.<field>`, plain on the embed page):
 *   depth  a depth of the ladder (1, 2, 3, 4, 6)            which model the map shows (default: the deepest)
 *   task   constituent | head_number                         which span probe (default head_number)
 * Invalid values fall back to the default, silently (widgets/runtime/url-state.ts).
 */
import { enumField, type StateOf } from '../runtime/url-state.ts';
import { SPAN_TASKS, type SpanTask } from './ladder.ts';

export function dezoomMapSchema(depths: readonly number[], defaults: { depth?: number; task?: SpanTask } = {}) {
  const values = depths.map(String);
  const depth = defaults.depth !== undefined && depths.includes(defaults.depth) ? String(defaults.depth) : values.at(-1)!;
  return {
    depth: enumField(values, depth),
    task: enumField(SPAN_TASKS, defaults.task ?? 'head_number'),
  };
}

export type DezoomMapState = StateOf<ReturnType<typeof dezoomMapSchema>>;
