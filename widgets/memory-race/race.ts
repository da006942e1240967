/**
 * The race on one passage: every model of the list answers on the passage and on its twin (the same document
 * with the other answer), and shows its memory: the transformer its attention to the fact (or that the fact is
 * outside its window), the LSTM how much its state still differs between the twins, token by token. Pure TS
 * over the engines (score.ts); a result is small enough to travel as island props (the static first paint).
 */
import type { MemoryExample } from '../runtime/memory-tasks/index.ts';
import type { RaceModel } from './models.ts';
import type { Passage } from './passage.ts';
import { readStart } from './passage.ts';
import { answerOf, factAttention, lstmScores, stateTrace, transformerScores, type Answer, type FactAttention, type LstmEngine, type TransformerEngine } from './score.ts';

export interface Engines {
  transformer: (m: RaceModel) => TransformerEngine;
  lstm: (m: RaceModel) => LstmEngine;
}

export interface Lane {
  model: string;
  /** First token the model reads to predict the target. */
  readFrom: number;
  /** On the passage shown and on its twin. */
  shown: Answer;
  twin: Answer;
  /** Transformer: attention to the fact, or 'outside' when the fact is before the window. */
  attention: FactAttention | 'outside' | null;
  /** LSTM: the state difference between the twins after each token from the fact to the target (every `traceStep`-th). */
  trace: number[] | null;
  traceStep: number;
}

/** What a result is for: the view paints it only while the state still asks for it. */
export interface RaceKey {
  task: string;
  distance: number;
  seed: number;
  flip: boolean;
}

export interface RaceResult {
  key: RaceKey;
  lanes: Lane[];
}

export const sameKey = (a: RaceKey, b: RaceKey) => a.task === b.task && a.distance === b.distance && a.seed === b.seed && a.flip === b.flip;

/** At most this many points of the LSTM's trace travel and are drawn (the curve, not every token). */
export const TRACE_POINTS = 256;

export function thin(values: number[], max = TRACE_POINTS): { values: number[]; step: number } {
  const step = Math.max(1, Math.ceil(values.length / max));
  return { values: values.filter((_, i) => i % step === 0), step };
}

const candidateIds = (ex: MemoryExample, encode: (text: string) => number[]) => ex.candidates.map((c) => encode(c));

/** One model's lane; null when a newer run superseded this one. */
export async function runLane(m: RaceModel, p: Passage, engines: Engines, encode: (text: string) => number[]): Promise<Lane | null> {
  const cands = candidateIds(p.shown, encode);
  const prefix = p.shown.ids.slice(0, p.prefix);
  const twinPrefix = p.twin.ids.slice(0, p.twin.target.tokens[0]);
  const readFrom = readStart(p.prefix, m.context);
  if (m.kind === 'transformer') {
    const engine = engines.transformer(m);
    const shown = await transformerScores(engine, m, prefix, cands);
    if (shown === null) return null;
    const twin = await transformerScores(engine, m, twinPrefix, cands);
    if (twin === null) return null;
    const attention = await factAttention(engine, m, p.shown);
    if (attention === null) return null;
    return { model: m.id, readFrom, shown: answerOf(shown), twin: answerOf(twin), attention, trace: null, traceStep: 1 };
  }
  const engine = engines.lstm(m);
  const shown = await lstmScores(engine, m, prefix, cands);
  if (shown === null) return null;
  const twin = await lstmScores(engine, m, twinPrefix, cands);
  if (twin === null) return null;
  const { values, step } = thin(stateTrace(shown, twin, p.shown.fact.tokens[0]));
  return { model: m.id, readFrom, shown: answerOf(shown.scores), twin: answerOf(twin.scores), attention: null, trace: values, traceStep: step };
}
