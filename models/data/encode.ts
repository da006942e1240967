// Step "encode": token streams and probe labels for each split (formats in models/README.md).
//   node models/data/encode.ts [--corpus models/build/corpus.json] [--tokenizer public/models/tokenizer.json]
//                              [--out models/build/data]
// Writes {train,val}.bin (uint16 LE), probe-{train,val}.bin (int32 LE, [tokens, 6]), meta.json,
// word-types.json (lower-cased word of each word_type id) and fixture-input.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BpeTokenizer } from '../../widgets/runtime/tokenizer/bpe.ts';
import { NCOL, PROBE_COLUMNS, probeRows, separatorRow, wordLabels } from './align.ts';
import { LABELS, wordTypeIds } from './labels.ts';
import type { Corpus, CorpusDocument, Split } from './types.ts';

export const FIXTURE_TOKENS = 120;

export interface EncodedSplit {
  ids: Uint16Array;
  probes: Int32Array;
  documents: number;
  chars: number;
  words: number;
}

/** Code points of a string (the corpus is ASCII, but the contract counts code points). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function encodeSplit(tok: BpeTokenizer, docs: readonly CorpusDocument[], wordTypes: ReadonlyMap<string, number>): EncodedSplit {
  const ids: number[] = [];
  const rows: number[] = [];
  let chars = 0;
  let words = 0;
  const genreIndex = new Map<string, number>(LABELS.genre.map((g, i) => [g, i]));
  for (const doc of docs) {
    const spans = tok.encodeWithSpans(doc.text);
    ids.push(tok.eotId);
    separatorRow(rows);
    const docIds = spans.map((s) => s.id);
    if (tok.decode(docIds) !== doc.text) throw new Error(`${doc.id}: tokenizer does not round-trip the text`);
    for (const id of docIds) ids.push(id);
    const genre = genreIndex.get(doc.coarse);
    if (genre === undefined) throw new Error(`${doc.id}: unknown coarse genre ${doc.coarse}`);
    probeRows(doc.text, spans, wordLabels(doc.words, wordTypes), genre, rows);
    chars += codePoints(doc.text) + 1;
    words += doc.words.length;
  }
  if (rows.length !== ids.length * NCOL) throw new Error('probe rows out of step with tokens');
  return { ids: Uint16Array.from(ids), probes: Int32Array.from(rows), documents: docs.length, chars, words };
}

/** Little-endian bytes of a typed array, whatever the host's endianness. */
function le(a: Uint16Array | Int32Array): Uint8Array {
  const view = new DataView(new ArrayBuffer(a.length * a.BYTES_PER_ELEMENT));
  a.forEach((x, i) => (a instanceof Uint16Array ? view.setUint16(i * 2, x, true) : view.setInt32(i * 4, x, true)));
  return new Uint8Array(view.buffer);
}

function distribution(e: EncodedSplit): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  PROBE_COLUMNS.forEach((col, c) => {
    if (col === 'word_type') return;
    const names: readonly string[] = LABELS[col];
    const counts: Record<string, number> = {};
    for (let t = 0; t < e.ids.length; t++) {
      const v = e.probes[t * NCOL + c]!;
      const k = v < 0 ? '-1' : names[v]!;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    out[col] = counts;
  });
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: 'models/build/corpus.json' },
      tokenizer: { type: 'string', default: 'public/models/tokenizer.json' },
      out: { type: 'string', default: 'models/build/data' },
    },
  });
  for (const f of [values.corpus, values.tokenizer]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run the corpus and tokenizer steps first (npm run models)`);
  }
  const corpus = JSON.parse(readFileSync(values.corpus, 'utf8')) as Corpus;
  const tok = BpeTokenizer.fromJSON(JSON.parse(readFileSync(values.tokenizer, 'utf8')));
  const wordTypes = wordTypeIds(corpus.documents.flatMap((d) => d.words.map((w) => w.text)));
  mkdirSync(values.out, { recursive: true });
  const meta: Record<string, unknown> = { vocab_size: tok.vocabSize, eot_id: tok.eotId };
  const summary: Record<string, unknown> = {};
  for (const split of ['train', 'val'] as Split[]) {
    const docs = corpus.documents.filter((d) => d.split === split);
    const e = encodeSplit(tok, docs, wordTypes);
    writeFileSync(join(values.out, `${split}.bin`), le(e.ids));
    writeFileSync(join(values.out, `probe-${split}.bin`), le(e.probes));
    meta[split] = { tokens: e.ids.length, documents: e.documents, chars: e.chars };
    let starts = 0;
    for (let t = 0; t < e.ids.length; t++) if (e.probes[t * NCOL] === 1) starts++;
    const textTokens = e.ids.length - e.documents;
    summary[split] = {
      tokens: e.ids.length, documents: e.documents, chars: e.chars, words: e.words,
      tokens_per_word: textTokens / e.words, words_beginning_a_token: starts / e.words,
      chars_per_token: (e.chars - e.documents) / textTokens, labels: distribution(e),
    };
  }
  meta.labels = LABELS;
  writeFileSync(join(values.out, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
  writeFileSync(join(values.out, 'word-types.json'), JSON.stringify([...wordTypes.keys()]) + '\n');
  const first = corpus.documents.find((d) => d.split === 'val')!;
  const ids = tok.encode(first.text).slice(0, FIXTURE_TOKENS);
  const fixture = { document: first.id, text: tok.decode(ids), ids };
  writeFileSync(join(values.out, 'fixture-input.json'), JSON.stringify(fixture) + '\n');
  writeFileSync(join(values.out, 'encode-report.json'), JSON.stringify(summary, null, 2) + '\n');
  for (const [split, s] of Object.entries(summary) as [string, Record<string, number>][]) {
    console.log(`${split}: ${s.tokens} tokens, ${s.documents} documents, ${s.chars} chars, ${s.words} words, ` +
      `${s.tokens_per_word!.toFixed(3)} tokens/word, ${s.chars_per_token!.toFixed(2)} chars/token, ` +
      `${(100 * s.words_beginning_a_token!).toFixed(1)}% of words begin a token`);
  }
  console.log(`label distributions (tokens): ${join(values.out, 'encode-report.json')}`);
  for (const [col, counts] of Object.entries((summary.val as { labels: object }).labels)) {
    console.log(`  val ${col}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  console.log(`word types: ${wordTypes.size}; fixture: ${ids.length} tokens of ${first.id}`);
}

if (import.meta.main) main();
