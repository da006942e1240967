/** Texts the reader can try with one click; each shows something about the tokenizer. */
export const EXAMPLES: readonly { label: string; text: string }[] = [
  { label: 'A sentence', text: 'The cat jumps over the fence.' },
  { label: 'Rare words', text: 'She was unbelievably tired of the bureaucracy and its paperwork.' },
  { label: 'Not English', text: 'Le chat saute. 猫が跳ぶ。 القطة تقفز 🐈‍⬛' },
  {
    label: 'Too long',
    text: Array.from({ length: 12 }, (_, i) => `Sentence ${i + 1}: the old man walked slowly to the river, where his daughter was waiting.`).join(' '),
  },
];
