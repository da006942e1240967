// The attention explorer's words (widgets/attention/describe.ts, format.ts): head summaries from crafted
// matrices, top keys and queries, the focused token's line, the over-length notice with the real tokenizer,
// and number formatting.
import { describe, expect, it, vi } from 'vitest';
import { readTokenizer } from '../../../widgets/models/artifacts.ts';
import { textWindow, type TextWindow } from '../../../widgets/models/transformer/text-window.ts';
import {
  argmaxKey,
  chartLabel,
  focusLine,
  headName,
  headSummary,
  overLengthNotice,
  problemLine,
  spoken,
  targetOf,
  textNote,
  textStats,
  topKeysOf,
  topQueriesOf,
  topRows,
} from '../../../widgets/attention/describe.ts';
import { fmt, percent, score, weight } from '../../../widgets/attention/format.ts';
import type { HeadInfo, UniformInfo } from '../../../widgets/attention/heads.ts';
import { matrixOf } from './matrices.ts';

// Runs onnxruntime-web or large inputs in Node: seconds on an idle machine, many times that on a busy one.
vi.setConfig({ testTimeout: 120_000 });

const previousToken = (T: number) => matrixOf(T, (i, j) => (j === i - 1 ? 8 : 1 / (i + 1)) + (i === 0 ? 1 : 0));
const uniformHead = (T: number) => matrixOf(T, () => 1);
const info: HeadInfo = {
  layer: 2, head: 1, kind: 'local', label: 'local', meanDistance: 3.1, entropy: 1.36, prevShare: 0.33, selfShare: 0.2, detail: '…',
};
const uniform: UniformInfo = { meanDistance: 31.5, entropy: 3.91, window: 128 };

describe('head statistics on the reader text', () => {
  it('names targets: previous, itself, first, further', () => {
    expect(targetOf(5, 4)).toBe('previous');
    expect(targetOf(5, 5)).toBe('self');
    expect(targetOf(5, 0)).toBe('first');
    expect(targetOf(1, 0)).toBe('previous'); // the first token is also the previous one: previous wins
    expect(targetOf(5, 2)).toBe('further');
  });

  it('finds a previous-token head and its short reach', () => {
    const T = 12;
    const s = textStats(previousToken(T), T);
    expect(s.queries).toBe(11);
    expect(s.counts.previous).toBe(11);
    expect(s.meanDistance).toBeGreaterThan(0.9);
    expect(s.meanDistance).toBeLessThan(2);
    expect(s.uniformDistance).toBeCloseTo(T / 4, 10); // mean of i/2 over i = 1…T−1
  });

  it('gives uniform attention the uniform distance', () => {
    const T = 20;
    const s = textStats(uniformHead(T), T);
    expect(s.meanDistance).toBeCloseTo(s.uniformDistance, 5);
  });

  it('breaks ties toward the nearer key', () => {
    const m = new Float32Array([1, 0, 0.5, 0.5]);
    expect(argmaxKey(m, 2, 1)).toBe(1);
  });

  it('summarises a previous-token head in one sentence with its numbers', () => {
    const T = 12;
    const text = headSummary(2, 1, info, textStats(previousToken(T), T), uniform);
    expect(text).toMatch(/^Head 2\.1, local: on this text, most tokens \(11 of 11\) put most of their attention on the token before them\./);
    expect(text).toMatch(/Mean distance 1\.\d tokens against 3\.0 for uniform attention\./);
    expect(text).toMatch(/mean distance 3\.1 tokens against 31\.5 for uniform attention, entropy 1\.36 nats against 3\.91\.$/);
  });

  it('says when tokens split their attention, and handles one token and unlabelled heads', () => {
    const T = 5;
    const split = matrixOf(T, (i, j) => (i % 2 === 0 ? (j === i ? 5 : 1) : j === i - 1 ? 5 : 1));
    const text = headSummary(3, 4, undefined, textStats(split, T), undefined);
    expect(text).toMatch(/^Head 3\.4: on this text, tokens split their attention: 2 of 4 put most of it on the token before them; 2 on themselves\./);
    expect(text).not.toMatch(/Brown/);
    expect(headSummary(1, 1, info, textStats(new Float32Array([1]), 1), uniform)).toMatch(/single token .* attends only to itself/);
    expect(headName(4, 3)).toBe('Head 4.3');
  });

  it('labels the charts with what they encode and the summary', () => {
    expect(chartLabel('heatmap', 12, 'S.')).toMatch(/^Heatmap of attention over 12 tokens: row i is the query .* S\.$/);
    expect(chartLabel('arcs', 1, 'S.', 0.1)).toMatch(/^Arcs over 1 token: .* at least 10 % of its attention.* S\.$/);
  });
});

describe('top keys and queries', () => {
  const T = 5;
  const m = previousToken(T);
  it('ranks a query’s keys by weight', () => {
    const top = topKeysOf(m, T, 4, 3);
    expect(top.map((k) => k.index)).toEqual([3, 4, 2]);
    expect(top[0]!.weight).toBeGreaterThan(top[1]!.weight);
    expect(topKeysOf(m, T, 0, 3)).toEqual([{ index: 0, weight: 1 }]);
  });

  it('ranks the later queries that attend to a key, excluding itself', () => {
    const by = topQueriesOf(m, T, 2, 3);
    expect(by[0]!.index).toBe(3);
    expect(by.every((q) => q.index > 2)).toBe(true);
    expect(topQueriesOf(m, T, T - 1, 3)).toEqual([]);
  });

  it('gives one row per query for the data table', () => {
    const rows = topRows(m, T);
    expect(rows).toHaveLength(T);
    expect(rows.map((r) => r.keys.length)).toEqual([1, 2, 3, 3, 3]);
  });

  it('describes the focused token both ways', () => {
    const displays = ['The', '␣cat', '␣sat', '␣on', '.'];
    const line = focusLine(m, T, 2, displays);
    expect(line).toMatch(/^“␣sat” \(token 3\) attends most to “␣cat” 0\.\d{3}, .*; most attended to by “␣on” 0\.\d{3}, “\.” 0\.\d{3}\.$/);
    expect(focusLine(m, T, 0, displays)).toMatch(/can attend only to itself; most attended to by “␣cat”/);
    expect(focusLine(m, T, 4, displays)).toMatch(/no later token attends to it \(it is the last\)\.$/);
    expect(focusLine(m, T, 9, displays)).toBe('');
  });

  it('speaks the space symbol', () => {
    expect(spoken('␣cat')).toBe('space cat');
    expect(spoken('␣')).toBe('space');
  });
});

describe('over-length notice', () => {
  const tokenizer = readTokenizer();
  it('is empty when the text fits', () => {
    expect(overLengthNotice(textWindow(tokenizer, 'The cat sat.', { context: 128 }), 'The cat sat.')).toBe('');
  });

  it('says what the model reads and what it leaves out, for 100 KB of text', () => {
    const text = 'The old man walked slowly to the river, where his daughter was waiting. '.repeat(1400);
    expect(text.length).toBeGreaterThan(100_000);
    const win = textWindow(tokenizer, text, { context: 128 });
    const notice = overLengthNotice(win, text);
    expect(notice).toMatch(/^Longer than the model's context: it reads only the first 128 tokens, up to “…[^”]+”\. The rest, about [\d,]+ tokens \([\d,]+ characters\), is not read/);
    expect(notice).toContain(text.slice(win.keptEnd - 10, win.keptEnd).replace(/\s+/g, ' '));
  });

  it('never splits a character in the quoted tail, and never throws on hostile text', () => {
    const hostile = ['🐈‍⬛'.repeat(400), '猫が跳ぶ。'.repeat(200), 'القطة تقفز '.repeat(100), 'a\u200b\u0301'.repeat(500), '\uD800x'.repeat(300)];
    for (const text of hostile) {
      const win = textWindow(tokenizer, text, { context: 128 });
      const notice = overLengthNotice(win, text);
      expect(win.truncated, text.slice(0, 10)).toBe(true);
      expect(notice).toMatch(/^Longer than/);
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(notice)).toBe(false);
    }
  });
});

describe('number formatting', () => {
  it('prints fixed decimals with a real minus sign, and tiny values in scientific notation', () => {
    expect(weight(0.41234)).toBe('0.412');
    expect(weight(1)).toBe('1.000');
    expect(score(-1.3749)).toBe('−1.37');
    expect(fmt(0.00000312, 3)).toBe('3.1e−6');
    expect(fmt(-0.00000312, 3)).toBe('−3.1e−6');
    expect(fmt(0, 3)).toBe('0.000');
    expect(fmt(-0.0004, 2)).toBe('−4.0e−4');
    expect(fmt(0.004, 3)).toBe('0.004');
    expect(fmt(NaN)).toBe('NaN');
    expect(fmt(-Infinity)).toBe('−∞');
    expect(percent(0.347)).toBe('35 %');
  });
});

describe('the text note and the problem line', () => {
  const win = (n: number, extra: Partial<TextWindow> = {}) => ({ ids: Array.from({ length: n }, (_, i) => i), truncated: false, totalTokens: n, droppedTokensExact: true, ...extra }) as TextWindow;
  it('says how many tokens the model reads, or why there are none', () => {
    expect(textNote(null, true, 128)).toBe('No text yet: type or paste something. The model needs at least one token.');
    expect(textNote(null, false, 128)).toBe('Loading the tokenizer…');
    expect(textNote(win(1), false, 128)).toBe('1 token; the model reads at most 128.');
    expect(textNote(win(128, { truncated: true, totalTokens: 300, droppedTokensExact: false }), false, 128)).toBe('128 tokens of about 300; the model reads at most 128.');
  });
  it('says what the attention on screen comes from', () => {
    expect(problemLine('No model.', 'result')).toBe('No model. The attention shown is for the text the model last read. The rest of the page still works; reload to try again.');
    expect(problemLine('No model.', null)).toBe('No model.  The rest of the page still works; reload to try again.');
  });
});
