import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState } from '../../../widgets/runtime/url-state.ts';
import { channelSummary, inkSummary, predictionSummary, rankClasses } from '../../../widgets/convnet/describe.ts';
import { exampleStrokes, sketchStrokes, stateInk, strokesToSketch } from '../../../widgets/convnet/drawing-input.ts';
import { checkConvnetOutputs, imageFeed } from '../../../widgets/convnet/outputs.ts';
import { CLASSES, convnetSchema, decodeExample, normalizeState } from '../../../widgets/convnet/state.ts';

const ns = 'convnet';

describe('convnet URL state', () => {
  it('opens on a dataset car and round-trips a sketch and a selection', () => {
    const d = defaultState(convnetSchema);
    expect(d.example).toEqual({ label: 'car', seed: 1 });
    const s = normalizeState({ ...d, example: null, sketch: [[[0.1, 0.1], [0.9, 0.9]]], block: 3, channel: 12, unit: { x: 4, y: 3 }, depth: 2 });
    const back = normalizeState(decodeState(convnetSchema, new URLSearchParams(encodeState(convnetSchema, s, ns)), ns));
    expect(back.block).toBe(3);
    expect(back.unit).toEqual({ x: 4, y: 3 });
    expect(back.example).toBeNull();
    expect(back.sketch).toHaveLength(1);
    expect(encodeState(convnetSchema, d, ns)).toEqual([]);
  });

  it('falls back on junk and clamps a selection to the block', () => {
    const s = decodeState(convnetSchema, '?convnet.example=dog.1&convnet.block=9&convnet.unit=x&convnet.sketch=%3Cscript%3E', ns);
    expect(s.example).toEqual({ label: 'car', seed: 1 });
    expect(s.block).toBe(2);
    expect(s.unit).toBeNull();
    expect(s.sketch).toEqual([]);
    expect(decodeExample('fish.123456')).toBeUndefined();
    expect(decodeExample('none')).toBeNull();
    const clamped = normalizeState({ ...defaultState(convnetSchema), block: 1, channel: 60, unit: { x: 99, y: 40 } });
    expect(clamped.channel).toBe(15);
    expect(clamped.unit).toEqual({ x: 31, y: 31 });
  });
});

describe('convnet input and outputs', () => {
  it('rasterises examples with the generator and sketches with the pen, deterministically', () => {
    const car = stateInk({ example: { label: 'car', seed: 1 }, sketch: [] });
    expect(car).toEqual(stateInk({ example: { label: 'car', seed: 1 }, sketch: [] }));
    expect(car.some((v) => v > 0.5)).toBe(true);
    expect(stateInk({ example: null, sketch: [] }).every((v) => v === 0)).toBe(true);
    const line = stateInk({ example: null, sketch: [[[0.1, 0.5], [0.9, 0.5]]] });
    expect(line[16 * 32 + 16]).toBeGreaterThan(0.5);
    // An example drawn over keeps its shape as a sketch (widths become the pen's).
    const strokes = exampleStrokes({ label: 'house', seed: 7 });
    const again = sketchStrokes(strokesToSketch(strokes));
    expect(again).toHaveLength(strokes.length);
    expect(Array.from(again[0]!.points)).toEqual(Array.from(strokes[0]!.points));
  });

  it('checks output shapes against the contract', () => {
    const ok = (name: string) => {
      const shapes: Record<string, number[]> = { block1: [1, 16, 32, 32], block2: [1, 32, 16, 16], block3: [1, 64, 8, 8], block4: [1, 64, 4, 4], probs: [1, CLASSES.length] };
      const dims = shapes[name]!;
      return { data: new Float32Array(dims.reduce((a, b) => a * b, 1)), dims };
    };
    expect(checkConvnetOutputs(ok).blocks).toHaveLength(4);
    expect(() => checkConvnetOutputs((n) => (n === 'block3' ? { data: new Float32Array(10), dims: [1, 10] } : ok(n)))).toThrow(/block3/);
    expect(() => checkConvnetOutputs((n) => (n === 'probs' ? undefined : ok(n)))).toThrow(/probs/);
    expect(() => imageFeed(new Float32Array(3))).toThrow();
  });

  it('says what the model predicts and what a blank or black canvas means', () => {
    const probs = new Float32Array(10);
    probs[0] = 0.87;
    probs[4] = 0.06;
    probs[1] = 0.03;
    expect(predictionSummary(probs)).toBe('car (87%), then boat (6%) and house (3%)');
    expect(rankClasses(probs).map((r) => r.label)).toHaveLength(CLASSES.length);
    expect(inkSummary(new Float32Array(1024)).text).toMatch(/blank/);
    expect(inkSummary(new Float32Array(1024).fill(1)).text).toMatch(/Most of the canvas is ink/);
    expect(inkSummary(Float32Array.from({ length: 1024 }, (_, i) => (i % 10 === 0 ? 1 : 0))).text).toBe('');
    expect(channelSummary([])).toMatch(/No channel/);
  });
});
