// The race on the shipped graphs in onnxruntime-web under Node (widgets/memory-race/build.ts engines, the code
// the browser runs: race.ts, score.ts): scores agree with the graphs' own next-token logits, the transformer
// sees the fact only inside its window, the LSTM's trace starts at the fact and fades, and the words and the
// measured rows say what the numbers are. Nothing here depends on a particular prediction.
import { describe, expect, it, vi } from 'vitest';
import { nodeEngines, initialRace, measured, raceModels } from '../../../widgets/memory-race/build.ts';
import { makePassage } from '../../../widgets/memory-race/passage.ts';
import { runLane } from '../../../widgets/memory-race/race.ts';
import { answerOf, logProb, stateTrace } from '../../../widgets/memory-race/score.ts';
import { attentionLine, laneWords, raceSummary, traceLine, windowLine } from '../../../widgets/memory-race/describe.ts';
import { nearestRecall, probeAt } from '../../../widgets/memory-race/measured.ts';
import { readRecall } from '../../../widgets/models/artifacts.ts';
import { tracePlot } from '../../../widgets/memory-race/plot.ts';
import { parseHTML } from 'linkedom';

vi.setConfig({ testTimeout: 180_000 });

const models = raceModels();
const byKind = (k: string) => models.find((m) => m.kind === k)!;

describe('memory race models', () => {
  it('lists both shipped models with what their lanes need, read from the cards', () => {
    expect(models.map((m) => m.kind).sort()).toEqual(['lstm', 'transformer']);
    const t = byKind('transformer');
    expect(t.context).toBe(128);
    expect(t.chosenHeads).toHaveLength(t.layers);
    expect(byKind('lstm').context).toBeNull();
  });

  it('scores one-token candidates exactly as the graphs’ own logits after the prefix', async () => {
    const { engines, encode, gen } = await nodeEngines();
    const p = makePassage(gen, 'pronoun', 32, 2, false);
    const prefix = p.shown.ids.slice(0, p.prefix);
    const cands = p.shown.candidates.map(encode);
    expect(cands.every((c) => c.length === 1)).toBe(true);
    const lane = (await runLane(byKind('transformer'), p, engines, encode))!;
    const t = byKind('transformer');
    const direct = await (await import('../../../widgets/models/transformer/node-inference.ts')).loadNodeTransformer();
    const out = await direct.run(prefix.slice(-t.context!));
    const V = out.logits.dims[1]!;
    expect(lane.shown.scores.map((s) => s.toFixed(3))).toEqual(cands.map((c) => logProb(out.logits.data, 0, V, c[0]!).toFixed(3)));
    const l = byKind('lstm');
    const zero = new Float32Array(l.layers * l.dModel);
    const lo = (await engines.lstm(l).run(prefix, zero, zero))!;
    const lstmLane = (await runLane(l, p, engines, encode))!;
    expect(lstmLane.shown.scores.map((s) => s.toFixed(4))).toEqual(cands.map((c) => logProb(lo.logits.data, 0, V, c[0]!).toFixed(4)));
  });

  it('scores multi-token candidates as proper probabilities, on both twins, with the pick at the top score', async () => {
    const { engines, encode, gen } = await nodeEngines();
    for (const task of ['recall', 'import'] as const) {
      const p = makePassage(gen, task, 16, 1, false);
      for (const m of models) {
        const lane = (await runLane(m, p, engines, encode))!;
        for (const a of [lane.shown, lane.twin]) {
          expect(a.scores).toHaveLength(p.shown.candidates.length);
          expect(a.scores.every((s) => Number.isFinite(s) && s < 0)).toBe(true);
          expect(a.shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
          expect(a.scores[a.pick]).toBe(Math.max(...a.scores));
        }
      }
    }
  });

  it('gives the transformer’s attention on the fact inside its window, and none past it', async () => {
    const { engines, encode, gen } = await nodeEngines();
    const t = byKind('transformer');
    const inside = (await runLane(t, makePassage(gen, 'pronoun', 16, 0, false), engines, encode))!;
    expect(inside.attention).not.toBe('outside');
    const att = inside.attention as Exclude<typeof inside.attention, 'outside' | null>;
    expect(att.layers).toHaveLength(t.layers);
    for (const l of att.layers) {
      expect(l.chosen).toBeGreaterThanOrEqual(0);
      expect(l.chosen).toBeLessThanOrEqual(l.max + 1e-9);
      expect(l.mean).toBeLessThanOrEqual(l.max + 1e-9);
    }
    expect(att.uniform).toBeCloseTo(att.factTokens / att.window, 9);
    expect(attentionLine(t, att)).toMatch(/% of its attention on the fact/);
    const outside = (await runLane(t, makePassage(gen, 'pronoun', 256, 0, false), engines, encode))!;
    expect(outside.attention).toBe('outside');
    expect(attentionLine(t, 'outside')).toMatch(/outside the 128-token window/);
    expect(outside.readFrom).toBeGreaterThan(0);
  });

  it('traces the LSTM’s state from the fact to the blank: zero for identical texts, and fading with distance', async () => {
    const { engines, encode, gen } = await nodeEngines();
    const l = byKind('lstm');
    const near = (await runLane(l, makePassage(gen, 'pronoun', 16, 0, false), engines, encode))!;
    const far = (await runLane(l, makePassage(gen, 'pronoun', 1024, 0, false), engines, encode))!;
    expect(near.trace!.length).toBe(16);
    expect(far.traceStep).toBeGreaterThan(1);
    expect(far.trace!.length).toBeLessThanOrEqual(256);
    expect(far.trace![0]!).toBeGreaterThan(0);
    expect(far.trace!.at(-1)!).toBeLessThan(far.trace![0]!);
    const zero = { h: { data: new Float32Array(2 * 3 * 4), dims: [2, 1, 3, 4] }, c: { data: new Float32Array(2 * 3 * 4), dims: [2, 1, 3, 4] } };
    expect(stateTrace(zero, zero, 0)).toEqual([0, 0, 0]);
    expect(traceLine(far.trace, 1024)).toMatch(/1,024 tokens later/);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const svg = tracePlot({ trace: far.trace!, step: far.traceStep, distance: 1024, window: 128 }, { document: document as unknown as Document, width: 400 });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/^Line chart/);
  });

  it('races every model on the opening state for the static first paint, and says so in words', async () => {
    const r = await initialRace(models, { task: 'pronoun', distance: 64, seed: 0, flip: false });
    expect(r.lanes.map((l) => l.model)).toEqual(models.map((m) => m.id));
    const { gen } = await nodeEngines();
    const p = makePassage(gen, 'pronoun', 64, 0, false);
    const answer = p.shown.candidates.indexOf(p.shown.answer);
    const twin = p.shown.candidates.indexOf(p.twin.answer);
    const parts = models.map((m, i) => ({ label: m.label, ...laneWords(m, r.lanes[i]!, p.shown.candidates, answer, twin) }));
    for (const w of parts) expect(w.verdict).toMatch(/^The (LSTM|Transformer) picks “(she|he)” \(\d+ % among the candidates\): (right|wrong)\.$/);
    expect(raceSummary(parts, 64)).toMatch(/^Distance 64 tokens\. The LSTM picks/);
    expect(windowLine(byKind('lstm'), r.lanes[0]!, p.shown.fact.tokens[0], p.prefix)).toMatch(/reads all \d+ tokens/);
  });

  it('reads the measured recall and forgetting rows as the files have them', () => {
    const m = measured();
    const file = readRecall();
    const row = file.models.lstm.rows.find((x) => x.task === 'recall' && x.distance === 1024)!;
    expect(nearestRecall(m, 'lstm', 'recall', 1000)).toEqual({ distance: 1024, accuracy: row.accuracy, paired: row.pairedAccuracy, chance: row.chance, documents: row.documents });
    expect(nearestRecall(m, 'nobody', 'recall', 64)).toBeNull();
    expect(probeAt(m.forgetting.lstm, 100)!.d).toBe(64);
    expect(answerOf([-1, -1]).shares).toEqual([0.5, 0.5]);
  });
});
