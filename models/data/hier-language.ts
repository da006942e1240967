// Step "hier-data": the generated language of issue 13 (widgets/models/hier-language/) as training data
// for the depth ladder, and the bag-of-tokens controls of the labels it declares compositional.
//
//   node models/data/hier-language.ts
//
// Writes models/build/hier/:
//   train.bin, val.bin      uint16 token ids, documents concatenated (each starts with <doc>)
//   val-labels.bin          int32 [tokens, COLUMNS.length]: the per-token ground truth (columns in meta.json)
//   val-floor.bin           float32 [tokens]: the generator's own −ln p (NaN for local tokens)
//   val-spans.bin           int32 [spans, 5]: start, end (stream positions), label, depth, document
//   meta.json               sizes, seeds, vocabulary, label names, columns
//   controls.json           the bag-of-tokens control per compositional label (accuracy vs chance)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEEDS, POS, SPAN_LABELS, generateDocuments, type HierDocument } from '../../widgets/models/hier-language/language.ts';
import { PIECES, VOCAB_SIZE } from '../../widgets/models/hier-language/vocab.ts';
import { COMPOSITIONAL, bagControl } from '../hier/controls.ts';

const OUT = join(import.meta.dirname, '..', 'build', 'hier');
const CONTEXT = 256;
// Seeds are consecutive per document: train documents 1…, validation 10,000,001…, control sets apart.
const SPLITS = { train: { documents: 12_000, seed: 1 }, val: { documents: 400, seed: 10_000_001 } } as const;
const CONTROL = { train: { documents: 1_500, seed: 20_000_001 }, test: { documents: 1_500, seed: 30_000_001 } } as const;
const COLUMNS = [
  'piece', 'wordLength', 'pos', 'word', 'nounClass', 'nounNumber', 'subjectNumber', 'sentence', 'sentencePosition',
  'paragraph', 'depth', 'antecedent', 'head', 'evidence', 'needs',
] as const satisfies readonly (keyof HierDocument)[];
const POSITIONS = new Set<string>(['antecedent', 'head', 'evidence']);

function stream(docs: readonly HierDocument[]): Uint16Array {
  const out = new Uint16Array(docs.reduce((s, d) => s + d.ids.length, 0));
  let o = 0;
  for (const d of docs) {
    out.set(d.ids, o);
    o += d.ids.length;
  }
  return out;
}

function labels(docs: readonly HierDocument[]) {
  const T = docs.reduce((s, d) => s + d.ids.length, 0);
  // Two extra columns: the document's index and its property.
  const C = COLUMNS.length + 2;
  const table = new Int32Array(T * C);
  const floor = new Float32Array(T);
  const spans: number[] = [];
  let o = 0;
  docs.forEach((d, di) => {
    for (let t = 0; t < d.ids.length; t++) {
      COLUMNS.forEach((col, c) => {
        const v = (d[col] as number[])[t]!;
        // Positions become stream positions (−1 stays −1).
        table[(o + t) * C + c] = POSITIONS.has(col) && v >= 0 ? v + o : v;
      });
      table[(o + t) * C + COLUMNS.length] = di;
      table[(o + t) * C + COLUMNS.length + 1] = d.property;
      floor[o + t] = d.floor[t]!;
    }
    for (const s of d.spans) spans.push(s.start + o, s.end + o, SPAN_LABELS.indexOf(s.label), s.depth, di);
    o += d.ids.length;
  });
  return { table, floor, spans: Int32Array.from(spans) };
}

const t0 = performance.now();
mkdirSync(OUT, { recursive: true });
const train = generateDocuments(SPLITS.train.documents, SPLITS.train.seed);
const val = generateDocuments(SPLITS.val.documents, SPLITS.val.seed);
const trainIds = stream(train);
const valIds = stream(val);
writeFileSync(join(OUT, 'train.bin'), trainIds);
writeFileSync(join(OUT, 'val.bin'), valIds);
const v = labels(val);
writeFileSync(join(OUT, 'val-labels.bin'), v.table);
writeFileSync(join(OUT, 'val-floor.bin'), v.floor);
writeFileSync(join(OUT, 'val-spans.bin'), v.spans);
console.log(`train ${train.length} documents, ${trainIds.length} tokens; val ${val.length} documents, ${valIds.length} tokens, ${v.spans.length / 5} spans`);

const controlTrain = generateDocuments(CONTROL.train.documents, CONTROL.train.seed);
const controlTest = generateDocuments(CONTROL.test.documents, CONTROL.test.seed);
const controls = COMPOSITIONAL.map((label) => {
  const r = bagControl(controlTrain, controlTest, label, CONTEXT, VOCAB_SIZE);
  console.log(`bag-of-tokens control, ${label.name}: accuracy ${r.accuracy.toFixed(3)}, chance ${r.chance.toFixed(3)}`);
  return { label: label.name, what: label.what, ...r, compositional: Math.abs(r.accuracy - r.chance) <= 0.02 };
});
writeFileSync(
  join(OUT, 'controls.json'),
  JSON.stringify({ probe: 'logistic regression on the token frequencies of the window (models/hier/bag-probe.ts)', context: CONTEXT, ...CONTROL, controls }, null, 1) + '\n',
);

const meta = {
  vocab_size: VOCAB_SIZE,
  pieces: PIECES,
  context: CONTEXT,
  train: { ...SPLITS.train, tokens: trainIds.length },
  val: { ...SPLITS.val, tokens: valIds.length, spans: v.spans.length / 5 },
  columns: [...COLUMNS, 'document', 'property'],
  labels: { pos: POS, needs: NEEDS, spans: SPAN_LABELS },
};
writeFileSync(join(OUT, 'meta.json'), JSON.stringify(meta, null, 1) + '\n');
console.log(`wrote ${OUT} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
