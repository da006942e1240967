// The live probes' data shaping (widgets/live-probes/grid.ts, pack.ts) on the
// model's real outputs, run under Node with node-inference.ts. The model files are retrained and
// replaced: these tests check structure and consistency with the files, never particular predictions.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readTransformerCard, readProbeFile, readTransformerMeasurements } from '../../../widgets/models/artifacts.ts';
import type { ProbeFile } from '../../../widgets/models/transformer/probe-file.ts';
import { loadNodeTransformer, type NodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { hasNonSpace, probeAll, type TokenProbes } from '../../../widgets/models/transformer/probes.ts';
import { textWindow, type TextWindow } from '../../../widgets/models/transformer/text-window.ts';
import { loadLiveData } from '../../../widgets/models/transformer/live/build.ts';
import { initialProbes, shippedGridLabels } from '../../../widgets/live-probes/build.ts';
import {
  cellBars,
  classBars,
  genreView,
  mapColumn,
  probeGrid,
  resolveSelection,
  selectionSummary,
  type ProbeGrid,
} from '../../../widgets/live-probes/grid.ts';
import { packGrid, packInitialProbes, unpackGrid, unpackInitialProbes } from '../../../widgets/live-probes/pack.ts';
import { DEFAULT_PROBES_TEXT, gridLabels } from '../../../widgets/live-probes/state.ts';
import { probeAccuracies } from '../../../widgets/models/transformer/live/setup.ts';
import { percent, spokenClass } from '../../../widgets/models/transformer/live/text.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const measurements = readTransformerMeasurements();
const accuracies = probeAccuracies(measurements);

let model: NodeTransformer;
let probes: ProbeFile;
let L: number;

interface Read {
  text: string;
  win: TextWindow;
  applies: boolean[];
  byLabel: Record<string, TokenProbes>;
}

async function readText(text: string): Promise<Read> {
  const win = textWindow(model.tokenizer, text, { context: model.card.architecture.context });
  const applies = win.ids.map((id) => hasNonSpace(model.tokenizer.tokenBytes(id)));
  const out = await model.run(win.ids);
  const all = probeAll(probes, out.resid, applies);
  return { text, win, applies, byLabel: Object.fromEntries(all.map((tp) => [tp.label, tp])) };
}

const gridOf = (r: Read, label: string) => probeGrid(r.byLabel[label]!, r.text, r.win.pieces, r.applies, probes, accuracies[label]);

let base: Read;

beforeAll(async () => {
  model = await loadNodeTransformer();
  probes = readProbeFile();
  L = model.card.architecture.layers;
  base = await readText(DEFAULT_PROBES_TEXT);
}, 60_000);

function checkGrid(grid: ProbeGrid, r: Read) {
  const T = r.win.ids.length;
  expect(grid.rows.map((row) => row.layer)).toEqual(Array.from({ length: L + 1 }, (_, i) => i));
  for (const row of grid.rows) {
    expect(row.cells).toHaveLength(grid.columns.length);
    for (const cell of row.cells) {
      expect(Number.isInteger(cell.index) && cell.index >= 0 && cell.index < grid.classes.length).toBe(true);
      expect(cell.confidence).toBeGreaterThanOrEqual(1 / grid.classes.length - 1e-3);
      expect(cell.confidence).toBeLessThanOrEqual(1);
    }
  }
  // "changed" says exactly where the argmax differs from the layer below.
  grid.rows.forEach((row, l) =>
    row.cells.forEach((cell, c) => expect(cell.changed).toBe(l > 0 && grid.rows[l - 1]!.cells[c]!.index !== cell.index)),
  );
  let previousEnd = 0;
  for (const col of grid.columns) {
    expect(col.first).toBe(grid.scope === 'piece' ? col.position : col.first);
    expect(col.first).toBeGreaterThanOrEqual(previousEnd);
    expect(col.position).toBeGreaterThanOrEqual(col.first);
    expect(col.position).toBeLessThan(col.end);
    expect(col.end).toBeLessThanOrEqual(T);
    expect(r.applies[col.position]).toBe(true);
    expect(col.low).toBe(col.position < probes.min_context);
    expect(Array.from(col.text).length).toBeLessThanOrEqual(14);
    previousEnd = col.end;
  }
  expect(grid.lowColumns).toBe(grid.columns.filter((c) => c.low).length);
  expect(grid.minContext).toBe(probes.min_context);
}

describe('the probe grid on the model’s real outputs', () => {
  it('has one row per residual layer and one column per word, read at the word’s last non-space token', () => {
    const grid = gridOf(base, 'upos');
    checkGrid(grid, base);
    expect(grid.scope).toBe('word');
    expect(grid.classes).toEqual(probes.probes.upos!.classes);
    const words = DEFAULT_PROBES_TEXT.split(/\s+/).filter(Boolean);
    expect(grid.columns.map((c) => c.full)).toEqual(words);
    // Each cell is the token-level prediction at the column's position.
    grid.rows.forEach((row, l) =>
      row.cells.forEach((cell, c) => {
        const p = base.byLabel.upos!.predictions[l]![grid.columns[c]!.position]!;
        expect(cell.index).toBe(p.index);
        expect(cell.confidence).toBeCloseTo(p.confidence, 3);
      }),
    );
  });

  it('shows the measured validation accuracy per layer next to each row', () => {
    for (const label of gridLabels(Object.keys(probes.probes))) {
      const grid = gridOf(base, label);
      expect(grid.rows.map((r) => r.accuracy)).toEqual(measurements.probes[label]!.per_layer_acc);
      expect(grid.majority).toBe(measurements.probes[label]!.majority);
    }
  });

  it('reads a word at its own last piece, not at the punctuation after it ("mat." at "mat")', async () => {
    const r = await readText('The cat sat on the mat. The dog jumped.');
    const grid = gridOf(r, 'upos');
    checkGrid(grid, r);
    expect(grid.columns.map((c) => c.full)).toEqual(['The', 'cat', 'sat', 'on', 'the', 'mat.', 'The', 'dog', 'jumped.']);
    const L = grid.rows.length - 1;
    const at = (word: string) => {
      const c = grid.columns.findIndex((col) => col.full === word);
      const col = grid.columns[c]!;
      return { piece: r.win.pieces[col.position]!.display.replace('␣', ' '), cls: grid.classes[grid.rows[L]!.cells[c]!.index] };
    };
    // The column keeps its punctuation; the reading position is the word's last lettered token.
    expect(at('mat.').piece.trim()).toMatch(/^[a-z]+$/);
    expect(at('jumped.').piece.trim()).toMatch(/^[a-z]+$/);
    console.log('"mat." and "jumped." at the last layer:', at('mat.'), at('jumped.'));
    expect(at('mat.').cls).toBe('NOUN');
    expect(at('jumped.').cls).toBe('VERB');
  });

  it('marks the columns read before min_context as low-context', () => {
    const grid = gridOf(base, 'upos');
    expect(base.win.ids.length).toBeGreaterThan(probes.min_context);
    expect(grid.lowColumns).toBeGreaterThan(0);
    expect(grid.lowColumns).toBeLessThan(grid.columns.length);
    // Low columns come first: they are the start of the text.
    expect(grid.columns.slice(0, grid.lowColumns).every((c) => c.low)).toBe(true);
  });

  it('uses a column per non-whitespace token for word_start', () => {
    const grid = gridOf(base, 'word_start');
    checkGrid(grid, base);
    expect(grid.scope).toBe('piece');
    expect(grid.columns).toHaveLength(base.applies.filter(Boolean).length);
  });

  it('keeps the selection on the same place in the text when switching scope', () => {
    const words = gridOf(base, 'upos');
    const pieces = gridOf(base, 'word_start');
    for (let c = 0; c < words.columns.length; c++) {
      const p = mapColumn(words, c, pieces);
      expect(pieces.columns[p]!.position).toBe(words.columns[c]!.position);
      expect(mapColumn(pieces, p, words)).toBe(c);
    }
    expect(mapColumn(words, 999, pieces)).toBe(-1);
  });

  it('resolves −1 and out-of-range selections to the last column and a layer in range', () => {
    const grid = gridOf(base, 'chunk');
    const last = grid.columns.length - 1;
    expect(resolveSelection(grid, -1, L)).toEqual({ column: last, layer: L });
    expect(resolveSelection(grid, 10_000, 99)).toEqual({ column: last, layer: L });
    expect(resolveSelection(grid, 2, -3)).toEqual({ column: 2, layer: 0 });
    expect(resolveSelection({ columns: [], rows: [] }, 3, 2)).toEqual({ column: -1, layer: 0 });
  });

  it('gives each cell’s full distribution, most likely first, summing to 1', () => {
    const grid = gridOf(base, 'upos');
    for (const layer of [0, L]) {
      const bars = cellBars(base.byLabel.upos!, grid, 3, layer);
      expect(bars).toHaveLength(grid.classes.length);
      expect(bars[0]!.top).toBe(true);
      expect(bars[0]!.name).toBe(grid.classes[grid.rows[layer]!.cells[3]!.index]);
      expect(bars.reduce((s, b) => s + b.prob, 0)).toBeCloseTo(1, 2);
      for (let i = 1; i < bars.length; i++) expect(bars[i]!.prob).toBeLessThanOrEqual(bars[i - 1]!.prob);
    }
    expect(cellBars(base.byLabel.upos!, grid, 10_000, 0)).toEqual([]);
    expect(classBars(['a', 'b', 'c'], [0.2, 0.5, 0.3]).map((b) => b.name)).toEqual(['b', 'c', 'a']);
  });

  it('says in words what a selected cell holds, including a change and low context', () => {
    const grid = gridOf(base, 'upos');
    const s = selectionSummary(grid, 0, 0);
    expect(s).toContain(`“${grid.columns[0]!.full}” at layer 0 (the embedding): ${spokenClass(grid.classes[grid.rows[0]!.cells[0]!.index]!)}, ${percent(grid.rows[0]!.cells[0]!.confidence)}`);
    expect(s).toContain(`trained on ${probes.min_context} or more`);
    const changed = grid.rows.flatMap((row) => row.cells.map((cell, c) => ({ cell, c, layer: row.layer }))).find((x) => x.cell.changed);
    if (changed) expect(selectionSummary(grid, changed.c, changed.layer)).toContain('changed from');
    expect(selectionSummary(grid, -1, 0)).toBe('');
  });

  it('predicts the genre once per layer for the whole text, from the well-informed tokens', () => {
    const g = genreView(base.byLabel.genre!, probes, accuracies.genre);
    expect(g.rows).toHaveLength(L + 1);
    expect(g.from).toBe(probes.min_context);
    expect(g.T).toBe(base.win.ids.length);
    for (const row of g.rows) {
      expect(row.probs).toHaveLength(g.classes.length);
      expect(row.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      expect(row.probs[row.index]).toBe(Math.max(...row.probs));
      expect(row.confidence).toBeCloseTo(row.probs[row.index]!, 3);
    }
    expect(g.rows.map((r) => r.accuracy)).toEqual(measurements.probes.genre!.per_layer_acc);
  });

  it('averages every token for the genre of a text shorter than min_context', async () => {
    const short = await readText('The cat sat on the mat.');
    const g = genreView(short.byLabel.genre!, probes);
    expect(g.from).toBe(0);
    expect(g.rows.every((r) => r.accuracy === null)).toBe(true);
    const grid = gridOf(short, 'upos');
    expect(grid.lowColumns).toBe(grid.columns.length);
  });

  it('never throws on hostile text: emoji, CJK, RTL, zero-width and combining marks, leading newlines', async () => {
    const texts = [
      '🐈‍⬛🐈‍⬛ 👩🏽‍🚀 ok 🙂',
      '猫が跳ぶ。東京は大きい都市です。',
      'القطة تقفز فوق السياج',
      'zero\u200bwidth\u200d joiner \u2060 \ufeff',
      'e\u0301\u0301\u0301 combining a\u0308\u0308',
      '\n\n  \tThe start is blank.',
      '...',
      'x'.repeat(5000),
    ];
    for (const text of texts) {
      const r = await readText(text);
      for (const label of gridLabels(Object.keys(probes.probes))) {
        const grid = gridOf(r, label);
        checkGrid(grid, r);
        if (grid.columns.length > 0) {
          const sel = resolveSelection(grid, -1, L);
          expect(cellBars(r.byLabel[label]!, grid, sel.column, sel.layer).length).toBe(grid.classes.length);
          expect(selectionSummary(grid, sel.column, sel.layer)).not.toBe('');
        }
      }
    }
  });
});

describe('the build-time view and its packing', () => {
  it('packs the grid losslessly (to 1/1000) and much smaller', () => {
    for (const label of ['upos', 'word_start']) {
      const grid = gridOf(base, label);
      const packed = packGrid(grid);
      expect(unpackGrid(packed)).toEqual(grid);
      expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(grid).length / 3);
    }
  });

  it('computes the default view the static HTML shows, the same as the browser would', async () => {
    const data = await loadLiveData();
    expect(shippedGridLabels(data)[0]).toBe('upos');
    expect(data.setup.layers).toBe(L);
    expect(data.setup.minContext).toBe(probes.min_context);
    expect(data.setup.bytes.model).toBe(readTransformerCard().bytes?.model);
    const initial = await initialProbes(data, DEFAULT_PROBES_TEXT, 'upos');
    expect(initial.tokens).toBe(base.win.ids.length);
    expect(initial.grid).toEqual(gridOf(base, 'upos'));
    expect(initial.selection.column).toBe(initial.grid.columns.length - 1);
    expect(initial.selection.layer).toBe(L);
    expect(initial.selection.bars).toEqual(cellBars(base.byLabel.upos!, initial.grid, initial.selection.column, L));
    expect(initial.genre).toEqual(genreView(base.byLabel.genre!, probes, accuracies.genre));
    expect(unpackInitialProbes(JSON.parse(JSON.stringify(packInitialProbes(initial))))).toEqual(initial);
  });
});
