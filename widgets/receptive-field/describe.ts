/**
 * Words and numbers for the widget: the formula line, the live summary and the data table.
 * Pure functions, so that the static HTML, the live view and the tests all say the same thing.
 */
import {
  asKernel,
  spanStats,
  theoreticalReceptiveFields,
  type Cone,
  type Layer,
  type ReceptiveField,
  type SpanStats,
} from './receptive-field.ts';

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]!);
}

function layerKindLabel(layer: Layer): string {
  switch (layer.kind) {
    case 'conv':
      return 'Convolution';
    case 'local-attention':
      return 'Local attention';
    case 'global-attention':
      return 'Global attention';
  }
}

function layerParamsLabel(layer: Layer): string {
  switch (layer.kind) {
    case 'conv':
      return `k=${layer.kernel}, s=${layer.stride}, d=${layer.dilation}`;
    case 'local-attention':
      return `w=${layer.window}`;
    case 'global-attention':
      return 'whole prefix';
  }
}

function rfLabel(rf: ReceptiveField, n: number): string {
  return rf.unbounded ? `all (${n} here)` : String(rf.size);
}

/** e.g. "r₃ = 1 + 2·1 + 2·1 + 2·2 = 9": each term is (k − 1)·(d · product of strides below). */
export function formulaText(layers: readonly Layer[]): string {
  const depth = layers.length;
  const r = `r${subscript(depth)}`;
  const globalAt = layers.findIndex((layer) => layer.kind === 'global-attention');
  if (globalAt >= 0) {
    return `${r} = the whole prefix: global attention at layer ${globalAt + 1} sees every earlier position`;
  }
  if (depth === 0) return `${r} = 1`;
  const stats = theoreticalReceptiveFields(layers);
  const terms = layers.map((layer, i) => {
    const k = asKernel(layer)!;
    return `${k.kernel - 1}·${k.dilation * stats[i]!.jump}`;
  });
  return `${r} = 1 + ${terms.join(' + ')} = ${stats[depth]!.rf.size}`;
}

export function rangeLabel(stats: SpanStats): string {
  return stats.first === stats.last ? String(stats.first) : `${stats.first}–${stats.last}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** e.g. "Output 32 at layer 6 sees inputs 26–38 (13 positions)." */
export function coneSummary(layers: readonly Layer[], cone: Cone): string {
  const depth = layers.length;
  const seen = spanStats(cone.positions[0]!);
  const head = `Output ${cone.output} at layer ${depth} sees`;
  if (seen.count === 0) {
    // Centred even or dilated kernels near a short layer's edge can land only on padding.
    return `${head} no input position: near the edge its kernels land only on padding.`;
  }
  let text =
    seen.count === seen.span
      ? `${head} inputs ${rangeLabel(seen)} (${plural(seen.count, 'position')})`
      : `${head} ${plural(seen.count, 'input')} spread over ${rangeLabel(seen)} (span ${seen.span}, with gaps)`;
  const rf = theoreticalReceptiveFields(layers)[depth]!.rf;
  if (!rf.unbounded && rf.size > seen.span) {
    text += `; the sequence edge clips its theoretical field of ${rf.size}`;
  } else if (rf.unbounded) {
    text += `: global attention reaches its whole prefix, however long the sequence`;
  }
  return `${text}.`;
}

export interface LayerRow {
  depth: number;
  kind: string;
  params: string;
  /** Positions in this layer (strides shorten later layers). */
  length: number;
  theoretical: string;
  cone: SpanStats;
  jump: number;
}

/** One row per depth, input (depth 0) first: the text alternative to the plot and the strip. */
export function layerRows(layers: readonly Layer[], cone: Cone, n: number): LayerRow[] {
  const stats = theoreticalReceptiveFields(layers);
  return stats.map(({ depth, rf, jump }) => {
    const layer = depth === 0 ? null : layers[depth - 1]!;
    return {
      depth,
      kind: layer ? layerKindLabel(layer) : 'Input',
      params: layer ? layerParamsLabel(layer) : '—',
      length: cone.lengths[depth]!,
      theoretical: rfLabel(rf, n),
      cone: spanStats(cone.positions[depth]!),
      jump,
    };
  });
}
