/**
 * The attention-reach figure in words: chart summaries (text alternatives), the verdict line, the
 * comparison with Vig & Belinkov (2019), and the data tables. Pure functions of the prepared data.
 */
import { VIG_BELINKOV_2019 } from '../models/transformer/literature.ts';
import { listText, num, pct } from '../runtime/kit/format.ts';
import {
  depthRows,
  distanceOf,
  headsOf,
  reachShape,
  uniformDistance,
  type ReachData,
  type ShapeResult,
} from './data.ts';

const one = (x: number) => num(x, 1);

function range(xs: readonly number[]): string {
  return `${one(Math.min(...xs))}–${one(Math.max(...xs))}`;
}

function withFirstText(includeFirst: boolean): string {
  return includeFirst ? 'all positions' : 'without the window’s first position';
}

/** "U-shaped: lowest at layer 2, farthest at layer 1" and the like. */
export function shapeText(shape: ShapeResult, layers: number): string {
  switch (shape.shape) {
    case 'increasing':
      return `growing with depth, farthest at layer ${shape.maxLayer}`;
    case 'decreasing':
      return `shrinking with depth, farthest at layer ${shape.maxLayer}`;
    case 'U-shaped':
      return `U-shaped: lowest at layer ${shape.minLayer}, farthest at layer ${shape.maxLayer}`;
    case 'inverted U':
      return `an inverted U: farthest at layer ${shape.maxLayer}, lowest at layer ${shape.minLayer}`;
    case 'flat':
      return `flat across the ${layers} layers`;
    case 'zigzag':
      return `neither monotonic nor U-shaped (it changes direction more than once): farthest at layer ${shape.maxLayer}, lowest at layer ${shape.minLayer}`;
  }
}

/** How the per-layer shape compares with GPT-2 small's (Vig & Belinkov 2019). */
export function vigComparison(shape: ShapeResult, layers: number): string {
  const v = VIG_BELINKOV_2019;
  const theirs = `${v.authors} found ${v.model}’s mean distance U-shaped, with the deepest layers reaching farthest`;
  switch (shape.shape) {
    case 'U-shaped':
      return shape.maxLayer === layers
        ? `${theirs}; this model shows the same pattern.`
        : `${theirs}; this model has the U, but its layer ${shape.maxLayer} reaches farthest, not its deepest.`;
    case 'increasing':
      return `${theirs}; this model’s reach grows steadily instead, without the dip.`;
    case 'decreasing':
      return `${theirs}; this model’s reach shrinks with depth instead, the opposite trend.`;
    case 'inverted U':
      return `${theirs}; this model’s is the other way up: its middle layers reach farthest.`;
    case 'flat':
      return `${theirs}; this model’s layers all reach about as far.`;
    case 'zigzag':
      return `${theirs}; this model’s goes up and down more than once, so it matches neither a U nor a trend.`;
  }
}

/** The aria-live line. */
export function reachVerdict(data: ReachData, includeFirst: boolean): string {
  const shape = reachShape(data, includeFirst);
  const means = data.perLayer.map((l) => one(distanceOf(l, includeFirst))).join(', ');
  return (
    `Mean attention distance by layer (${withFirstText(includeFirst)}): ${means} tokens, against ${one(uniformDistance(data, includeFirst))} for uniform attention; ` +
    `${shapeText(shape, data.layers)}.`
  );
}

/** Text alternative of the distance chart. */
export function distanceSummary(data: ReachData, includeFirst: boolean): string {
  const shape = reachShape(data, includeFirst);
  const perLayer = data.perLayer.map((l) => {
    const heads = headsOf(data, l.layer).map((h) => distanceOf(h, includeFirst));
    return `layer ${l.layer} ${one(distanceOf(l, includeFirst))} (heads ${range(heads)})`;
  });
  const sds = data.perLayer.map((l) => l.sdDistance);
  const farthest = [...data.perHead].sort((a, b) => distanceOf(b, includeFirst) - distanceOf(a, includeFirst))[0];
  let text =
    `Dot chart of each head’s mean attention distance in tokens (${withFirstText(includeFirst)}), by layer 1 to ${data.layers}, ` +
    `with the layer mean as a line and uniform attention (${one(uniformDistance(data, includeFirst))} tokens) as a dashed line: ` +
    `${listText(perLayer)}. The layer means are ${shapeText(shape, data.layers)}. ${vigComparison(shape, data.layers)}`;
  text += ` Heads within a layer differ by ${range(sds)} tokens (standard deviation; ${VIG_BELINKOV_2019.sdOverHeads} in ${VIG_BELINKOV_2019.model})`;
  if (farthest) {
    text += `; the farthest-looking head, layer ${farthest.layer} head ${farthest.head + 1}, averages ${one(distanceOf(farthest, includeFirst))} tokens`;
  }
  text += '.';
  return text;
}

/** Text alternative of the entropy chart. */
export function entropySummary(data: ReachData): string {
  const v = VIG_BELINKOV_2019;
  const perLayer = data.perLayer.map((l) => `layer ${l.layer} ${num(l.entropy)}`);
  const maxFirst = Math.max(...data.perHead.map((h) => h.firstTokenShare));
  let text =
    `Dot chart of each head’s attention entropy in nats by layer, with the layer mean as a line and uniform attention ` +
    `(${num(data.uniform.entropy)} nats) as a dashed line: ${listText(perLayer)}.`;
  if (data.distanceEntropyR !== null) {
    text += ` Across heads, distance and entropy correlate with r = ${num(data.distanceEntropyR)} (${num(v.distanceEntropyR)} in ${v.model}).`;
  }
  text +=
    ` No head puts more than ${pct(maxFirst, 0)} of its weight on the first position` +
    (data.firstTokenHeads.length
      ? `; ${data.firstTokenHeads.length} put more than half there`
      : ` (uniform attention: ${pct(data.uniform.firstTokenShare, 1)}; ${v.model}: ${pct(v.firstTokenShare, 0)} on the first token)`) +
    '.';
  return text;
}

/** Text alternative of the reach-by-depth chart. */
export function depthSummary(data: ReachData, includeFirst: boolean): string {
  const rows = depthRows(data, includeFirst);
  const L = data.layers;
  const measured = rows.filter((r) => r.measured !== null).map((r) => one(r.measured!));
  return (
    `Line chart of reach against depth 0 to ${L}: a stack of 3-wide convolutions has a receptive field of ` +
    `${rows.map((r) => r.conv).join(', ')} positions (1 + 2ℓ, two more per layer by construction); ` +
    `full causal attention can reach the whole context, ${data.context} positions, from layer 1 on; ` +
    `this model’s attention puts its weight on average ${measured.join(', ')} tokens back at layers 1 to ${L} ` +
    `(uniform attention: ${one(uniformDistance(data, includeFirst))}). A convolution’s reach is fixed by its kernel; attention’s is whatever training chose.`
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface HeadRow {
  key: string;
  layer: number;
  head: number;
  distance: string;
  distanceExclFirst: string;
  entropy: string;
  firstToken: string;
  prevToken: string;
  kind: string;
  isMean: boolean;
}

/** Per layer: each head, then the layer mean (whose kind column gives the heads' spread). */
export function headRows(data: ReachData): HeadRow[] {
  return data.perLayer.flatMap((l) => [
    ...headsOf(data, l.layer).map((h) => ({
      key: `${h.layer}:${h.head}`,
      layer: h.layer,
      head: h.head + 1,
      distance: one(h.distance),
      distanceExclFirst: one(h.distanceExclFirst),
      entropy: num(h.entropy),
      firstToken: pct(h.firstTokenShare),
      prevToken: pct(h.prevTokenShare),
      kind: h.kind,
      isMean: false,
    })),
    {
      key: `${l.layer}:mean`,
      layer: l.layer,
      head: 0,
      distance: one(l.distance),
      distanceExclFirst: one(l.distanceExclFirst),
      entropy: num(l.entropy),
      firstToken: pct(l.firstTokenShare),
      prevToken: pct(l.prevTokenShare),
      kind: `heads’ SD ${one(l.sdDistance)}`,
      isMean: true,
    },
  ]);
}

/** The uniform-attention reference as a row of the heads table. */
export function uniformRow(data: ReachData): HeadRow {
  const u = data.uniform;
  return {
    key: 'uniform',
    layer: 0,
    head: 0,
    distance: one(u.distance),
    distanceExclFirst: one(u.distanceExclFirst),
    entropy: num(u.entropy),
    firstToken: pct(u.firstTokenShare),
    prevToken: pct(u.prevTokenShare),
    kind: 'reference',
    isMean: true,
  };
}

export interface DepthTableRow {
  depth: number;
  conv: string;
  full: string;
  measured: string;
}

export function depthTableRows(data: ReachData, includeFirst: boolean): DepthTableRow[] {
  return depthRows(data, includeFirst).map((r) => ({
    depth: r.depth,
    conv: String(r.conv),
    full: String(r.full),
    measured: r.measured === null ? '—' : one(r.measured),
  }));
}
