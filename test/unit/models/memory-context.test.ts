// The context-use measurement's loader (widgets/models/memory/context.ts): a file shaped as
// models/memory/context.py writes it passes; malformed ones fail naming the field; the reach rule reads the
// intervals, not the means. Once the factory has shipped the file, the shipped one must pass too.
import { describe, expect, it } from 'vitest';
import { parseMemoryContext, pointAt, reach, type CurvePoint } from '../../../widgets/models/memory/context.ts';
import { hasArtifact, readMemoryContext } from '../../../widgets/models/artifacts.ts';

const est = (mean: number, lo = mean - 0.01, hi = mean + 0.01) => ({ mean, ci: [lo, hi] });
const curve = (ds: number[], inc: (d: number) => number) => ds.map((d) => ({ d, loss: 4 + inc(d), increase: est(inc(d)) }));

function file(): Record<string, any> {
  const model = (context: number, ds: number[]) => ({
    source: 'x', params: 339328, context, full: est(4.0), context_benefit: est(1.6),
    drop: curve(ds, (d) => 1 / (d + 1)), shuffle: curve(ds, (d) => 0.5 / (d + 1)), replace: curve(ds, (d) => 0.8 / (d + 1)),
    seconds: 1,
  });
  return {
    what: 'loss increase …', unit: 'nats', interval: '95 %', documents: 52, targets_per_document: 8, targets: 416,
    min_position: 1024, seed: 1234, unigram: est(5.6),
    models: {
      transformer: model(128, [0, 1, 2, 4, 8, 16, 32, 64, 96]),
      lstm: { ...model(1024, [0, 1, 4, 16, 64, 256, 512]), whole_document: { loss: est(4.1), gain_over_window: est(0.0, -0.01, 0.01) } },
    },
  };
}

describe('parseMemoryContext', () => {
  it('accepts the file as the factory writes it', () => {
    const m = parseMemoryContext(file());
    expect(m.models.transformer.context).toBe(128);
    expect(m.models.lstm.curves.shuffle.map((p) => p.d)).toEqual([0, 1, 4, 16, 64, 256, 512]);
    expect(m.models.lstm.wholeDocument?.gainOverWindow.mean).toBe(0);
    expect(m.models.transformer.wholeDocument).toBeNull();
    expect(pointAt(m.models.transformer.curves.drop, 64)?.increase.mean).toBeCloseTo(1 / 65);
  });

  it('rejects a missing model, a missing curve and a non-finite loss, naming the field', () => {
    const noLstm = file();
    delete noLstm.models.lstm;
    expect(() => parseMemoryContext(noLstm)).toThrow(/memory-context\.json: models\.lstm must be an object/);
    const noShuffle = file();
    delete noShuffle.models.transformer.shuffle;
    expect(() => parseMemoryContext(noShuffle)).toThrow(/models\.transformer\.shuffle must be an array/);
    const nan = file();
    nan.models.lstm.drop[2].increase.mean = 'NaN';
    expect(() => parseMemoryContext(nan)).toThrow(/models\.lstm\.drop\[2\]\.increase\.mean must be a finite number/);
  });

  it('rejects distances out of order or beyond the context, and an interval upside down', () => {
    const order = file();
    order.models.transformer.drop.reverse();
    expect(() => parseMemoryContext(order)).toThrow(/drop\[1\] d must increase/);
    const beyond = file();
    beyond.models.transformer.replace.push({ d: 128, loss: 4, increase: est(0) });
    expect(() => parseMemoryContext(beyond)).toThrow(/below the model's context 128/);
    const flipped = file();
    flipped.unigram.ci = [5.7, 5.5];
    expect(() => parseMemoryContext(flipped)).toThrow(/unigram ci must be \[low, high\]/);
  });

  it('reads the paired LSTM − transformer comparison when the file has one, null when not', () => {
    expect(parseMemoryContext(file()).lstmMinusTransformer).toBeNull();
    const paired = { ...file(), comparison: { lstm_minus_transformer_full: est(-0.09, -0.15, -0.03) } };
    expect(parseMemoryContext(paired).lstmMinusTransformer?.ci).toEqual([-0.15, -0.03]);
    const bad = { ...file(), comparison: { lstm_minus_transformer_full: { mean: 0, ci: [0.1] } } };
    expect(() => parseMemoryContext(bad)).toThrow(/comparison\.lstm_minus_transformer_full\.ci/);
  });

  it('rejects a target count that does not add up, and what is not an object', () => {
    const count = file();
    count.targets = 400;
    expect(() => parseMemoryContext(count)).toThrow(/targets must be documents × targets_per_document = 416/);
    expect(() => parseMemoryContext(null)).toThrow(/must be an object/);
    expect(() => parseMemoryContext([])).toThrow(/must be an object/);
  });
});

describe('reach', () => {
  const pt = (d: number, lo: number, hi: number): CurvePoint => ({ d, loss: 0, increase: { mean: (lo + hi) / 2, ci: [lo, hi] } });

  it('is the first distance from which every interval holds zero', () => {
    expect(reach([pt(0, 1, 2), pt(8, 0.1, 0.2), pt(16, -0.01, 0.02), pt(32, -0.02, 0.01)])).toBe(16);
  });

  it('ignores a gap inside the noise followed by a resolved increase, and is null when the last is resolved', () => {
    expect(reach([pt(0, 1, 2), pt(8, -0.1, 0.2), pt(16, 0.05, 0.1), pt(32, -0.02, 0.01)])).toBe(32);
    expect(reach([pt(0, 1, 2), pt(8, 0.1, 0.2)])).toBeNull();
  });
});

describe.runIf(hasArtifact('memory-context.json'))('the shipped memory-context.json', () => {
  it('passes its loader, with the same targets for both models', () => {
    const m = readMemoryContext();
    expect(m.targets).toBe(m.documents * m.targetsPerDocument);
    // the no-context controls bracket the models: the unigram loss is above each model's full-context loss
    for (const name of ['transformer', 'lstm'] as const) expect(m.unigram.mean).toBeGreaterThan(m.models[name].full.mean);
  });

  it('pairs the two models on the same targets: the mean difference is the difference of their means', () => {
    const m = readMemoryContext();
    const diff = m.lstmMinusTransformer;
    expect(diff).not.toBeNull();
    expect(diff!.mean).toBeCloseTo(m.models.lstm.full.mean - m.models.transformer.full.mean, 4);
  });
});
