/**
 * The labels the generated language declares compositional, as bag-of-tokens examples: for each, the
 * positions it is probed at and the window a bag-of-tokens reader sees there (the document up to and
 * including the position, at most `context` tokens). Shared by the unit tests and the factory's record
 * (models/data/hier-language.ts).
 */
import type { HierDocument } from '../../widgets/models/hier-language/language.ts';
import { POS } from '../../widgets/models/hier-language/language.ts';
import { bagProbe, type BagExample, type BagProbeResult } from './bag-probe.ts';

const VERB = POS.indexOf('VERB');
const PRON = POS.indexOf('PRON');
const PART = POS.indexOf('PART');

export interface CompositionalLabel {
  name: string;
  what: string;
  classes: number;
  /** [position, label] pairs of one document. */
  examples: (d: HierDocument) => [number, number][];
}

export const COMPOSITIONAL: CompositionalLabel[] = [
  {
    name: 'subject_number',
    what: "the subject's number, read at the verb's third piece (just before its agreement piece)",
    classes: 2,
    examples: (d) => d.ids.flatMap((_, t) => (d.pos[t] === VERB && d.piece[t] === 2 && d.head[t + 1]! >= 0 ? [[t, d.subjectNumber[t]!] as [number, number]] : [])),
  },
  {
    name: 'topic_number',
    what: "the number of a paragraph's topic, read at the paragraph's first pronoun (its verb must agree with it; later pronouns' verbs have already said it)",
    classes: 2,
    examples: (d) =>
      d.ids.flatMap((_, t) =>
        d.pos[t] === PRON && !d.pos.slice(0, t).some((p, u) => p === PRON && d.paragraph[u] === d.paragraph[t]) ? [[t, d.subjectNumber[t]!] as [number, number]] : [],
      ),
  },
  {
    name: 'document_property',
    what: 'the document property, read at every particle after the first',
    classes: 2,
    examples: (d) => d.ids.flatMap((_, t) => (d.pos[t] === PART && d.evidence[t]! >= 0 ? [[t, d.property] as [number, number]] : [])),
  },
];

export function bagExamples(docs: readonly HierDocument[], label: CompositionalLabel, context: number): BagExample[] {
  return docs.flatMap((d) => label.examples(d).map(([t, y]) => ({ window: d.ids.slice(Math.max(0, t + 1 - context), t + 1), label: y })));
}

export function bagControl(train: readonly HierDocument[], test: readonly HierDocument[], label: CompositionalLabel, context: number, V: number): BagProbeResult {
  return bagProbe(bagExamples(train, label, context), bagExamples(test, label, context), V, label.classes);
}
