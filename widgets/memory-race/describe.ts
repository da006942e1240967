/**
 * The figure's words: each lane's verdict, the transformer's attention and the LSTM's trace as sentences, and
 * the one-line summary the figure announces (its text alternative, with the tables). Pure TS.
 */
import { pct } from '../runtime/kit/format.ts';
import type { RaceModel } from './models.ts';
import type { Lane } from './race.ts';
import type { FactAttention } from './score.ts';

const count = new Intl.NumberFormat('en-US');
const tokens = (n: number) => `${count.format(n)} token${n === 1 ? '' : 's'}`;

/** A candidate as the reader sees it: “she”, “Vector”. */
export const word = (candidate: string) => `“${candidate.trim()}”`;

export interface LaneWords {
  /** "picks “he” (77 %): wrong". */
  verdict: string;
  /** Whether the pick follows the fact when it is flipped. */
  twin: string;
  follows: boolean;
  right: boolean;
}

export function laneWords(m: RaceModel, lane: Lane, candidates: readonly string[], answer: number, twinAnswer: number): LaneWords {
  const pick = lane.shown.pick;
  const right = pick === answer;
  const follows = right && lane.twin.pick === twinAnswer;
  const verdict = `The ${m.label} picks ${word(candidates[pick]!)} (${pct(lane.shown.shares[pick]!, 0)} among the candidates): ${right ? 'right' : 'wrong'}.`;
  const twin =
    lane.twin.pick === pick
      ? `With the fact flipped to ${word(candidates[twinAnswer]!)} it still picks ${word(candidates[pick]!)}: its answer does not come from the fact.`
      : lane.twin.pick === twinAnswer
        ? `With the fact flipped to ${word(candidates[twinAnswer]!)} it picks ${word(candidates[twinAnswer]!)}: ${right ? 'it follows the fact.' : 'its answer moves with the fact, but not onto it here.'}`
        : `With the fact flipped to ${word(candidates[twinAnswer]!)} it picks ${word(candidates[lane.twin.pick]!)}.`;
  return { verdict, twin, follows, right };
}

/** Where the model reads from, against the fact. */
export function windowLine(m: RaceModel, lane: Lane, factAt: number, prefix: number): string {
  if (m.context === null) return `It reads all ${tokens(prefix)} before the answer, the fact included, one token at a time.`;
  if (lane.readFrom <= factAt) return `Its window holds the last ${tokens(Math.min(m.context, prefix))}: the fact is inside, ${tokens(prefix - factAt)} back.`;
  return `Its window holds the last ${tokens(m.context)}: it starts ${tokens(lane.readFrom - factAt)} after the fact, which it cannot see at all.`;
}

export function attentionLine(m: RaceModel, att: FactAttention | 'outside' | null): string {
  if (att === null) return '';
  if (att === 'outside') return `No layer can attend to the fact: it is outside the ${m.context}-token window.`;
  const best = att.layers.reduce((b, l, i) => (l.chosen > att.layers[b]!.chosen ? i : b), 0);
  const l = att.layers[best]!;
  const above = l.chosen > att.uniform;
  return (
    `From the position that predicts the answer, layer ${best + 1}'s head ${l.chosenHead + 1} puts ${pct(l.chosen)} of its attention on the fact's ` +
    `${tokens(att.factTokens)}; a head spreading evenly over the ${tokens(att.window)} would put ${pct(att.uniform)}` +
    `${above ? '.' : ': no more than chance.'}`
  );
}

/** The LSTM's memory of the fact: its state's difference between the twins, at the fact and at the target. */
export function traceLine(trace: readonly number[] | null, distance: number): string {
  if (!trace || trace.length === 0) return '';
  const first = trace[0]!;
  const last = trace.at(-1)!;
  const share = first > 0 ? last / first : 0;
  return (
    `Its state after the fact differs between the two versions of the passage by ${first.toFixed(2)}; ` +
    `${tokens(distance)} later, where the answer is needed, by ${last.toFixed(3)}: ${pct(share)} of the fact's trace is left.`
  );
}

/** The figure's announced summary: every lane's verdict in one line. */
export function raceSummary(parts: { label: string; verdict: string; twin: string }[], distance: number): string {
  return `Distance ${tokens(distance)}. ${parts.map((p) => `${p.verdict} ${p.twin}`).join(' ')}`;
}
