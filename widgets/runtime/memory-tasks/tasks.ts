// The three tasks as layouts: the document is a list of pieces, fixed text around the fact, a slot for the
// filler, and the query ending at the target. A task offers several layouts of different lengths (where
// the fact sits, how the query is phrased) so that short distances can be hit exactly; the generator
// tries them in a seeded order.
//
// Every piece begins at a pre-tokenizer chunk boundary (a space or newline, or punctuation after a word),
// and no piece ends in whitespace, so the document's token count is the sum of its pieces' counts.

import { CLASSES, FEMALE_NAMES, KEYS, MALE_NAMES, PACKAGE, PRONOUNS, VALUES } from './vocab.ts';
import type { TaskName } from './types.ts';

export type Role = 'fact' | 'target' | 'distractor';
export interface Piece {
  text: string;
  role?: Role;
}

export type FillerForm = keyof typeof FILLER_FORMS;

export interface Layout {
  /** How a filler sentence appears in this document: prose " s", code "\n// s". */
  fillerForm: FillerForm;
  /** Pieces before the filler (the fact among them). */
  head: Piece[];
  /** Pieces after the filler: the query, the target, an ending. */
  tail: Piece[];
}

export interface TaskPlan {
  answer: string;
  candidates: string[];
  layouts: Layout[];
}

type Pick = <T>(items: readonly T[]) => T;

/** `draw` picks what does not depend on the answer; `answerIndex` picks the answer among the candidates. */
export function planTask(task: TaskName, draw: Pick, answerIndex: (candidates: readonly string[]) => number, forced?: string): TaskPlan {
  const choose = (candidates: string[], allowed: (c: string) => boolean = () => true): string => {
    if (forced !== undefined) {
      if (!candidates.includes(forced) || !allowed(forced)) throw new RangeError(`"${forced}" cannot be the answer of this ${task} example`);
      return forced;
    }
    const open = candidates.filter(allowed);
    return open[answerIndex(open)]!;
  };
  if (task === 'pronoun') return pronoun(draw, choose);
  if (task === 'recall') return recall(draw, choose);
  return importTask(draw, choose);
}

type Choose = (candidates: string[], allowed?: (c: string) => boolean) => string;

function pronoun(draw: Pick, choose: Choose): TaskPlan {
  const candidates = [` ${PRONOUNS.female}`, ` ${PRONOUNS.male}`];
  const answer = choose(candidates);
  // the name is drawn after the gender, at the same index in either list, so a swapped twin keeps the layout
  const nameIndex = draw(FEMALE_NAMES.map((_, i) => i));
  const name = (answer === candidates[0] ? FEMALE_NAMES : MALE_NAMES)[nameIndex]!;
  const facts = [
    ['The house by the river belonged to', '.'],
    ['The old farm at the end of the road belonged to', '.'],
    ['Everyone in the village knew', ' well.'],
  ] as const;
  const [before, after] = draw(facts);
  const queries = [' Then', ' That night,', ' In the end,', ' Years later,', ' That night, at last,', ' After a while, as the light faded,'];
  const ending = draw([' came home.', ' smiled.', ' said nothing.']);
  return {
    answer,
    candidates,
    layouts: queries.map((q) => ({
      fillerForm: 'prose' as const,
      head: [{ text: before }, { text: ` ${name}`, role: 'fact' as const }, { text: after }],
      tail: [{ text: q }, { text: answer, role: 'target' as const }, { text: ending }],
    })),
  };
}

function recall(draw: Pick, choose: Choose): TaskPlan {
  const candidates = VALUES.map((v) => ` ${v}`);
  const colors = shuffleWith(draw, KEYS).slice(0, 3);
  const distractorValues = shuffleWith(draw, candidates).slice(0, 2);
  const answer = choose(candidates, (c) => !distractorValues.includes(c));
  const queried = colors[0]!;
  const binding = (color: string, value: string, role: Role, first: boolean): Piece[] => [
    { text: `${first ? '' : ' '}The ${color} case has the` },
    { text: value, role },
    { text: '.' },
  ];
  // queries of 5 to 10 tokens: with the filler's shortest sentences (4 tokens) every distance from 8 is exact
  const queries = [' The', ' Then the', ' So the', ' In short, the', ' Once again, the', ' Remember: the'].map((q) => `${q} ${queried} case has the`);
  const layouts: Layout[] = [];
  // the queried binding first, second or last of the three (a later place leaves a shorter distance)
  for (let place = 0; place < 3; place++) {
    const order = [colors[1]!, colors[2]!];
    const values = [distractorValues[0]!, distractorValues[1]!];
    const head: Piece[] = [];
    let other = 0;
    for (let i = 0; i < 3; i++) {
      if (i === place) head.push(...binding(queried, answer, 'fact', i === 0));
      else {
        head.push(...binding(order[other]!, values[other]!, 'distractor', i === 0));
        other++;
      }
    }
    for (const q of queries) layouts.push({ fillerForm: 'prose', head, tail: [{ text: q }, { text: answer, role: 'target' }, { text: '.' }] });
  }
  return { answer, candidates, layouts: draw([0, 1]) === 0 ? layouts : layouts.reverse() };
}

function importTask(draw: Pick, choose: Choose): TaskPlan {
  const candidates = CLASSES.map((name) => ` ${name}`);
  const answer = choose(candidates);
  const name = answer.trim();
  const owner = draw(['Ledger', 'Report', 'Session', 'Archive']);
  const variable = draw(['value', 'result', 'item']);
  const fact: Piece[] = [{ text: `import ${PACKAGE}.` }, { text: name, role: 'fact' }, { text: ';' }];
  // a bare script: the import, comment lines, then the use (short queries reach the shortest distances)
  // one query of each length from 3 to 9 tokens, so that every distance from 8 up can be hit exactly
  const script = ['\nnew', '\nreturn new', '\nx = new', '\ndata = new', '\nvalue = new', '\nvar x = new', '\nfinal x = new', `\n\nvar ${variable} = new`];
  const layouts: Layout[] = script.map((lead) => ({
    fillerForm: 'comment',
    head: fact,
    tail: [{ text: lead }, { text: answer, role: 'target' }, { text: '();' }],
  }));
  // a class: its comments indented, the use inside a method (too long for the shortest distances)
  const method = ['\n    Object make() {\n        return new', '\n\n    Object make() {\n        return new'];
  const classLayouts: Layout[] = method.map((q) => ({
    fillerForm: 'indented-comment',
    head: [...fact, { text: `\n\npublic class ${owner} {` }],
    tail: [{ text: q }, { text: answer, role: 'target' }, { text: '();\n    }\n}' }],
  }));
  return { answer, candidates, layouts: draw([false, true]) ? [...classLayouts, ...layouts] : layouts };
}

function shuffleWith<T>(draw: Pick, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = draw(out.slice(0, i + 1).map((_, k) => k));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const FILLER_FORMS = {
  prose: (s: string) => ` ${s}`,
  comment: (s: string) => `\n// ${s}`,
  'indented-comment': (s: string) => `\n    // ${s}`,
} as const;
