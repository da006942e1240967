// The answers of the long-range tasks. Every word of one pool has the same number of tokens (two) under
// the shipped tokenizer, with its leading space (and the class names also without it, as the import has them): swapping the answer then changes no token position, so
// an example and its swapped twin differ only inside the fact and the target (the "only from the fact"
// property, test/unit/memory-tasks/generator.test.ts). The filler set excludes all of these words.

/** Gendered first names; the pronoun task's answer is the gender, recoverable only from the name. */
export const FEMALE_NAMES = ['Mary', 'Anne', 'Jane', 'Alice', 'Carol', 'Rose', 'Kate'] as const;
export const MALE_NAMES = ['James', 'William', 'Frank', 'Harry', 'Jack', 'Fred', 'Tom'] as const;
export const PRONOUNS = { female: 'she', male: 'he' } as const;

/** Keys and values of the associative-recall bindings ("The red case has the apple."). The keys are one
 * token each, so that the shortest query (" The red case has the") reaches a distance of 8. */
export const KEYS = ['red', 'white', 'black', 'old', 'new', 'big', 'small', 'dark'] as const;
export const VALUES = ['apple', 'stone', 'horse', 'window', 'letter', 'coin', 'bread', 'wheel', 'rope', 'lamp', 'bell', 'ring'] as const;

/** Classes of one real Java package, for "import java.util.Vector; … new Vector": one package, so that the
 * import line's length does not depend on the answer, and classes of three tokens with or without the space. */
export const PACKAGE = 'java.util';
export const CLASSES: readonly string[] = ['Timer', 'Random', 'Vector', 'Queue', 'Locale', 'Optional', 'Iterator', 'Formatter'];

/** Words whose presence in a filler sentence would leak or blur an answer: the sentence is left out of the
 * filler set if any of its words (lower-cased) equals a pronoun or starts with one of the stems. */
export const EXCLUDED_PRONOUNS = ['he', 'she', 'him', 'his', 'her', 'hers', 'himself', 'herself'] as const;
export const EXCLUDED_STEMS: readonly string[] = [
  ...FEMALE_NAMES, ...MALE_NAMES, ...VALUES, ...CLASSES, 'import',
].map((w) => w.toLowerCase());

/** True when a filler sentence may be used: no excluded pronoun, no word starting with an excluded stem. */
export function fillerSentenceAllowed(sentence: string): boolean {
  const words = sentence.toLowerCase().match(/[a-z]+/g) ?? [];
  return !words.some((w) => (EXCLUDED_PRONOUNS as readonly string[]).includes(w) || EXCLUDED_STEMS.some((s) => w.startsWith(s)));
}
