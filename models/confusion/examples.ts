// The confusion-set data builder: every occurrence of a set's member in the Brown Corpus becomes one example,
// whose label is the word that was in the text (lower-cased) and whose input is the rest of its sentence.
// Train and test examples come from different documents: the corpus's own split by document
// (models/data/split.ts), train = the train split, test = the validation split.
import type { CorpusDocument, Split } from '../data/types.ts';
import type { Counts } from './sets.ts';

export interface Example {
  /** The set's name (members joined by "/"). */
  set: string;
  /** The member that was in the text, lower-cased. */
  label: string;
  /** The sentence's other words, lower-cased, up to WINDOW on each side, nearest first. */
  left: string[];
  right: string[];
  doc: string;
  split: Split;
  /** Index of the target in the document's word list (to trace an example back to the text). */
  index: number;
}

/** Words kept on each side: enough for the widest feature (±5 context words; collocations use ±2). */
export const WINDOW = 5;

type Doc = Pick<CorpusDocument, 'id' | 'split' | 'words'>;

/** Per lower-cased word: occurrences in train and in test (= val) documents. */
export function countWords(docs: readonly Doc[]): Counts {
  const counts: Counts = {};
  for (const d of docs)
    for (const w of d.words) {
      const c = (counts[w.text.toLowerCase()] ??= { train: 0, test: 0 });
      c[d.split === 'train' ? 'train' : 'test']++;
    }
  return counts;
}

/** Every example of every set, in document order. A word belongs to at most one set (checked). */
export function buildExamples(docs: readonly Doc[], sets: readonly (readonly string[])[]): Example[] {
  const setOf = new Map<string, string>();
  for (const set of sets)
    for (const w of set) {
      if (setOf.has(w)) throw new Error(`buildExamples: "${w}" is in two sets`);
      setOf.set(w, set.join('/'));
    }
  const out: Example[] = [];
  for (const d of docs) {
    const words = d.words;
    for (let i = 0; i < words.length; i++) {
      const label = words[i]!.text.toLowerCase();
      const set = setOf.get(label);
      if (set === undefined) continue;
      const sentence = words[i]!.sentence;
      const left: string[] = [];
      for (let j = i - 1; j >= 0 && left.length < WINDOW && words[j]!.sentence === sentence; j--) left.push(words[j]!.text.toLowerCase());
      const right: string[] = [];
      for (let j = i + 1; j < words.length && right.length < WINDOW && words[j]!.sentence === sentence; j++) right.push(words[j]!.text.toLowerCase());
      out.push({ set, label, left, right, doc: d.id, split: d.split, index: i });
    }
  }
  return out;
}

/**
 * Train examples from the given training documents, test examples from every test (val) document. Throws if a
 * training document is a test document: the held-out set must stay held out whatever subset is asked for.
 */
export function trainTestSplit(examples: readonly Example[], trainDocs: ReadonlySet<string>): { train: Example[]; test: Example[] } {
  const testDocs = new Set(examples.filter((e) => e.split !== 'train').map((e) => e.doc));
  for (const id of trainDocs) if (testDocs.has(id)) throw new Error(`trainTestSplit: test document ${id} asked for as training data`);
  return {
    train: examples.filter((e) => e.split === 'train' && trainDocs.has(e.doc)),
    test: examples.filter((e) => e.split !== 'train'),
  };
}
