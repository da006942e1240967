/**
 * The memory race's URL state, e.g. `?race.task=recall&race.distance=512&race.seed=3&race.flip=1`.
 *
 * - `task`: which long-range task writes the passage (widgets/runtime/memory-tasks/): a name and its pronoun,
 *   a key and its value, an import and its use.
 * - `distance`: tokens from the fact to where it is needed (the filler in between grows with it); the slider
 *   moves along DISTANCE_STOPS, a link may carry any whole number in range.
 * - `seed`: which passage (names, phrasing, filler) the generator draws; the same seed at another distance is
 *   the same passage stretched.
 * - `flip`: the passage's twin: the same document with another answer in the fact and at the target. A model
 *   that reads the fact changes its answer with it; one that answers from its prior does not.
 * Anything invalid falls back to the default (url-state.ts).
 */
import { boolField, enumField, intField, type StateOf } from '../runtime/url-state.ts';
import { TASKS, type TaskName } from '../runtime/memory-tasks/types.ts';

/** The slider's stops: dense around the transformer's window (128), sparse far from it. */
export const DISTANCE_STOPS = [8, 16, 32, 64, 96, 120, 128, 136, 160, 192, 256, 384, 512, 768, 1024, 1280, 1536] as const;
export const MIN_DISTANCE = DISTANCE_STOPS[0];
export const MAX_DISTANCE = DISTANCE_STOPS[DISTANCE_STOPS.length - 1]!;
export const MAX_SEED = 9_999;

export interface RaceDefaults {
  task?: TaskName;
  distance?: number;
  seed?: number;
  flip?: boolean;
}

export const DEFAULT_STATE = { task: 'pronoun', distance: 64, seed: 0, flip: false } as const satisfies Required<RaceDefaults>;

export function memoryRaceSchema(defaults: RaceDefaults = {}) {
  const d = { ...DEFAULT_STATE, ...defaults };
  return {
    task: enumField(TASKS, d.task),
    distance: intField({ min: MIN_DISTANCE, max: MAX_DISTANCE, default: d.distance }),
    seed: intField({ min: 0, max: MAX_SEED, default: d.seed }),
    flip: boolField(d.flip),
  };
}

export type MemoryRaceSchema = ReturnType<typeof memoryRaceSchema>;
export type MemoryRaceState = StateOf<MemoryRaceSchema>;

/** The slider's index for a distance: the nearest stop (a link's distance between stops shows at the nearer one). */
export function stopIndex(distance: number): number {
  let best = 0;
  DISTANCE_STOPS.forEach((s, i) => {
    if (Math.abs(Math.log(s / distance)) < Math.abs(Math.log(DISTANCE_STOPS[best]! / distance))) best = i;
  });
  return best;
}

/** The distance at a slider index (clamped). */
export function stopDistance(index: number): number {
  const i = Number.isFinite(index) ? Math.min(DISTANCE_STOPS.length - 1, Math.max(0, Math.round(index))) : 0;
  return DISTANCE_STOPS[i]!;
}
