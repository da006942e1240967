// URL state of the memory race (widgets/memory-race/state.ts): defaults, round trips, hostile values falling back
// to the defaults, and the slider's stops.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, encodeState } from '../../../widgets/runtime/url-state.ts';
import { TASKS } from '../../../widgets/runtime/memory-tasks/index.ts';
import { DEFAULT_STATE, DISTANCE_STOPS, MAX_DISTANCE, MAX_SEED, MIN_DISTANCE, memoryRaceSchema, stopDistance, stopIndex } from '../../../widgets/memory-race/state.ts';

const schema = memoryRaceSchema();

describe('memory race URL state', () => {
  it('defaults to the opening state', () => {
    expect(decodeState(schema, '', 'race')).toEqual(DEFAULT_STATE);
    expect(memoryRaceSchema({ task: 'import', distance: 512 }).distance.default).toBe(512);
  });

  it('round-trips every valid state, under any namespace', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TASKS),
        fc.integer({ min: MIN_DISTANCE, max: MAX_DISTANCE }),
        fc.integer({ min: 0, max: MAX_SEED }),
        fc.boolean(),
        fc.constantFrom('', 'race', 'memory-race'),
        (task, distance, seed, flip, ns) => {
          const state = { task, distance, seed, flip };
          expect(decodeState(schema, new URLSearchParams(encodeState(schema, state, ns)).toString(), ns)).toEqual(state);
        },
      ),
    );
  });

  it('falls back to the default for hostile values, field by field', () => {
    const bad = ['<script>alert(1)</script>', '', '%00', '1e3', '7.5', '-8', '99999999999999999999', 'NaN', '\u202e', 'pronoun\u0000'];
    for (const v of bad) {
      const s = decodeState(schema, `race.task=${encodeURIComponent(v)}&race.distance=${encodeURIComponent(v)}&race.seed=${encodeURIComponent(v)}&race.flip=${encodeURIComponent(v)}`, 'race');
      expect(s, v).toEqual(DEFAULT_STATE);
    }
    expect(decodeState(schema, 'race.distance=7', 'race').distance).toBe(DEFAULT_STATE.distance);
    expect(decodeState(schema, `race.distance=${MAX_DISTANCE + 1}`, 'race').distance).toBe(DEFAULT_STATE.distance);
    expect(decodeState(schema, 'race.distance=1000&race.task=import', 'race')).toEqual({ ...DEFAULT_STATE, distance: 1000, task: 'import' });
  });

  it('moves the slider along increasing stops that include the transformer’s window', () => {
    expect([...DISTANCE_STOPS].sort((a, b) => a - b)).toEqual([...DISTANCE_STOPS]);
    expect(DISTANCE_STOPS).toContain(128);
    expect(MAX_DISTANCE).toBeGreaterThanOrEqual(1024);
    DISTANCE_STOPS.forEach((d, i) => {
      expect(stopIndex(d)).toBe(i);
      expect(stopDistance(i)).toBe(d);
    });
    expect(stopDistance(-3)).toBe(MIN_DISTANCE);
    expect(stopDistance(999)).toBe(MAX_DISTANCE);
    expect(stopDistance(Number.NaN)).toBe(MIN_DISTANCE);
    // a link's distance between stops sits at the nearer stop (on a log scale)
    expect(stopDistance(stopIndex(1000))).toBe(1024);
    expect(stopDistance(stopIndex(9))).toBe(8);
  });
});
