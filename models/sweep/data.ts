// Step "sweep-data": the training streams of the scaling sweep. Cuts models/build/data/train.bin into its
// documents (each starts with <|endoftext|>), and for each seed and fraction writes the nested subset
// (fractions.ts, measured in tokens) as a stream of its own, documents in their original order, so that
// fraction 1 is train.bin byte for byte. Both the n-gram and the transformer sweeps read these files, so
// every learner at a given (fraction, seed) sees the same documents.
// Each stream gets a folder that models/transformer/train.py takes as its --data-dir: train.bin (the subset),
// val.bin (a link to the whole validation stream) and meta.json (the corpus's, with the subset's train counts).
//   node models/sweep/data.ts  → models/build/sweep/<fraction>-s<seed>/{train.bin,val.bin,meta.json}, manifest.json
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTokens } from '../baselines/ngram.ts';
import { fractionLabel, nestedSubset, SWEEP_FRACTIONS } from './fractions.ts';

/** Seeds of the document subsets; fraction 1 is the same for every seed and is written once (seed 0). */
export const SWEEP_SEEDS = [1, 2, 3] as const;

export interface SweepStream {
  fraction: string;
  /** 0 for fraction 1, which no seed changes. */
  seed: number;
  /** The stream's folder under models/build/sweep/ (train.py's --data-dir). */
  dir: string;
  tokens: number;
  documents: number;
}

/** [start, end) of each document in a stream where every document begins with `eot`. */
export function documentSpans(stream: ArrayLike<number>, eot: number): [number, number][] {
  if (stream.length === 0) return [];
  if (stream[0] !== eot) throw new Error('documentSpans: the stream must start with <|endoftext|>');
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= stream.length; i++) {
    if (i === stream.length || stream[i] === eot) {
      spans.push([start, i]);
      start = i;
    }
  }
  return spans;
}

/** The subset of documents as one stream, in original order. */
export function subsetStream(stream: Uint16Array, spans: readonly [number, number][], keep: ReadonlySet<number>): Uint16Array {
  const parts = spans.filter((_, i) => keep.has(i));
  const out = new Uint16Array(parts.reduce((s, [a, b]) => s + b - a, 0));
  let o = 0;
  for (const [a, b] of parts) {
    out.set(stream.subarray(a, b), o);
    o += b - a;
  }
  return out;
}

function main(): void {
  const dataDir = 'models/build/data';
  const outDir = 'models/build/sweep';
  const meta = JSON.parse(readFileSync(join(dataDir, 'meta.json'), 'utf8'));
  const train = readTokens(join(dataDir, 'train.bin'), meta.vocab_size);
  const spans = documentSpans(train, meta.eot_id);
  if (spans.length !== meta.train.documents) throw new Error(`found ${spans.length} documents, meta.json says ${meta.train.documents}`);
  const docs = spans.map(([a, b], i) => ({ id: String(i).padStart(4, '0'), size: b - a, index: i }));
  mkdirSync(outDir, { recursive: true });
  const manifest: SweepStream[] = [];
  for (const fraction of SWEEP_FRACTIONS) {
    for (const seed of fraction === 1 ? [0] : SWEEP_SEEDS) {
      const keep = new Set(nestedSubset(docs, fraction, seed).map((d) => d.index));
      const stream = subsetStream(train, spans, keep);
      const dir = `${fractionLabel(fraction).replace('/', 'of')}-s${seed}`;
      const path = join(outDir, dir);
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'train.bin'), Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength));
      rmSync(join(path, 'val.bin'), { force: true });
      symlinkSync('../../data/val.bin', join(path, 'val.bin'));
      // train.py checks the token count; the subset's characters are not needed by any step (null, not a guess).
      writeFileSync(join(path, 'meta.json'), JSON.stringify({ ...meta, train: { tokens: stream.length, documents: keep.size, chars: null } }, null, 1) + '\n');
      manifest.push({ fraction: fractionLabel(fraction), seed, dir, tokens: stream.length, documents: keep.size });
      console.log(`${dir.padEnd(10)} ${String(keep.size).padStart(4)} documents ${String(stream.length).padStart(9)} tokens`);
    }
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ train_tokens: train.length, streams: manifest }, null, 1) + '\n');
}

if (import.meta.main) main();
