/**
 * The live ladder's text: a generated document written as words (a word's pieces joined, words apart), and the
 * reader's edited text split back into the language's pieces. Pure; the round trip is tested
 * (test/unit/ladder-live/text.test.ts): segmenting a document's text gives back its ids.
 */
import { PIECES } from '../models/hier-language/vocab.ts';
import { generateDocument, type HierDocument } from '../models/hier-language/language.ts';

/** At most this many pieces are read: 4 windows of the model's 256-token context, more than any generated document. */
export const MAX_PIECES = 1024;

/** The document as words: the pieces of one word joined, words apart, "." on its word, each paragraph on a line from its "¶". */
export function documentText(doc: Pick<HierDocument, 'ids' | 'piece'>): string {
  let out = '';
  doc.ids.forEach((id, t) => {
    const piece = PIECES[id]!;
    const gap = t === 0 || doc.piece[t] !== 0 || piece === '.' ? '' : piece === '¶' ? '\n' : ' ';
    out += gap + piece;
  });
  return out;
}

// Longest match first: 'that' before 'the'… no piece is a prefix of another except where the longer must win.
const BY_LENGTH = PIECES.map((p, id) => ({ p, id })).sort((a, b) => b.p.length - a.p.length);

export interface Segmented {
  ids: number[];
  /** Where each piece starts in the text (UTF-16 offsets): the view highlights the selected one. */
  starts: number[];
  /** Stretches of text that are no piece of the language, in order, each at most once. */
  unknown: string[];
  /** Pieces past MAX_PIECES, not read. */
  dropped: number;
}

/**
 * Splits text into the language's pieces: each run of non-space characters (a word) is split longest match first;
 * a word that does not split wholly into pieces is skipped and reported (so "alert" is not read as its "le").
 */
export function segment(text: string): Segmented {
  const ids: number[] = [];
  const starts: number[] = [];
  const unknown = new Set<string>();
  let dropped = 0;
  for (const m of text.matchAll(/\S+/gu)) {
    const word = m[0];
    const found: { id: number; at: number }[] = [];
    let i = 0;
    while (i < word.length) {
      const hit = BY_LENGTH.find(({ p }) => word.startsWith(p, i));
      if (!hit) break;
      found.push({ id: hit.id, at: m.index + i });
      i += hit.p.length;
    }
    if (i < word.length) {
      if (unknown.size < 20) unknown.add(Array.from(word).slice(0, 40).join(''));
      continue;
    }
    for (const f of found) {
      if (ids.length < MAX_PIECES) {
        ids.push(f.id);
        starts.push(f.at);
      } else dropped++;
    }
  }
  return { ids, starts, unknown: [...unknown], dropped };
}

/**
 * The text the figure reads in a state (the seed's document, or the reader's edit) and the generated document
 * whose answers score the probes: the seed's, while the text is still its text; null for any other text.
 */
export function stateDocument(state: { seed: number; edited: boolean; text: string }): { text: string; doc: HierDocument | null } {
  const doc = generateDocument(state.seed);
  const generated = documentText(doc);
  if (!state.edited) return { text: generated, doc };
  return { text: state.text, doc: state.text === generated ? doc : null };
}

/** The pieces as the reader wrote them: each with the gap before it ('' inside a word, ' ' between words, '\n' at a line break). */
export function pieceLayout(text: string, seg: Segmented): { t: number; piece: string; gap: '' | ' ' | '\n' }[] {
  return seg.ids.map((id, t) => {
    const prevEnd = t === 0 ? 0 : seg.starts[t - 1]! + PIECES[seg.ids[t - 1]!]!.length;
    const between = t === 0 ? '' : text.slice(prevEnd, seg.starts[t]);
    return { t, piece: PIECES[id]!, gap: between.includes('\n') ? '\n' : /\S|\s/.test(between) ? ' ' : '' };
  });
}
