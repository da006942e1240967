/**
 * The vocabulary of the generated language (language.ts): every token is one piece. Content words are
 * spelled from 2–3 syllable pieces, drawn from disjoint pools so that each scale's information needs
 * composition:
 * - a noun is two pieces (a, b) and its class (which pronoun refers to it) is (a + b) mod 3, so neither
 *   piece alone tells the class: the word is only known once joined;
 * - a verb is three pieces (x, y, z) where z is fixed by x and y together and by neither alone;
 * - an adjective is two free pieces.
 * Function tokens are single pieces. Browser-safe: no Node imports.
 */

export const SPECIALS = [
  '<doc>', // starts every document
  '¶', // paragraph break
  '.',
  'the',
  'of',
  'that',
  'ka', // pronoun, noun class 0
  'mo', // pronoun, noun class 1
  'ri', // pronoun, noun class 2
  '-ta', // verb agreement: singular subject
  '-ne', // verb agreement: plural subject
  '-s', // plural noun
  '-do', // past tense (verbs inside a relative clause: no agreement)
  'ko', // sentence particle: see language.ts (document property)
  'pu',
] as const;

export const NOUN_A = ['ba', 'be', 'bi'] as const;
export const NOUN_B = ['ga', 'ge', 'gi', 'go', 'gu', 'gy'] as const;
export const VERB_X = ['la', 'le', 'li'] as const;
export const VERB_Y = ['ma', 'me', 'mi', 'mu'] as const;
export const VERB_Z = ['sa', 'se', 'si', 'su'] as const;
export const ADJ_J = ['va', 've', 'vi', 'vu'] as const;
export const ADJ_K = ['za', 'ze', 'zi'] as const;

export const PIECES: readonly string[] = [...SPECIALS, ...NOUN_A, ...NOUN_B, ...VERB_X, ...VERB_Y, ...VERB_Z, ...ADJ_J, ...ADJ_K];
export const VOCAB_SIZE = PIECES.length;

const idOf = new Map(PIECES.map((p, i) => [p, i]));
/** The id of a piece (throws on an unknown one: the vocabulary is closed). */
export function pieceId(piece: string): number {
  const id = idOf.get(piece);
  if (id === undefined) throw new RangeError(`unknown piece "${piece}"`);
  return id;
}

export const NOUN_CLASSES = 3;
export const PRONOUNS = ['ka', 'mo', 'ri'] as const;

export interface Noun {
  pieces: [string, string];
  /** Which pronoun refers to it: (a + b) mod 3. */
  cls: number;
}
export interface Verb {
  pieces: [string, string, string];
}

export const NOUNS: readonly Noun[] = NOUN_A.flatMap((a, i) => NOUN_B.map((b, j) => ({ pieces: [a, b] as [string, string], cls: (i + j) % NOUN_CLASSES })));
/** z = Z[(x + 2y) mod 4]: given y alone x leaves 3 choices, given x alone y leaves all 4. */
export const VERBS: readonly Verb[] = VERB_X.flatMap((x, i) =>
  VERB_Y.map((y, j) => ({ pieces: [x, y, VERB_Z[(i + 2 * j) % VERB_Z.length]!] as [string, string, string] })),
);
export const ADJECTIVES: readonly [string, string][] = ADJ_J.flatMap((j) => ADJ_K.map((k) => [j, k] as [string, string]));
