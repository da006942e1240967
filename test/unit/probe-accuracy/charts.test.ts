// The probe-accuracy figure (widgets/probe-accuracy/): data prepared from the committed
// transformer-measurements.json, the expected-layer ordering, the comparison with Tenney et al., the
// summaries, the charts on a linkedom document, and the URL state. Assertions check structure and
// consistency with the file, never particular measured values: the model is retrained.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, mergeIntoSearch } from '../../../widgets/runtime/url-state.ts';
import { loadMeasurements } from '../../../widgets/models/transformer/measurements-file.ts';
import { serverDocument, staticMarkup } from '../../../widgets/runtime/kit/ssr.ts';
import { TENNEY_2019 } from '../../../widgets/models/transformer/literature.ts';
import {
  LABEL_SCALES,
  expectedLayerOf,
  labelsFor,
  probeData,
  scaleOrdering,
  shownExpectedLayer,
  tenneyComparison,
  type ProbeData,
  type ProbeLabel,
} from '../../../widgets/probe-accuracy/data.ts';
import {
  accuracyRows,
  accuracySummary,
  expectedRows,
  expectedSummary,
  orderText,
  probeVerdict,
} from '../../../widgets/probe-accuracy/describe.ts';
import { accuracyPlot, expectedChartRows, expectedPlot } from '../../../widgets/probe-accuracy/plot.ts';
import { ALL_LABELS, probeAccuracySchema } from '../../../widgets/probe-accuracy/state.ts';

const m = loadMeasurements();
const data = probeData(m);
const L = m.model.n_layer;

/** A label with the given accuracies (and optionally control accuracies), its expected layers computed. */
function label(id: string, accuracy: number[], control?: number[]): ProbeLabel {
  const info = LABEL_SCALES.find((l) => l.id === id) ?? { id, scale: 'other', scaleIndex: LABEL_SCALES.length, name: id, short: id, question: '' };
  const selectivity = control ? accuracy.map((a, i) => a - control[i]!) : null;
  return {
    ...info,
    classes: ['a', 'b'],
    nVal: 100,
    majority: 0.5,
    majorityClass: 'a',
    accuracy,
    control: control ?? null,
    selectivity,
    bestLayer: accuracy.indexOf(Math.max(...accuracy)),
    expectedLayer: expectedLayerOf(accuracy, false),
    expectedLayerClipped: expectedLayerOf(accuracy, true),
    expectedLayerSelectivity: selectivity ? expectedLayerOf(selectivity, true) : null,
  };
}

/** Accuracy curves whose whole gain happens at layer `at` (of 4). */
const gainAt = (at: number) => [0.5, 0.5, 0.5, 0.5, 0.5].map((v, l) => (l >= at ? v + 0.2 : v));

describe('probe data from transformer-measurements.json', () => {
  it('lists the file’s labels, known ones in the dezoom order, with one value per residual layer', () => {
    expect(data.layers).toBe(L);
    expect(data.labels.map((l) => l.id).sort()).toEqual(Object.keys(m.probes).sort());
    const known = data.labels.filter((l) => l.scaleIndex < LABEL_SCALES.length);
    expect(known.map((l) => l.scaleIndex)).toEqual([...known.map((l) => l.scaleIndex)].sort((a, b) => a - b));
    for (const l of data.labels) {
      const p = m.probes[l.id]!;
      expect(l.accuracy).toEqual(p.per_layer_acc);
      expect(l.accuracy).toHaveLength(L + 1);
      expect(l.classes).toEqual(p.classes);
      expect(l.majority).toBe(p.majority);
      expect(l.majorityClass).toBe(p.majority_class);
      expect(l.expectedLayer).toBe(p.expected_layer);
      expect(l.expectedLayerClipped).toBe(p.expected_layer_clipped);
      expect(l.control).toEqual(p.control_acc ?? null);
      if (p.selectivity) expect(l.selectivity).toEqual(p.selectivity);
      if (l.control && l.selectivity) {
        l.selectivity.forEach((s, i) => expect(s).toBeCloseTo(l.accuracy[i]! - l.control![i]!, 3));
      }
    }
  });

  it('covers the five scales of the dezoom, sub-word to document', () => {
    expect(LABEL_SCALES.map((l) => l.scale)).toEqual(['sub-word', 'word', 'phrase', 'sentence', 'document']);
    expect(LABEL_SCALES.map((l) => l.id)).toEqual(['word_start', 'upos', 'chunk', 'sentpos', 'genre']);
    for (const info of LABEL_SCALES) expect(Object.keys(m.probes), `the file has ${info.id}`).toContain(info.id);
  });

  it('the file’s expected layers are Tenney’s Σℓ·Δℓ / ΣΔℓ of its own accuracies', () => {
    for (const l of data.labels) {
      for (const [clipped, fileValue] of [
        [false, l.expectedLayer],
        [true, l.expectedLayerClipped],
      ] as const) {
        const recomputed = expectedLayerOf(l.accuracy, clipped);
        if (fileValue === null) {
          // Null in the file means "gain below half a point"; the rounded accuracies may sit at the edge.
          if (recomputed !== null) expect(Math.abs(l.accuracy.at(-1)! - l.accuracy[0]!)).toBeLessThan(0.02);
        } else {
          expect(recomputed, `${l.id} ${clipped ? 'clipped' : 'signed'}`).not.toBeNull();
          // Accuracies are rounded to 4 decimals in the file, so the ratio can move a little.
          expect(recomputed!).toBeCloseTo(fileValue, 1);
        }
      }
      if (l.expectedLayerClipped !== null) {
        expect(l.expectedLayerClipped).toBeGreaterThanOrEqual(1);
        expect(l.expectedLayerClipped).toBeLessThanOrEqual(L);
      }
    }
  });

  it('expectedLayerOf: hand values', () => {
    expect(expectedLayerOf(gainAt(1), true)).toBeCloseTo(1);
    expect(expectedLayerOf(gainAt(3), true)).toBeCloseTo(3);
    expect(expectedLayerOf([0.5, 0.6, 0.7, 0.7, 0.7], true)).toBeCloseTo(1.5);
    // A loss after a gain: the signed version moves away from the lossy layer (here below 1), the clipped one not.
    expect(expectedLayerOf([0.5, 0.7, 0.7, 0.7, 0.65], false)).toBeCloseTo((1 * 0.2 - 4 * 0.05) / 0.15);
    expect(expectedLayerOf([0.5, 0.7, 0.7, 0.7, 0.65], true)).toBeCloseTo(1);
    expect(expectedLayerOf([0.9, 0.8, 0.7, 0.6, 0.5], true)).toBeNull();
    expect(expectedLayerOf([0.5, 0.5, 0.5, 0.5, 0.5], false)).toBeNull();
  });
});

describe('ordering by expected layer', () => {
  it('is consistent with the file: sorted, inversions exactly the pairs out of scale order', () => {
    for (const metric of ['accuracy', 'selectivity'] as const) {
      const o = scaleOrdering(data, metric);
      const values = o.ranked.map((r) => r.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      const applicable = labelsFor(data, metric).filter((l) => l.scaleIndex < LABEL_SCALES.length);
      expect([...o.ranked.map((r) => r.id), ...o.missing].sort()).toEqual(applicable.map((l) => l.id).sort());
      for (const id of o.missing) expect(shownExpectedLayer(data.labels.find((l) => l.id === id)!, metric)).toBeNull();
      const expected: [string, string][] = [];
      const ranked = applicable.filter((l) => shownExpectedLayer(l, metric) !== null);
      for (const a of ranked) {
        for (const b of ranked) {
          if (a.scaleIndex < b.scaleIndex && shownExpectedLayer(b, metric)! < shownExpectedLayer(a, metric)!) expected.push([a.id, b.id]);
        }
      }
      expect(o.inversions.map((p) => p.join('>')).sort()).toEqual(expected.map((p) => p.join('>')).sort());
      expect(o.matches).toBe(o.ranked.length >= 2 && expected.length === 0);
    }
  });

  const synthetic = (labels: ProbeLabel[]): ProbeData => ({ layers: 4, labels });

  it('says "matches" for labels gained in the dezoom order', () => {
    const d = synthetic([label('word_start', [0.9, 0.8, 0.7, 0.6, 0.5]), label('upos', gainAt(1)), label('chunk', gainAt(2)), label('sentpos', gainAt(3)), label('genre', gainAt(4))]);
    const o = scaleOrdering(d);
    expect(o.ranked.map((r) => r.id)).toEqual(['upos', 'chunk', 'sentpos', 'genre']);
    expect(o.missing).toEqual(['word_start']);
    expect(o.inversions).toEqual([]);
    expect(o.matches).toBe(true);
    expect(probeVerdict(d, 'accuracy')).toMatch(/, the dezoom order/);
    expect(expectedSummary(d, 'accuracy')).toMatch(/which follows the dezoom order/);
    expect(expectedSummary(d, 'accuracy')).toMatch(/word start has none \(its accuracy does not rise after the embedding\)/);
  });

  it('names every inversion when a higher scale comes first', () => {
    const d = synthetic([label('upos', gainAt(3)), label('chunk', gainAt(2)), label('genre', gainAt(1))]);
    const o = scaleOrdering(d);
    expect(o.ranked.map((r) => r.id)).toEqual(['genre', 'chunk', 'upos']);
    expect(o.inversions).toEqual([
      ['upos', 'chunk'],
      ['upos', 'genre'],
      ['chunk', 'genre'],
    ]);
    expect(o.matches).toBe(false);
    const text = expectedSummary(d, 'accuracy');
    expect(text).toMatch(/does not follow the dezoom order/);
    expect(text).toMatch(/genre comes before part of speech and noun-phrase chunk/);
    expect(text).toMatch(/noun-phrase chunk comes before part of speech/);
    expect(probeVerdict(d, 'accuracy')).toMatch(/not the dezoom order/);
  });

  it('does not count ties as inversions, and needs two ranked labels to match', () => {
    expect(scaleOrdering(synthetic([label('upos', gainAt(2)), label('genre', gainAt(2))])).matches).toBe(true);
    const one = scaleOrdering(synthetic([label('upos', gainAt(2)), label('genre', [0.6, 0.6, 0.6, 0.6, 0.6])]));
    expect(one.matches).toBe(false);
    expect(one.missing).toEqual(['genre']);
    expect(probeVerdict(synthetic([label('upos', gainAt(2))]), 'accuracy')).toMatch(/too few labels/);
  });

  it('leaves labels of unknown scale out of the ordering', () => {
    const d = synthetic([label('upos', gainAt(2)), label('genre', gainAt(3)), label('mystery', gainAt(1))]);
    expect(scaleOrdering(d).ranked.map((r) => r.id)).toEqual(['upos', 'genre']);
    expect(scaleOrdering(d).matches).toBe(true);
  });

  it('for selectivity, only ranks labels with a control task', () => {
    const d = synthetic([label('upos', gainAt(3), [0.4, 0.4, 0.4, 0.4, 0.4]), label('chunk', gainAt(1), [0.3, 0.3, 0.3, 0.3, 0.3]), label('genre', gainAt(1))]);
    const o = scaleOrdering(d, 'selectivity');
    expect(o.ranked.map((r) => r.id)).toEqual(['chunk', 'upos']);
    expect(o.matches).toBe(false);
    expect(accuracySummary(d, 'selectivity', ALL_LABELS)).toMatch(/Genre has no control task/);
  });
});

describe('beside Tenney et al. (2019)', () => {
  it('keeps the published numbers in one module, cited', () => {
    expect(TENNEY_2019.citation).toBe('tenney2019bert');
    expect(TENNEY_2019.layers).toBe(24);
    expect(Object.fromEntries(TENNEY_2019.tasks.map((t) => [t.id, t.expectedLayer]))).toEqual({
      pos: 3.39,
      consts: 3.79,
      deps: 5.69,
      entities: 4.64,
      srl: 6.54,
      coref: 9.47,
    });
  });

  it('normalises both models to a share of their depth', () => {
    const cmp = tenneyComparison(data);
    for (const p of cmp.ours) expect(p.fraction).toBeCloseTo(p.value / L, 10);
    for (const t of cmp.theirs) expect(t.fraction).toBeCloseTo(t.value / 24, 10);
    expect(cmp.ours.map((p) => p.id).sort()).toEqual(data.labels.filter((l) => l.expectedLayerClipped !== null).map((l) => l.id).sort());
    expect(cmp.sharedPair.theirsFirst).toBe('pos');
    const upos = data.labels.find((l) => l.id === 'upos')!.expectedLayerClipped;
    const chunk = data.labels.find((l) => l.id === 'chunk')!.expectedLayerClipped;
    if (upos !== null && chunk !== null) {
      expect(cmp.sharedPair.oursFirst).toBe(upos <= chunk ? 'upos' : 'chunk');
      expect(cmp.sharedPair.sameOrder).toBe(upos <= chunk);
    }
  });
});

describe('summaries and tables', () => {
  it('chart 1’s summary names every label and says whether each beats its baseline', () => {
    const text = accuracySummary(data, 'accuracy', ALL_LABELS);
    for (const l of data.labels) expect(text.toLowerCase()).toContain(l.name.toLowerCase());
    expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
    const highlighted = accuracySummary(data, 'accuracy', 'upos');
    expect(highlighted).toMatch(/Highlighted: Part of speech \(word\)/);
    expect(highlighted).toContain(`“${data.labels.find((l) => l.id === 'upos')!.majorityClass}”`);
  });

  it('chart 2’s summary states the computed order and whether it is the dezoom order', () => {
    for (const metric of ['accuracy', 'selectivity'] as const) {
      const o = scaleOrdering(data, metric);
      const text = expectedSummary(data, metric);
      expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
      if (o.ranked.length >= 2) {
        expect(text).toContain(orderText(data, o));
        expect(text).toContain(o.matches ? 'which follows the dezoom order' : 'which does not follow the dezoom order');
      }
      expect(text).toContain('Tenney et al. (2019), BERT-large (24 layers)');
      expect(probeVerdict(data, metric)).toContain(o.matches ? ', the dezoom order' : 'not the dezoom order');
    }
  });

  it('tables carry every layer of every label, and the control task where there is one', () => {
    const rows = accuracyRows(data);
    for (const row of rows) expect(row.cells).toHaveLength(L + 1);
    for (const l of data.labels) {
      expect(rows.filter((r) => r.id === l.id).map((r) => r.series)).toEqual(
        l.control ? ['accuracy', 'control', 'selectivity'] : ['accuracy'],
      );
    }
    expect(expectedRows(data, 'accuracy').map((r) => r.id)).toEqual(data.labels.map((l) => l.id));
  });
});

describe('charts on a linkedom document', () => {
  it('draws chart 1 in every state as one accessible svg', () => {
    const seen = new Set<string>();
    for (const metric of ['accuracy', 'selectivity'] as const) {
      for (const lab of [ALL_LABELS, ...data.labels.map((l) => l.id)]) {
        for (const width of [240, 360, 640, 1000]) {
          const node = accuracyPlot(data, { metric, label: lab }, { document: serverDocument(), width });
          expect(node.tagName.toLowerCase()).toBe('svg');
          expect(node.getAttribute('role')).toBe('img');
          expect(node.getAttribute('aria-label')).toBe(accuracySummary(data, metric, lab));
          expect(node.querySelectorAll('[aria-label]')).toHaveLength(0);
          const html = node.outerHTML;
          expect(html).not.toMatch(/NaN|undefined/);
          expect(html).toContain('var(--dz-scale-');
          if (width === 640) seen.add(html);
        }
      }
    }
    // Metric and highlight each change the drawing.
    expect(seen.size).toBe(2 * (data.labels.length + 1));
  });

  it('draws chart 2 with a row per label and per Tenney task', () => {
    for (const metric of ['accuracy', 'selectivity'] as const) {
      const rows = expectedChartRows(data, metric);
      expect(rows.filter((r) => r.key.startsWith('ours:'))).toHaveLength(data.labels.length);
      expect(rows.filter((r) => r.key.startsWith('tenney:'))).toHaveLength(TENNEY_2019.tasks.length);
      for (const r of rows.filter((x) => x.key.startsWith('ours:'))) {
        expect(r.fraction === null).toBe(r.note !== '');
        if (r.fraction !== null) expect(r.fraction).toBeCloseTo(r.value! / L, 10);
      }
      for (const width of [240, 640]) {
        const node = expectedPlot(data, { metric }, { document: serverDocument(), width });
        expect(node.getAttribute('role')).toBe('img');
        expect(node.getAttribute('aria-label')).toBe(expectedSummary(data, metric));
        expect(node.querySelectorAll('[aria-label]')).toHaveLength(0);
        expect(node.outerHTML).not.toMatch(/NaN|undefined/);
      }
    }
  });

  it('static markup escapes ampersands in attributes, so the HTML parser reads back the same text', () => {
    const node = accuracyPlot(data, { metric: 'selectivity', label: ALL_LABELS }, { document: serverDocument(), width: 640 });
    node.setAttribute('data-test', 'R&amp;D & co');
    const html = staticMarkup(node);
    expect(html).toContain('Hewitt &amp; Liang');
    expect(html).toContain('data-test="R&amp;amp;D &amp; co"');
    const reparsed = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.querySelector('svg')!;
    expect(reparsed.getAttribute('data-test')).toBe('R&amp;D & co');
    expect(reparsed.getAttribute('aria-label')).toBe(accuracySummary(data, 'selectivity', ALL_LABELS));
  });
});

describe('URL state', () => {
  const ids = data.labels.map((l) => l.id);
  const schema = probeAccuracySchema(ids);

  it('defaults to accuracy and all labels, and writes nothing for the defaults', () => {
    expect(defaultState(schema)).toEqual({ metric: 'accuracy', label: ALL_LABELS });
    expect(encodeState(schema, defaultState(schema), 'probes')).toEqual([]);
  });

  it('round-trips every valid state under a namespace and on the embed page', () => {
    for (const metric of ['accuracy', 'selectivity'] as const) {
      for (const lab of [ALL_LABELS, ...ids]) {
        for (const ns of ['probes', '']) {
          const search = mergeIntoSearch('?other=1', schema, { metric, label: lab }, ns);
          expect(search).toContain('other=1');
          expect(decodeState(schema, search, ns)).toEqual({ metric, label: lab });
        }
      }
    }
  });

  it('falls back to the defaults on hostile values', () => {
    const hostile = [
      'probes.metric=<script>alert(1)</script>&probes.label=<img src=x onerror=alert(1)>',
      'probes.metric=ACCURACY&probes.label=UPOS',
      'probes.metric=selectivity%00&probes.label=upos%20',
      'probes.label=__proto__&probes.metric=constructor',
      'probes.label=toString&probes.metric=hasOwnProperty',
      `probes.label=${'a'.repeat(5000)}&probes.metric=${'9'.repeat(5000)}`,
      'probes.metric=%E0%A4%A&probes.label=%ZZ',
      'probes.label=%ED%A0%80&probes.metric=%F0%9F%90%88',
      'probes.metric=&probes.label=',
      'probes.label=all,upos&probes.metric=accuracy;selectivity',
    ];
    for (const q of hostile) expect(decodeState(schema, q, 'probes'), q).toEqual({ metric: 'accuracy', label: ALL_LABELS });
    // One bad field does not take the other down.
    expect(decodeState(schema, 'probes.metric=selectivity&probes.label=<b>', 'probes')).toEqual({ metric: 'selectivity', label: ALL_LABELS });
    // Namespaces do not leak: plain keys are the embed page's, namespaced ones the article's.
    expect(decodeState(schema, 'metric=selectivity', 'probes').metric).toBe('accuracy');
    expect(decodeState(schema, 'probes.metric=selectivity', '').metric).toBe('accuracy');
  });

  it('never decodes an arbitrary string to a value outside the schema', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }), (metric, lab) => {
        const params = new URLSearchParams({ 'probes.metric': metric, 'probes.label': lab });
        const st = decodeState(schema, params, 'probes');
        expect(['accuracy', 'selectivity']).toContain(st.metric);
        expect([ALL_LABELS, ...ids]).toContain(st.label);
      }),
    );
  });

  it('takes a figure’s defaults from its props, and ignores invalid ones', () => {
    expect(defaultState(probeAccuracySchema(ids, { metric: 'selectivity', label: 'genre' }))).toEqual({ metric: 'selectivity', label: 'genre' });
    expect(defaultState(probeAccuracySchema(ids, { metric: 'bogus', label: 'nope' }))).toEqual({ metric: 'accuracy', label: ALL_LABELS });
  });
});
