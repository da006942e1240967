// The dezoom map's reading of the ladder's measurements (widgets/dezoom-map/ladder.ts, analysis.ts,
// describe.ts, state.ts) on small hand-made measurement files whose answers are known: the parser's checks,
// ties inside the noise, the shallowest solving depth, the best layer moving up, and the URL state.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestLayer, dezoomVerdict, effectiveContext, shallowestSolved, spanGain, scaleBand } from '../../../widgets/dezoom-map/analysis.ts';
import { mapRows, mapSummary, scaleRows } from '../../../widgets/dezoom-map/describe.ts';
import { parseLadder } from '../../../widgets/dezoom-map/ladder.ts';
import { dezoomMapSchema } from '../../../widgets/dezoom-map/state.ts';
import { decodeState, defaultState } from '../../../widgets/runtime/url-state.ts';

const BUCKETS = [[1, 1], [2, 3], [4, 7], [8, 15], [16, 10000]];
const ci = (x: number, w: number) => [x - w, x + w];

/** A measurement file: span accuracy of bucket b at layer l from `span(depth, seed, b, l)`, intervals ± w. */
function file(opts: { runs: [number, number][]; span: (d: number, s: number, b: number, l: number) => number; w?: number; scale?: (d: number, s: number) => number }) {
  const w = opts.w ?? 0.01;
  return {
    config: { d_model: 32, block_size: 256, steps: 400, depths: [...new Set(opts.runs.map(([d]) => d))] },
    criterion: { solved_accuracy: 0.9, bootstrap: 500, interval: 0.95, effective_change: 0.1 },
    data: { val_documents: 400 },
    bag_of_tokens_controls: [{ label: 'subject_number', what: 'x', accuracy: 0.5, chance: 0.5, compositional: true }],
    span_buckets: BUCKETS,
    cut_ks: [1, 2, 4, 8, 16, 32, 64, 128],
    runs: opts.runs.map(([depth, seed]) => {
      const layers = depth + 1;
      const acc = (b: number) => Array.from({ length: layers }, (_, l) => opts.span(depth, seed, b, l));
      const scale = (opts.scale ?? (() => 0.5))(depth, seed);
      const probe = { accuracy: Array(layers).fill(0.5), accuracy_ci: Array(layers).fill([0.45, 0.55]), majority: 0.5, bag_of_embeddings: 0.5, control_task_top_layer: 0.9 };
      const spanTask = (nullFirst: boolean) => ({
        accuracy: BUCKETS.map((_, b) => (nullFirst && b === 0 ? null : acc(b))),
        accuracy_ci: BUCKETS.map((_, b) => (nullFirst && b === 0 ? null : acc(b).map((x) => ci(x, w)))),
        examples: BUCKETS.map((_, b) => (nullFirst && b === 0 ? 0 : 1000)),
        majority: BUCKETS.map((_, b) => (nullFirst && b === 0 ? null : 0.5)),
        control_task_top_layer: BUCKETS.map((_, b) => (nullFirst && b === 0 ? null : 0.6)),
      });
      return {
        run: `L${depth}-s${seed}`, depth, seed, params: 1000 * depth, val_loss: 1.1, train_seconds: 100,
        scales: Object.fromEntries(['piece', 'phrase', 'paragraph', 'document'].map((s) => [s, { tokens: 100, accuracy: scale, accuracy_ci: ci(scale, 0.02), chance: 0.5, excess_loss: 0.3 }])),
        probes: Object.fromEntries(['noun_class', 'subject_number', 'topic_number', 'document_property'].map((l) => [l, probe])),
        spans: { constituent: spanTask(false), head_number: spanTask(true) },
        effective_context: Array.from({ length: layers }, (_, l) => [1, 2, 4, 8, 16, 32, 64, 128].map((k) => (l === 0 ? 0 : 1 / k))),
        effective_k: Array.from({ length: layers }, (_, l) => (l === 0 ? 1 : l < 3 ? 16 : null)),
        attention_distance: Array.from({ length: depth }, (_, l) => 10 * (l + 1)),
      };
    }),
  };
}

describe('reading the ladder file', () => {
  it('names the field of a stale or broken file', () => {
    const good = file({ runs: [[2, 1]], span: () => 0.7 });
    expect(() => parseLadder(good)).not.toThrow();
    const bad = structuredClone(good) as any;
    bad.runs[0].spans.constituent.accuracy[1] = [0.7];
    expect(() => parseLadder(bad)).toThrow(/runs\[0\]\.spans\.constituent\.accuracy\[1\] must have 3 entries/);
    expect(() => parseLadder({ ...good, runs: [] })).toThrow(/runs must not be empty/);
  });
});

describe('what the ladder says, with its noise', () => {
  it('finds the best layer moving up with span length when longer spans peak higher, beyond the noise', () => {
    // Bucket b peaks at layer min(b, 4).
    const ladder = parseLadder(file({ runs: [[4, 1], [4, 2]], span: (_, __, b, l) => 0.6 + 0.3 * Math.exp(-((l - Math.min(b, 4)) ** 2)) }));
    const v = dezoomVerdict(ladder, 4, 'constituent');
    expect(v.verdict).toBe('moves-up');
    expect(v.best.map((b) => b.best)).toEqual([0, 1, 2, 3, 4]);
    expect(mapSummary(ladder, 4, 'constituent')).toContain('the best layer moves up as spans grow');
  });

  it('calls layers within the noise a tie, and a flat map no dezoom', () => {
    const ladder = parseLadder(file({ runs: [[3, 1]], span: (_, __, b, l) => 0.8 + 0.001 * l * (b % 2 ? 1 : -1), w: 0.02 }));
    expect(bestLayer(ladder, 3, 'constituent', 0).tied).toEqual([0, 1, 2, 3]);
    expect(dezoomVerdict(ladder, 3, 'constituent').verdict).toBe('tie');
  });

  it('uses the spread between seeds as noise: seeds that disagree make a tie', () => {
    // Seed 1 peaks at the top for long spans, seed 2 at the bottom.
    const ladder = parseLadder(file({ runs: [[2, 1], [2, 2]], span: (_, s, b, l) => (b >= 3 ? 0.6 + 0.1 * (s === 1 ? l : 2 - l) : 0.7), w: 0.005 }));
    expect(bestLayer(ladder, 2, 'constituent', 4).tied).toEqual([0, 1, 2]);
  });

  it('computes the gain over layer 0 per bucket, and skips buckets without examples', () => {
    const ladder = parseLadder(file({ runs: [[2, 1]], span: (_, __, b, l) => 0.5 + 0.1 * l + 0.01 * b }));
    const gain = spanGain(ladder, 2, 'head_number');
    expect(gain[0]).toBeNull();
    gain.slice(1).forEach((row) => row!.forEach((g, l) => expect(g).toBeCloseTo(0.1 * l, 9)));
    expect(mapRows(ladder, 2, 'head_number').map((r) => r.bucket)).not.toContain('1');
    expect(dezoomVerdict(ladder, 2, 'head_number').best.map((b) => b.bucket)).toEqual([1, 2, 3, 4]);
  });

  it('finds the shallowest depth whose every seed solves a scale, or none', () => {
    const ladder = parseLadder(file({ runs: [[1, 1], [2, 1], [2, 2], [4, 1]], span: () => 0.7, scale: (d, s) => (d === 2 && s === 2 ? 0.85 : d >= 2 ? 0.95 : 0.5) }));
    expect(shallowestSolved(ladder, 'phrase')).toBe(4);
    expect(scaleBand(ladder, 2, 'phrase')).toMatchObject({ seeds: 2, lo: 0.83, hi: 0.97 });
    expect(scaleRows(ladder, [1, 2, 4])[1]!.shallowest).toBe('4');
    const none = parseLadder(file({ runs: [[1, 1]], span: () => 0.7 }));
    expect(shallowestSolved(none, 'document')).toBeNull();
  });

  it('averages effective context over seeds and says "more than the longest cut" when a vector never settles', () => {
    const ladder = parseLadder(file({ runs: [[4, 1]], span: () => 0.7 }));
    expect(effectiveContext(ladder, 4)).toEqual([1, 16, 16, null, null]);
  });
});

describe('the URL state', () => {
  it('defaults to the deepest model and the head-number probe, and falls back on anything invalid', () => {
    const schema = dezoomMapSchema([1, 2, 3, 4, 6]);
    expect(defaultState(schema)).toEqual({ depth: '6', task: 'head_number' });
    fc.assert(
      fc.property(fc.string(), fc.string(), (depth, task) => {
        const st = decodeState(schema, new URLSearchParams({ 'm.depth': depth, 'm.task': task }), 'm');
        expect(['1', '2', '3', '4', '6']).toContain(st.depth);
        expect(['constituent', 'head_number']).toContain(st.task);
      }),
    );
    expect(decodeState(schema, new URLSearchParams({ 'm.depth': '3', 'm.task': 'constituent' }), 'm')).toEqual({ depth: '3', task: 'constituent' });
  });
});

describe('the context sentence', () => {
  it('says a vector that never settles within the cuts still changes, and a settled one by its k', async () => {
    const { contextSummary } = await import('../../../widgets/dezoom-map/describe.ts');
    const ladder = parseLadder(file({ runs: [[4, 1]], span: () => 0.7 }));
    expect(contextSummary(ladder, 4)).toBe(
      'Depth 4: the last 16 tokens settle layer 1’s vector to within 10 %; the top layer’s vector still changes by more than 10 % when the text is cut to the last 128 tokens.',
    );
  });
});
