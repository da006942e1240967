/**
 * What the view shows, decided in plain TS: the passage the state asks for (generated live once the tokenizer
 * and the filler are in, else the build-time one when the state is the opening's), and each lane's answer for
 * it (the live result when it is for this state, the build-time one for the opening state, else the last
 * result of the same task, marked stale while the new one computes).
 */
import type { MemoryTaskGenerator } from '../runtime/memory-tasks/index.ts';
import { makePassage, passageParts, type Passage, type PassageParts } from './passage.ts';
import { sameKey, type Lane, type RaceKey, type RaceResult } from './race.ts';
import type { MemoryRaceState } from './state.ts';

export interface ShownPassage {
  parts: PassageParts;
  candidates: string[];
  answer: number;
  twinAnswer: number;
  factAt: number;
  prefix: number;
}

export const keyOf = (s: MemoryRaceState): RaceKey => ({ task: s.task, distance: s.distance, seed: s.seed, flip: s.flip });

export function shownPassage(p: Passage): ShownPassage {
  return {
    parts: passageParts(p.shown),
    candidates: p.shown.candidates,
    answer: p.shown.candidates.indexOf(p.shown.answer),
    twinAnswer: p.shown.candidates.indexOf(p.twin.answer),
    factAt: p.shown.fact.tokens[0],
    prefix: p.prefix,
  };
}

/** The passage for a state, or an error sentence (the generator refuses a distance no layout fits). */
export function passageFor(gen: MemoryTaskGenerator, s: MemoryRaceState): Passage | string {
  try {
    return makePassage(gen, s.task, s.distance, s.seed, s.flip);
  } catch (error) {
    return error instanceof RangeError ? `This passage cannot be stretched to ${s.distance} tokens; try another distance.` : 'The passage could not be written.';
  }
}

export interface LaneResult {
  key: RaceKey;
  lane: Lane;
}

/** A lane's answer to show for `key`, and whether it is for another state (stale, while the new one computes). */
export function shownLane(result: LaneResult | null, initial: RaceResult, model: string, key: RaceKey): { lane: Lane; stale: boolean } | null {
  if (result && sameKey(result.key, key)) return { lane: result.lane, stale: false };
  const built = initial.lanes.find((l) => l.model === model);
  if (built && sameKey(initial.key, key)) return { lane: built, stale: false };
  // Another passage of the same task has the same candidates: its answer stays on screen, marked, until the new one is in.
  return result && result.key.task === key.task ? { lane: result.lane, stale: true } : null;
}
