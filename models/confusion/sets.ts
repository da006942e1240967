// Confusion sets for Banko & Brill's (2001) task: given a sentence with one word of a set blanked out, say which
// word of the set was there. Their ten sets, plus two that Brown has in plenty (to/too/two from Golding & Roth
// 1999, who/whom); which of them we study is not our pick but a rule applied to the measured counts
// (chooseSets), so the choice is reproducible and cannot be tuned to the result.

export const CANDIDATE_SETS: readonly (readonly string[])[] = [
  // Banko & Brill 2001, table 1.
  ['accept', 'except'],
  ['affect', 'effect'],
  ['among', 'between'],
  ['its', "it's"],
  ['peace', 'piece'],
  ['principal', 'principle'],
  ['then', 'than'],
  ['their', 'there', "they're"],
  ['weather', 'whether'],
  ['your', "you're"],
  // Common in Brown.
  ['to', 'too', 'two'],
  ['who', 'whom'],
];

/** What a set needs to be studied: enough test examples for an accuracy to mean something, every member seen. */
export interface SetRule {
  minTrainExamples: number;
  minTestExamples: number;
  minMemberTrain: number;
}
export const SET_RULE: Readonly<SetRule> = { minTrainExamples: 300, minTestExamples: 100, minMemberTrain: 40 };

export type Counts = Record<string, { train: number; test: number }>;

/** The sets that pass SET_RULE on the given per-word counts (lower-cased words), in CANDIDATE_SETS order. */
export function chooseSets(counts: Counts, candidates: readonly (readonly string[])[] = CANDIDATE_SETS, rule: Readonly<SetRule> = SET_RULE): string[][] {
  const c = (w: string) => counts[w] ?? { train: 0, test: 0 };
  return candidates
    .filter((set) => {
      const train = set.reduce((s, w) => s + c(w).train, 0);
      const test = set.reduce((s, w) => s + c(w).test, 0);
      return train >= rule.minTrainExamples && test >= rule.minTestExamples && set.every((w) => c(w).train >= rule.minMemberTrain);
    })
    .map((set) => [...set]);
}

/** The name a set goes by in logs and figures: its members joined by "/". */
export const setName = (set: readonly string[]) => set.join('/');
