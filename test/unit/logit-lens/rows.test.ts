// The logit lens's data shaping (widgets/logit-lens/rows.ts, plot.ts) on the
// model's real outputs under Node (node-inference.ts), and the words both live figures use
// (live-text.ts). Structure and consistency only: the model is retrained and replaced.
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readTransformerMeasurements } from '../../../widgets/models/artifacts.ts';
import { lensInputForPosition, lensLayers, type LensLayer } from '../../../widgets/models/transformer/logit-lens.ts';
import { loadNodeTransformer, type NodeTransformer } from '../../../widgets/models/transformer/node-inference.ts';
import { textWindow } from '../../../widgets/models/transformer/text-window.ts';
import { loadLiveData } from '../../../widgets/models/transformer/live/build.ts';
import { initialLens, shippedAverageBits } from '../../../widgets/logit-lens/build.ts';
import { overLengthMessage, percent, spokenClass, readLine, readableToken, shorten, spokenToken, EMPTY_TEXT_MESSAGE } from '../../../widgets/models/transformer/live/text.ts';
import { logitLensPlot } from '../../../widgets/logit-lens/plot.ts';
import { averageKlBits, klPoints, lensSummary, lensView, rankText } from '../../../widgets/logit-lens/rows.ts';
import { DEFAULT_LENS_TEXT } from '../../../widgets/logit-lens/state.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const measurements = readTransformerMeasurements();
const average = averageKlBits(measurements.logit_lens.layers.map((l) => l.kl));

let model: NodeTransformer;
let L: number;

async function lensAt(text: string, position?: number): Promise<{ layers: LensLayer[]; position: number; display: string }> {
  const win = textWindow(model.tokenizer, text, { context: model.card.architecture.context });
  const out = await model.run(win.ids);
  const t = position ?? win.ids.length - 1;
  const logits = await model.lens(lensInputForPosition(out.resid, t));
  return { layers: lensLayers(logits, model.tokenizer, 5), position: t, display: win.pieces[t]!.display };
}

beforeAll(async () => {
  model = await loadNodeTransformer();
  L = model.card.architecture.layers;
}, 60_000);

describe('lens rows on the model’s real outputs', () => {
  it('has one row per residual layer with five tokens, KL in bits, and the final token’s rank', async () => {
    const { layers, position, display } = await lensAt(DEFAULT_LENS_TEXT);
    const view = lensView(layers, position, display, average);
    expect(view.rows.map((r) => r.layer)).toEqual(Array.from({ length: L + 1 }, (_, i) => i));
    expect(view.position).toBe(position);
    expect(view.token.text).toBe(readableToken(display));
    for (const row of view.rows) {
      expect(row.top).toHaveLength(5);
      for (let i = 1; i < 5; i++) expect(row.top[i]!.prob).toBeLessThanOrEqual(row.top[i - 1]!.prob);
      expect(row.klBits).toBeGreaterThanOrEqual(0);
      expect(row.klBits).toBeCloseTo(layers[row.layer]!.klBits, 2);
      expect(row.finalRank).toBe(layers[row.layer]!.finalTopRank + 1);
      expect(row.averageKlBits).toBe(average[row.layer]);
    }
    const last = view.rows[L]!;
    expect(last.klBits).toBe(0);
    expect(last.finalRank).toBe(1);
    expect(view.finalTop.text).toBe(last.top[0]!.text);
    expect(rankText(last)).toBe('1st');
  });

  it('shows leading spaces as ␣ and speaks them as “space”', async () => {
    const { layers, position, display } = await lensAt(DEFAULT_LENS_TEXT);
    const view = lensView(layers, position, display, average);
    for (const row of view.rows) {
      for (const t of row.top) {
        expect(t.text).not.toMatch(/^ /);
        if (t.text.startsWith('␣')) expect(t.spoken.startsWith('space')).toBe(true);
      }
    }
  });

  it('converts the measured average KL from nats to bits', () => {
    expect(average).toHaveLength(L + 1);
    measurements.logit_lens.layers.forEach((l, i) => expect(average[i]).toBeCloseTo(l.kl / Math.LN2, 2));
    expect(average[L]).toBe(0);
  });

  it('reads any position, not only the last', async () => {
    const { layers, position, display } = await lensAt(DEFAULT_LENS_TEXT, 2);
    const view = lensView(layers, position, display, []);
    expect(view.position).toBe(2);
    expect(view.rows.every((r) => r.averageKlBits === null)).toBe(true);
    expect(klPoints(view).every((p) => p.series === 'position')).toBe(true);
  });

  it('summarises the lens in one sentence and draws the chart with a text alternative', async () => {
    const { layers, position, display } = await lensAt(DEFAULT_LENS_TEXT);
    const view = lensView(layers, position, display, average);
    const summary = lensSummary(view);
    expect(summary).toContain(`After token ${position + 1}`);
    expect(summary).toContain(`${L}: 0.`);
    const points = klPoints(view);
    expect(points.filter((p) => p.series === 'position')).toHaveLength(L + 1);
    expect(points.filter((p) => p.series === 'average')).toHaveLength(L + 1);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const chart = logitLensPlot(view, { document: document as unknown as Document, width: 560 });
    const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(`Line chart. ${summary}`);
    expect(chart.outerHTML).not.toMatch(/<g[^>]*aria-label/);
    expect(chart.querySelectorAll('path').length).toBeGreaterThan(0);
  });

  it('handles hostile text (emoji, CJK, RTL, zero-width, combining) at every position', async () => {
    for (const text of ['🐈‍⬛ 👩🏽‍🚀', '猫が跳ぶ。', 'القطة تقفز', 'a\u200bb\u200dc', 'e\u0301\u0301', '\n\n']) {
      const win = textWindow(model.tokenizer, text, { context: model.card.architecture.context });
      for (let t = 0; t < win.ids.length; t++) {
        const { layers, display } = await lensAt(text, t);
        const view = lensView(layers, t, display, average);
        expect(view.rows).toHaveLength(L + 1);
        expect(lensSummary(view)).toContain(`After token ${t + 1}`);
      }
    }
  });

  it('computes the default view the static HTML shows', async () => {
    const data = await loadLiveData();
    const initial = await initialLens(data, DEFAULT_LENS_TEXT);
    const { layers, position, display } = await lensAt(DEFAULT_LENS_TEXT);
    expect(initial.pieces).toEqual(textWindow(model.tokenizer, DEFAULT_LENS_TEXT, { context: 128 }).pieces.map((p) => p.display));
    expect(initial.view).toEqual(lensView(layers, position, display, shippedAverageBits(data)));
    expect(shippedAverageBits(data)).toEqual(average);
  });
});

describe('the live figures’ words', () => {
  it('asks for text when there is none, and says how much is read', () => {
    const empty = textWindow(model.tokenizer, '', { context: 128 });
    expect(readLine(empty)).toBe(EMPTY_TEXT_MESSAGE);
    expect(overLengthMessage(empty)).toBe('');
    const win = textWindow(model.tokenizer, 'The cat', { context: 128 });
    expect(readLine(win)).toBe(`The model reads ${win.ids.length} tokens of your text.`);
  });

  it('says what is left out of an over-length text, including a 100 KB paste', () => {
    const context = model.card.architecture.context;
    const long = 'The old man walked slowly to the river. '.repeat(40);
    const win = textWindow(model.tokenizer, long, { context });
    const msg = overLengthMessage(win);
    expect(msg).toContain(`first ${context} tokens`);
    expect(msg).toContain(`${win.droppedTokens} tokens`);
    const huge = textWindow(model.tokenizer, '日本語のテキスト🙂 and English. '.repeat(4000), { context });
    expect(huge.ids).toHaveLength(context);
    expect(overLengthMessage(huge)).toMatch(/^Longer than the model's context: it reads only the first 128 tokens\. The remaining (about )?[\d,]+ tokens/);
  });

  it('shows and speaks tokens readably', () => {
    expect(readableToken('<0x0A><0x0A>')).toBe('↵↵');
    expect(readableToken('␣the')).toBe('␣the');
    expect(spokenToken('␣the')).toBe('space the');
    expect(spokenToken('<0x0A>')).toBe('newline');
    expect(spokenToken('a␣b')).toBe('a space b');
    expect(shorten('internationalization')).toBe('international…');
    expect(shorten('short')).toBe('short');
    expect(Array.from(shorten('🐈'.repeat(30))).length).toBe(14);
    expect(percent(0.931)).toBe('93%');
    expect(percent(0.999)).toBe('>99%');
    expect(percent(0.001)).toBe('<1%');
    expect(percent(0)).toBe('0%');
    expect(percent(NaN)).toBe('–');
    expect(spokenClass('.')).toBe('“.” (punctuation)');
    expect(spokenClass('NOUN')).toBe('NOUN');
  });
});
