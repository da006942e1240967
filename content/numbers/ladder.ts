/**
 * Every number "Why stack layers" states about the depth ladder, read from the file `npm run models` writes
 * (public/models/hier-ladder-measurements.json) through the dezoom map's own reading of it
 * (widgets/dezoom-map/analysis.ts), so the prose, the figure and test/unit/essays/ladder-claims.test.ts agree.
 */
import measurements from '../../public/models/hier-ladder-measurements.json';
import { attentionDistance, bestLayer, depthsOf, dezoomVerdict, effectiveContext, runsAt, scaleBand, shallowestSolved, spanBand } from '../../widgets/dezoom-map/analysis.ts';
import { mapSummary } from '../../widgets/dezoom-map/describe.ts';
import { parseLadder, SCALES, type Scale } from '../../widgets/dezoom-map/ladder.ts';

export const ladder = parseLadder(measurements);
const depths = depthsOf(ladder);
const deepest = depths.at(-1)!;
const fixed = (x: number, digits = 2) => x.toFixed(digits);
const pct = (x: number) => `${Math.round(100 * x)}%`;
const us = (x: number) => x.toLocaleString('en-US');

const controls = Object.fromEntries(ladder.controls.map((c) => [c.label, { acc: pct(c.accuracy), chance: pct(c.chance) }]));
const scale = (s: Scale) => ({
  /** Accuracy among the alternatives, per depth (mean over seeds). */
  acc: Object.fromEntries(depths.map((d) => [d, pct(scaleBand(ladder, d, s).mean)])),
  chance: pct(ladder.runs[0]!.scales[s].chance),
  solvedBy: shallowestSolved(ladder, s),
});
const seconds = ladder.runs.reduce((t, r) => t + r.trainSeconds, 0);
const last = ladder.spanBuckets.length - 1;
const head = (bucket: number) => {
  const b = bestLayer(ladder, deepest, 'head_number', bucket);
  const base = spanBand(ladder, deepest, 'head_number', bucket, 0).mean;
  const top = spanBand(ladder, deepest, 'head_number', bucket, b.best).mean;
  return { layer0: pct(base), best: pct(top), bestLayer: b.best, gain: Math.round(100 * (top - base)) };
};
// Uniform attention's mean distance over the query positions measured (T/2 … T−1): position t sees t + 1 tokens, t/2 back on average.
const T = ladder.context;
const uniformDistance = Array.from({ length: T / 2 }, (_, i) => (T / 2 + i) / 2).reduce((a, b) => a + b, 0) / (T / 2);
const deepRuns = runsAt(ladder, deepest);

export const n = {
  depths: depths.join(', '),
  deepest,
  dModel: ladder.dModel,
  context: ladder.context,
  steps: us(ladder.steps),
  tokensSeen: us(ladder.steps * 8 * ladder.context),
  runs: ladder.runs.length,
  trainMinutes: Math.round(seconds / 60),
  valDocuments: us(ladder.valDocuments),
  solved: pct(ladder.solvedAccuracy),
  controls,
  scales: Object.fromEntries(SCALES.map((s) => [s, scale(s)])) as Record<Scale, ReturnType<typeof scale>>,
  /** Best layer (and the layers tied with it) per span bucket, deepest model, head-number probe. */
  headBest: dezoomVerdict(ladder, deepest, 'head_number'),
  constituentBest: dezoomVerdict(ladder, deepest, 'constituent'),
  effective: effectiveContext(ladder, deepest).map((k) => (k === null ? `more than ${ladder.cutKs.at(-1)}` : `${k}`)),
  attention: attentionDistance(ladder, deepest).map((d) => fixed(d, 0)),
  bestLayer: (task: 'head_number' | 'constituent', bucket: number) => bestLayer(ladder, deepest, task, bucket),
  /** The head-number span probe at the deepest depth: shortest noun phrases (2–3 tokens) and longest (16+). */
  headShort: head(1),
  headLong: head(last),
  headSentence: mapSummary(ladder, deepest, 'head_number'),
  uniformDistance: fixed(uniformDistance, 0),
  cutMax: ladder.cutKs.at(-1)!,
  /** How much layer 1's vector changes when the context is cut to the last cutMax tokens (deepest model, mean over seeds). */
  /** Validation loss (nats per token) per depth, mean over seeds. */
  valLoss: Object.fromEntries(depths.map((d) => [d, fixed(runsAt(ladder, d).reduce((t, r) => t + r.valLoss, 0) / runsAt(ladder, d).length, 3)])),
  /** The subject-number probe at the verb's third piece: on the embeddings (all runs' mean), and at the top layer of depths 3 and 6. */
  subjectProbe: {
    layer0: pct(ladder.runs.reduce((t, r) => t + r.probes.subject_number.accuracy[0]!, 0) / ladder.runs.length),
    top3: pct(runsAt(ladder, 3).reduce((t, r) => t + r.probes.subject_number.accuracy.at(-1)!, 0) / runsAt(ladder, 3).length),
    top6: pct(runsAt(ladder, 6).reduce((t, r) => t + r.probes.subject_number.accuracy.at(-1)!, 0) / runsAt(ladder, 6).length),
  },
  layer1Change: pct(deepRuns.reduce((t, r) => t + r.effectiveContext[1]!.at(-1)!, 0) / deepRuns.length),
};
