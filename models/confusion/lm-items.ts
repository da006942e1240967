// Step "confusion-lm-items": the test examples of the confusion sets as token sequences for the shipped
// transformer to score (models/confusion/lm_score.py). One item per test example; per candidate (every member
// of the set), the token ids of the text with that candidate in the target's place.
//
// The text is the corpus's own readable text, with its casing: an example keeps the document id and word
// index, and every corpus word its character span, so the window the learners see lower-cased is cut from
// the document as the transformer read its training text. The candidate takes the target's casing pattern
// ("Then" → "Than"), so the target's own capital tells no candidate apart.
//
// Two contexts, the same right context (the example's words after the target: up to WINDOW, inside the
// sentence):
//   window    the example's left words only (up to WINDOW, inside the sentence), after <|endoftext|>: the same
//             words the learners see;
//   document  everything before the target in its document, cut to what fits the model's context.
//
//   node models/confusion/lm-items.ts [--corpus path] [--out path]  → models/build/confusion/lm-items.json
import { readFileSync } from 'node:fs';
import type { Corpus, CorpusDocument } from '../data/types.ts';
import { readArtifactJson, readTokenizer } from '../../widgets/models/artifacts.ts';
import type { BpeTokenizer } from '../../widgets/runtime/tokenizer/bpe.ts';
import { writeLog } from '../sweep/log.ts';
import { buildExamples, countWords, type Example } from './examples.ts';
import { chooseSets } from './sets.ts';

export const CONTEXTS = ['window', 'document'] as const;
export type LmContext = (typeof CONTEXTS)[number];

/** Characters of document text read before the target in the document context: > 128 tokens at ~3 chars/token. */
const DOCUMENT_CHARS = 1200;

/** `word` written with the casing pattern of `like`: all capitals, a leading capital, or as it is. */
export function caseLike(word: string, like: string): string {
  const letters = like.replace(/[^A-Za-z]/g, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return word.toUpperCase();
  if (/^[A-Z]/.test(like)) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

export interface LmItem {
  set: string;
  label: string;
  doc: string;
  index: number;
  members: string[];
  /** Per candidate (the set's order), the token ids fed to the model: at most `context` long. */
  ids: number[][];
  /** Position of the first token scored: every candidate's sequences agree before it (the common prefix). */
  from: number;
}

/** The text pieces around the target: [left, right] with the target cut out. */
export function pieces(doc: Pick<CorpusDocument, 'text' | 'words'>, ex: Pick<Example, 'index' | 'left' | 'right'>, context: LmContext): [string, string, boolean] {
  const w = doc.words;
  const target = w[ex.index]!;
  const rightEnd = ex.right.length ? w[ex.index + ex.right.length]!.end : target.end;
  if (context === 'window') {
    const leftStart = ex.left.length ? w[ex.index - ex.left.length]!.start : target.start;
    return [doc.text.slice(leftStart, target.start), doc.text.slice(target.end, rightEnd), true];
  }
  const leftStart = Math.max(0, target.start - DOCUMENT_CHARS);
  // From the document's start the text follows <|endoftext|>, as in training; cut inside, it does not (and the
  // cut's first tokens fall outside the context anyway, checked below).
  return [doc.text.slice(leftStart, target.start), doc.text.slice(target.end, rightEnd), leftStart === 0];
}

/** One item: every candidate's sequence, left-cut at one common point so that all fit `context` tokens. */
export function lmItem(tok: BpeTokenizer, doc: Pick<CorpusDocument, 'text' | 'words'>, ex: Example, members: readonly string[], context: LmContext, maxLen: number): LmItem {
  const [left, right, atStart] = pieces(doc, ex, context);
  const original = doc.words[ex.index]!.text;
  const full = members.map((m) => {
    const ids = tok.encode(left + caseLike(m, original) + right);
    return atStart ? [tok.eotId, ...ids] : ids;
  });
  let common = 0;
  while (full.every((s) => s[common] !== undefined && s[common] === full[0]![common])) common++;
  const cut = Math.max(0, Math.max(...full.map((s) => s.length)) - maxLen);
  if (cut >= common) throw new Error(`lmItem: ${ex.doc}#${ex.index}: the candidates differ beyond the context`);
  if (!atStart && cut === 0) throw new Error(`lmItem: ${ex.doc}#${ex.index}: a cut text must overflow the context`);
  if (common === 0) throw new Error(`lmItem: ${ex.doc}#${ex.index}: the first token must be shared context`);
  return { set: ex.set, label: ex.label, doc: ex.doc, index: ex.index, members: [...members], ids: full.map((s) => s.slice(cut)), from: common - cut };
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (n: string, d: string) => (args.includes(n) ? args[args.indexOf(n) + 1]! : d);
  const corpus = JSON.parse(readFileSync(flag('--corpus', 'models/build/corpus.json'), 'utf8')) as Corpus;
  const outPath = flag('--out', 'models/build/confusion/lm-items.json');
  const card = readArtifactJson('transformer.json') as { architecture: { context: number }; training: { split: string; tokens: { train: number; val: number } } };
  const tok = readTokenizer();
  const docs = corpus.documents;
  // The held-out documents must be the ones the transformer never trained on: its card counts the tokens of its
  // train and validation streams (<|endoftext|> + text per document); the same split gives the same counts.
  const tokens = { train: 0, val: 0 };
  for (const d of docs) tokens[d.split] += 1 + tok.encode(d.text).length;
  if (tokens.train !== card.training.tokens.train || tokens.val !== card.training.tokens.val)
    throw new Error(`the corpus split (${JSON.stringify(tokens)}) is not the transformer's (${JSON.stringify(card.training.tokens)})`);
  const sets = chooseSets(countWords(docs));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const test = buildExamples(docs, sets).filter((e) => e.split === 'val');
  const membersOf = new Map(sets.map((m) => [m.join('/'), m]));
  const items = CONTEXTS.flatMap((context) => test.map((e) => ({ context, ...lmItem(tok, byId.get(e.doc)!, e, membersOf.get(e.set)!, context, card.architecture.context) })));
  writeLog(outPath, {
    step: 'confusion-lm-items',
    produced_by: 'node models/confusion/lm-items.ts',
    transformer_split: card.training.split,
    split_check: { tokens, card: card.training.tokens, same: true },
    test_documents: [...new Set(test.map((e) => e.doc))].sort(),
    contexts: [...CONTEXTS],
    sets: sets.map((m) => m.join('/')),
    items,
  }, ['items']);
  console.log(`wrote ${outPath}: ${items.length} items (${test.length} test examples × ${CONTEXTS.length} contexts); split checked against the card (${tokens.train} / ${tokens.val} tokens)`);
}

if (import.meta.main) main();
