// Probe labels for the Brown Corpus. Every table here is documented in models/data/README.md.

/** Label vocabularies, in the order their indices are written to probe-*.bin and meta.json. */
export const LABELS = {
  upos: ['ADJ', 'ADP', 'ADV', 'CONJ', 'DET', 'NOUN', 'NUM', 'PRON', 'PRT', 'VERB', 'X', '.'],
  chunk: ['O', 'B-NP', 'I-NP'],
  sentpos: ['first', '2-3', '4-7', '8-15', '16+'],
  genre: ['press', 'popular', 'belles_lettres', 'learned', 'fiction'],
  word_start: ['continuation', 'word-start'],
} as const;

// ---- upos: Brown tag → universal tag (Petrov, Das & McDonald 2012) ----

/** Base Brown tags (no modifiers, no compounds, no trailing * or $) → universal tag. */
export const BROWN_TO_UPOS: Readonly<Record<string, string>> = {
  '.': '.', ',': '.', ':': '.', '(': '.', ')': '.', '--': '.', "'": '.', "''": '.', '``': '.',
  '*': 'ADV', // not, n't
  abl: 'ADV', // quite, rather, such (pre-qualifier)
  abn: 'DET', abx: 'DET', // all, half / both (pre-quantifiers)
  ap: 'ADJ', // many, other, next, more, last, few (post-determiner)
  at: 'DET', dt: 'DET', dti: 'DET', dts: 'DET', dtx: 'DET', wdt: 'DET',
  ex: 'DET', // existential there (as Petrov et al. map Penn EX)
  be: 'VERB', bed: 'VERB', bedz: 'VERB', beg: 'VERB', bem: 'VERB', ben: 'VERB', ber: 'VERB', bez: 'VERB',
  do: 'VERB', dod: 'VERB', doz: 'VERB',
  hv: 'VERB', hvd: 'VERB', hvg: 'VERB', hvn: 'VERB', hvz: 'VERB',
  md: 'VERB', vb: 'VERB', vbd: 'VERB', vbg: 'VERB', vbn: 'VERB', vbz: 'VERB',
  cc: 'CONJ',
  cs: 'ADP', // subordinating conjunctions: ADP, as Penn IN → ADP
  in: 'ADP',
  cd: 'NUM',
  od: 'ADJ', // first, second (ordinals are adjectives in the universal scheme)
  jj: 'ADJ', jjr: 'ADJ', jjs: 'ADJ', jjt: 'ADJ',
  nn: 'NOUN', nns: 'NOUN', np: 'NOUN', nps: 'NOUN', nr: 'NOUN', nrs: 'NOUN',
  pn: 'PRON', // nominal pronouns: everybody, nothing
  pp: 'PRON', ppl: 'PRON', ppls: 'PRON', ppo: 'PRON', pps: 'PRON', ppss: 'PRON',
  wp: 'PRON', wpo: 'PRON', wps: 'PRON',
  ql: 'ADV', qlp: 'ADV', wql: 'ADV', rb: 'ADV', rbr: 'ADV', rbt: 'ADV', rn: 'ADV', wrb: 'ADV',
  rp: 'PRT', to: 'PRT',
  uh: 'X', nil: 'X', fw: 'X',
};

/** Strip the fw- prefix and the -tl / -hl / -nc suffixes (and the corpus's few truncated -t / -n). */
export function stripModifiers(tag: string): string {
  let t = tag.toLowerCase();
  if (t.startsWith('fw-')) t = t.slice(3);
  for (;;) {
    const m = /^(.+)-(tl|hl|nc|t|n)$/.exec(t);
    if (!m) return t;
    t = m[1]!;
  }
}

/** The tag that decides the universal tag: modifiers stripped, first part of a compound (`pps+bez` → `pps`). */
export function baseTag(tag: string): string {
  const t = stripModifiers(tag);
  return t.includes('+') ? t.slice(0, t.indexOf('+')) : t;
}

/** Universal tag of a Brown tag, or undefined when the table has no entry. */
export function lookupUpos(tag: string): string | undefined {
  let t = baseTag(tag);
  if (t in BROWN_TO_UPOS) return BROWN_TO_UPOS[t];
  t = t.replace(/\*$/, ''); // negated forms: do*, bez*, md*
  if (t in BROWN_TO_UPOS) return BROWN_TO_UPOS[t];
  t = t.replace(/\$+$/, ''); // possessives: np$, pp$, pp$$, wp$
  return BROWN_TO_UPOS[t];
}

export function toUpos(tag: string): string {
  return lookupUpos(tag) ?? 'X';
}

export function isHeadlineTag(tag: string): boolean {
  return /-hl(-|$)/.test(tag);
}

// ---- chunk: noun phrases by a tag pattern over universal tags ----

export interface ChunkInput {
  upos: string;
  tag: string;
}

/** pp$ (his, their) and wp$ (whose) fill the determiner slot; np$/nn$ are NOUNs and join the modifier run. */
function isDeterminer(w: ChunkInput): boolean {
  if (w.upos === 'DET') return true;
  const b = baseTag(w.tag);
  return w.upos === 'PRON' && (b === 'pp$' || b === 'wp$');
}

/**
 * NP = (DET | possessive pronoun)? (ADJ | NUM | NOUN)* NOUN   — longest match ending in a NOUN
 *    | PRON                                                    — a pronoun alone
 * Greedy, left to right, over one sentence. Returns BIO labels (O, B-NP, I-NP).
 */
export function chunkSentence(words: readonly ChunkInput[]): string[] {
  const out = words.map(() => 'O');
  let i = 0;
  while (i < words.length) {
    let j = i;
    if (isDeterminer(words[j]!)) j++;
    let lastNoun = -1;
    while (j < words.length && /^(ADJ|NUM|NOUN)$/.test(words[j]!.upos)) {
      if (words[j]!.upos === 'NOUN') lastNoun = j;
      j++;
    }
    let end = lastNoun; // inclusive
    if (end < 0 && words[i]!.upos === 'PRON') end = i;
    if (end < 0) {
      i++;
      continue;
    }
    out[i] = 'B-NP';
    for (let k = i + 1; k <= end; k++) out[k] = 'I-NP';
    i = end + 1;
  }
  return out;
}

// ---- sentpos: 1-based position of the word among the sentence's corpus tokens ----

export function sentposIndex(position1: number): number {
  if (position1 <= 1) return 0;
  if (position1 <= 3) return 1;
  if (position1 <= 7) return 2;
  if (position1 <= 15) return 3;
  return 4;
}

// ---- genre: the 15 Brown genres (cats.txt names) → 5 coarse groups ----

export const COARSE_GENRE: Readonly<Record<string, string>> = {
  news: 'press', editorial: 'press', reviews: 'press', // A B C
  religion: 'popular', hobbies: 'popular', lore: 'popular', // D E F
  belles_lettres: 'belles_lettres', // G
  government: 'learned', learned: 'learned', // H J
  fiction: 'fiction', mystery: 'fiction', science_fiction: 'fiction', // K L M
  adventure: 'fiction', romance: 'fiction', humor: 'fiction', // N P R
};

export function coarseGenre(genre: string): string {
  const c = COARSE_GENRE[genre];
  if (!c) throw new Error(`Unknown Brown genre "${genre}"`);
  return c;
}

// ---- word_type: ids of lower-cased word forms, most frequent first (ties alphabetical) ----

export function wordTypeIds(words: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) {
    const k = w.toLowerCase();
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const order = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(order.map(([w], i) => [w, i]));
}
