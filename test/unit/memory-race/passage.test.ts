// The race's passage (widgets/memory-race/passage.ts, view.ts) on the shipped tokenizer and filler: exact
// distances, twins that differ only in the fact and the target, the parts the view shows, where each model reads.
import { describe, expect, it } from 'vitest';
import { readMemoryFiller, readTokenizer } from '../../../widgets/models/artifacts.ts';
import { MemoryTaskGenerator, TASKS } from '../../../widgets/runtime/memory-tasks/index.ts';
import { makePassage, passageParts, readStart, seesFact, twinAnswer } from '../../../widgets/memory-race/passage.ts';
import { keyOf, passageFor, shownLane, shownPassage } from '../../../widgets/memory-race/view.ts';
import { DISTANCE_STOPS, DEFAULT_STATE } from '../../../widgets/memory-race/state.ts';
import type { Lane, RaceResult } from '../../../widgets/memory-race/race.ts';

const tokenizer = readTokenizer();
const gen = new MemoryTaskGenerator(tokenizer, readMemoryFiller());

describe('memory race passage', () => {
  it('puts the fact exactly `distance` tokens before the blank at every stop, and its twin differs only in fact and target', () => {
    for (const task of TASKS) {
      for (const d of DISTANCE_STOPS) {
        for (const flip of [false, true]) {
          const p = makePassage(gen, task, d, 3, flip);
          expect(p.shown.distance, `${task} ${d}`).toBe(d);
          expect(p.prefix).toBe(p.shown.target.tokens[0]);
          expect(p.twin.answer).not.toBe(p.shown.answer);
          expect(p.twin.ids.length).toBe(p.shown.ids.length);
          const differ = p.shown.ids.flatMap((id, i) => (id !== p.twin.ids[i] ? [i] : []));
          const inSpan = (i: number, s: [number, number]) => i >= s[0] && i < s[1];
          expect(differ.every((i) => inSpan(i, p.shown.fact.tokens) || inSpan(i, p.shown.target.tokens)), `${task} ${d}`).toBe(true);
          expect(differ.some((i) => inSpan(i, p.shown.fact.tokens))).toBe(true);
        }
      }
    }
  });

  it('flips between the generator’s example and its twin', () => {
    const a = makePassage(gen, 'recall', 64, 5, false);
    const b = makePassage(gen, 'recall', 64, 5, true);
    expect(b.shown.answer).toBe(twinAnswer(a.shown));
    expect(b.twin.answer).toBe(a.shown.answer);
    expect(a.shown.distractors.map((s) => s.text.trim())).not.toContain(twinAnswer(a.shown).trim());
  });

  it('cuts the passage into parts that put it back together, the filler where the generator put it', () => {
    for (const task of TASKS) {
      for (const d of [8, 64, 1536]) {
        const ex = makePassage(gen, task, d, 11, false).shown;
        const p = passageParts(ex);
        expect(p.before + p.fact + p.afterFact + p.filler + p.query + p.target + p.ending).toBe(ex.text);
        expect(p.fact).toBe(ex.fact.text);
        expect(p.target).toBe(ex.answer);
        expect(tokenizer.encode(p.filler).length).toBe(ex.filler.tokens);
      }
    }
  });

  it('says where a window of 128 starts, and whether it holds the fact', () => {
    expect(readStart(100, null)).toBe(0);
    expect(readStart(100, 128)).toBe(0);
    expect(readStart(300, 128)).toBe(172);
    for (const d of [120, 128, 136]) {
      const ex = makePassage(gen, 'pronoun', d, 0, false).shown;
      expect(seesFact(ex, 128), String(d)).toBe(d <= 128);
      expect(seesFact(ex, null)).toBe(true);
    }
  });

  it('shows the live lane for its state, the build-time lane for the opening, a stale one only for the same task', () => {
    const lane = { model: 'lstm' } as Lane;
    const other = { model: 'lstm', readFrom: 1 } as Lane;
    const initial: RaceResult = { key: keyOf(DEFAULT_STATE), lanes: [lane] };
    const k = keyOf({ ...DEFAULT_STATE, distance: 512 });
    expect(shownLane(null, initial, 'lstm', keyOf(DEFAULT_STATE))).toEqual({ lane, stale: false });
    expect(shownLane(null, initial, 'lstm', k)).toBeNull();
    expect(shownLane({ key: k, lane: other }, initial, 'lstm', k)).toEqual({ lane: other, stale: false });
    expect(shownLane({ key: k, lane: other }, initial, 'lstm', { ...k, distance: 8 })).toEqual({ lane: other, stale: true });
    expect(shownLane({ key: k, lane: other }, initial, 'lstm', { ...k, task: 'import' })).toBeNull();
    const p = passageFor(gen, { ...DEFAULT_STATE, task: 'import', distance: 1536 });
    expect(typeof p).not.toBe('string');
    expect(shownPassage(p as never).prefix).toBeGreaterThan(1536);
  });
});
