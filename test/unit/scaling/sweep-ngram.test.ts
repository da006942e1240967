// The sweep's data cutting (models/sweep/data.ts) and the committed n-gram sweep log
// (public/models/scaling/ngram.json): at fraction 1 the sweep must reproduce the model card's baselines exactly,
// and loss must fall with data at every order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentSpans, subsetStream } from '../../../models/sweep/data.ts';

describe('documentSpans and subsetStream', () => {
  const E = 9;
  const stream = Uint16Array.from([E, 1, 2, E, 3, E, 4, 5, 6]);
  it('cuts a stream at every <|endoftext|>, each document keeping its separator', () => {
    expect(documentSpans(stream, E)).toEqual([
      [0, 3],
      [3, 5],
      [5, 9],
    ]);
    expect(() => documentSpans([1, E], E)).toThrow(/start with/);
  });
  it('keeps the chosen documents in their original order', () => {
    const spans = documentSpans(stream, E);
    expect(Array.from(subsetStream(stream, spans, new Set([2, 0])))).toEqual([E, 1, 2, E, 4, 5, 6]);
    expect(Array.from(subsetStream(stream, spans, new Set([0, 1, 2])))).toEqual(Array.from(stream));
  });
});

type Run = { model: string; order: number; fraction: string; seed: number; train_tokens: number; val_bpc: number; train_s: number };
const log = JSON.parse(readFileSync('public/models/scaling/ngram.json', 'utf8'));
const card = JSON.parse(readFileSync('public/models/transformer.json', 'utf8'));
const runs: Run[] = log.runs;
const FRACTION = { '1/8': 1 / 8, '1/4': 1 / 4, '1/2': 1 / 2, '1': 1 } as Record<string, number>;

describe('ngram.json', () => {
  it('has every order at every fraction and seed', () => {
    for (const order of [2, 3, 4, 5]) {
      expect(runs.filter((r) => r.order === order && r.fraction === '1')).toHaveLength(1);
      for (const f of ['1/8', '1/4', '1/2']) expect(runs.filter((r) => r.order === order && r.fraction === f)).toHaveLength(3);
    }
  });

  it('at fraction 1 reproduces the model card baselines (same data, same code)', () => {
    const at1 = (order: number) => runs.find((r) => r.order === order && r.fraction === '1')!;
    expect(at1(2).val_bpc).toBeCloseTo(card.metrics.baselines.bigram.bpc, 4); // the card rounds to 4 decimals
    expect(at1(3).val_bpc).toBeCloseTo(card.metrics.baselines.kn3.bpc, 4); // the card rounds to 4 decimals
    expect(at1(4).val_bpc).toBeCloseTo(card.metrics.baselines.kn4.bpc, 4); // the card rounds to 4 decimals
    expect(at1(5).val_bpc).toBeCloseTo(card.metrics.baselines.kn5.bpc, 4); // the card rounds to 4 decimals
    expect(at1(5).train_tokens).toBe(log.data.train_tokens_total);
  });

  it('each fraction holds about that share of the tokens, and more data lowers the loss at every order', () => {
    for (const r of runs) expect(r.train_tokens / log.data.train_tokens_total).toBeCloseTo(FRACTION[r.fraction]!, 1);
    for (const order of [2, 3, 4, 5]) {
      const mean = (f: string) => {
        const rs = runs.filter((r) => r.order === order && r.fraction === f);
        return rs.reduce((s, r) => s + r.val_bpc, 0) / rs.length;
      };
      expect(mean('1/8')).toBeGreaterThan(mean('1/4'));
      expect(mean('1/4')).toBeGreaterThan(mean('1/2'));
      expect(mean('1/2')).toBeGreaterThan(mean('1'));
    }
  });
});
