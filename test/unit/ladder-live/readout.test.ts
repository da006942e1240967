// The live ladder's readout (widgets/ladder-live/readout.ts, describe.ts, keys.ts), on the shipped model in
// onnxruntime-web under Node (build.ts, as the site's build runs it): probes apply where measure.py reads each
// label, windows cover every piece once, and the essay's opening document shows what the prose says of it.
import { describe, expect, it, vi } from 'vitest';
import { generateDocument } from '../../../widgets/models/hier-language/language.ts';
import { PIECES } from '../../../widgets/models/hier-language/vocab.ts';
import { applyProbe, labelAt, scaleTable, selectedPoint, windows } from '../../../widgets/ladder-live/readout.ts';
import { describePoint, describeScales } from '../../../widgets/ladder-live/describe.ts';
import { movePoint } from '../../../widgets/ladder-live/keys.ts';
import { initialReading, readLadderFiles } from '../../../widgets/ladder-live/build.ts';
import { ladderLiveSchema } from '../../../widgets/ladder-live/state.ts';
import { decodeState } from '../../../widgets/runtime/url-state.ts';

vi.setConfig({ testTimeout: 180_000 });

describe('windows', () => {
  it('score every position exactly once, each window at most the context long', () => {
    for (const n of [1, 5, 255, 256, 257, 300, 550, 1024]) {
      const ws = windows(n, 256);
      const scored = ws.flatMap((w) => Array.from({ length: w.end - w.scored }, (_, i) => w.scored + i));
      expect(scored).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(ws.every((w) => w.end - w.start <= 256 && w.start <= w.scored)).toBe(true);
    }
  });
});

describe('labelAt', () => {
  it('applies each probe where the generator says the label is read', () => {
    const P = (p: string) => PIECES.indexOf(p);
    for (let seed = 0; seed < 50; seed++) {
      const d = generateDocument(seed);
      const first = d.ids.findIndex((x) => x === P('ko') || x === P('pu'));
      d.ids.forEach((_, t) => {
        const l = labelAt(d.ids, t, first);
        const pos = d.pos[t];
        if (l === 'noun_class') expect([pos, d.piece[t]]).toEqual([7, 1]);
        if (l === 'subject_number') expect([pos, d.piece[t]]).toEqual([8, 2]);
        if (l === 'topic_number') expect(pos).toBe(6);
        if (l === 'document_property') expect(pos).toBe(10);
      });
    }
  });
});

describe('applyProbe', () => {
  it('is a softmax of the standardised affine map', () => {
    const p = applyProbe({ mu: [1, 0], sd: [2, 1], W: [[1, 0], [0, 1]], b: [0, 0] }, [3, 1]);
    expect(p[0]).toBeCloseTo(0.5);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1);
  });
});

describe('movePoint', () => {
  it('moves among points and stays inside', () => {
    const pts = [{ t: 3 }, { t: 9 }, { t: 20 }];
    expect(movePoint(pts, 3, 'ArrowRight')).toBe(9);
    expect(movePoint(pts, 3, 'ArrowLeft')).toBe(3);
    expect(movePoint(pts, 9, 'End')).toBe(20);
    expect(movePoint(pts, 9, 'a')).toBeNull();
    expect(movePoint([], 0, 'ArrowRight')).toBeNull();
  });
});

describe('state', () => {
  it('falls back to defaults on hostile values', () => {
    const s = decodeState(ladderLiveSchema(), 'seed=-4&token=1e3&edited=maybe&text=%3Cscript%3E', '');
    expect(s).toMatchObject({ seed: 7, token: -1, edited: false, text: '<script>' });
  });
});

describe('the shipped model on the essay’s opening document (seed 2)', () => {
  const { card, probes } = readLadderFiles();
  it('reads agreement at few verbs on the embeddings and at nearly every verb at the top layer', async () => {
    const r = await initialReading(card, probes, { seed: 2, edited: false, text: '', token: -1 });
    const agree = scaleTable(r).find((x) => x.label === 'subject_number')!;
    expect(agree.n).toBeGreaterThanOrEqual(5);
    expect(agree.right[0]! / agree.n).toBeLessThanOrEqual(0.5);
    expect(agree.right[card.architecture.layers]! / agree.n).toBeGreaterThanOrEqual(0.85);
    expect(selectedPoint(r, -1)?.label).toBe('subject_number');
    expect(describePoint(r, selectedPoint(r, -1))).toMatch(/layer 3/);
    expect(describeScales(r)).toMatch(/Phrase: agreement/);
  });

  it('the held-out accuracies: agreement readable only at the top, the other scales near chance', () => {
    const acc = card.metrics.probe_accuracy;
    const L = card.architecture.layers;
    expect(acc.subject_number![L]!).toBeGreaterThan(0.75);
    expect(Math.max(...acc.subject_number!.slice(0, 2))).toBeLessThan(0.55);
    for (const k of ['topic_number', 'document_property'] as const) expect(Math.max(...acc[k]!)).toBeLessThan(0.56);
    expect(Math.max(...acc.noun_class!)).toBeLessThan(0.4);
  });

  it('an edited text of no pieces gives no points, and a text past the context is read in windows', async () => {
    const empty = await initialReading(card, probes, { seed: 2, edited: true, text: '<img src=x onerror=alert(1)>', token: -1 });
    expect(empty.points).toEqual([]);
    expect(describePoint(empty, null)).toMatch(/No piece/);
    const long = await initialReading(card, probes, { seed: 5, edited: false, text: '', token: -1 });
    expect(long.ids.length).toBeGreaterThan(card.architecture.context);
    expect(long.points.some((p) => p.t >= card.architecture.context)).toBe(true);
  });
});
