/**
 * Example texts the attention explorer offers as "Try" buttons: the ones the essays discuss. The running
 * example first, then the changes "Attention, hands-on" asks the reader to make (the same word after other
 * words; a language the model never saw) and the "it" that later essays follow back to the cat.
 */
import { RUNNING_EXAMPLE } from './running-example.ts';

export const EXAMPLES = [
  { label: 'The cat jumps…', text: RUNNING_EXAMPLE },
  { label: 'The long jumps…', text: 'The long jumps over the fence were hard.' },
  { label: '… it was tired', text: 'The cat sat on the mat because it was tired.' },
  { label: 'Le chat…', text: 'Le chat saute par-dessus la clôture.' },
] as const;
