/**
 * The live ladder's text alternative: one sentence for the selected point (what each layer's probe reads there)
 * and one per scale for the whole text (how many of its points each layer reads right). The same numbers are in
 * the figure's tables; this is the aria-live line and the summary under them.
 */
import { PIECES } from '../models/hier-language/vocab.ts';
import { SCALE_NAMES, argmax, scaleTable, type Point, type Reading } from './readout.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describePoint(reading: Reading, point: Point | null): string {
  if (!point) return 'No piece of this text is one a probe reads (a noun, an agreeing verb, a pronoun or a later particle).';
  const s = SCALE_NAMES[point.label];
  const layers = point.probs.map((p, l) => `layer ${l} ${s.classes[argmax(p)]} (${pct(Math.max(...p))})`).join(', ');
  const truth = point.truth === null ? '' : ` The answer is ${s.classes[point.truth]}.`;
  return `At “${PIECES[reading.ids[point.t]!]}” (piece ${point.t + 1}), the ${s.scale.toLowerCase()} probe reads ${s.reads}: ${layers}.${truth}`;
}

export function describeScales(reading: Reading): string {
  const rows = scaleTable(reading).filter((r) => r.n > 0);
  if (rows.length === 0) return 'This text has no point whose answer is known, so the probes cannot be scored on it.';
  return rows
    .map((r) => `${SCALE_NAMES[r.label].scale}: ${r.right.map((k, l) => `layer ${l} ${k} of ${r.n}`).join(', ')}.`)
    .join(' ');
}
