/**
 * The logit lens for one position as rows a table and a chart can show: per residual layer the
 * top next tokens (readable, leading spaces marked), KL(final ‖ layer) in bits, where the final
 * layer's top token ranks, and the validation set's average KL at that layer
 * (transformer-measurements.json, logit_lens; stored in nats). Pure: the build-time figure and the
 * browser shape lensLayers' output with the same code.
 */
import { NATS_PER_BIT } from '../models/transformer/numerics.ts';
import type { LensLayer } from '../models/transformer/logit-lens.ts';
import { percent, readableToken, spokenToken } from '../models/transformer/live/text.ts';

export interface LensToken {
  /** Shown: "␣the", "↵". */
  text: string;
  /** For a screen reader: "space the", "newline". */
  spoken: string;
  /** Rounded to 4 decimals. */
  prob: number;
}

export interface LensRow {
  layer: number;
  top: LensToken[];
  klBits: number;
  /** Validation average KL at this layer, in bits; null when the measurements do not have it. */
  averageKlBits: number | null;
  /** 1-based rank of the final layer's most likely token under this layer. */
  finalRank: number;
  finalProb: number;
}

export interface LensView {
  /** Token position the lens reads (0-based), and that token as shown. */
  position: number;
  token: LensToken;
  /** The final layer's most likely next token. */
  finalTop: LensToken;
  rows: LensRow[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

function lensToken(display: string, prob = 0): LensToken {
  return { text: readableToken(display), spoken: spokenToken(display), prob: round(prob, 4) };
}

/** KL per layer in bits from the measurements' nats (the file stores nats, the view shows bits). */
export function averageKlBits(layersKlNats: readonly number[]): number[] {
  return layersKlNats.map((k) => round(k / NATS_PER_BIT, 3));
}

/**
 * `layers` is lensLayers' output for the position; `tokenDisplay` is that token's Piece.display;
 * `averageBits` the validation average per layer (same length as `layers`, or empty).
 */
export function lensView(layers: readonly LensLayer[], position: number, tokenDisplay: string, averageBits: readonly number[]): LensView {
  if (layers.length === 0) throw new RangeError('the lens needs at least one layer');
  const final = layers[layers.length - 1]!.top[0]!;
  return {
    position,
    token: lensToken(tokenDisplay),
    finalTop: lensToken(final.display, final.prob),
    rows: layers.map((l) => ({
      layer: l.layer,
      top: l.top.map((t) => lensToken(t.display, t.prob)),
      // A KL of −1e-17 from rounding is 0.
      klBits: round(Math.max(0, l.klBits), 3),
      averageKlBits: averageBits[l.layer] ?? null,
      finalRank: l.finalTopRank + 1,
      finalProb: round(l.finalTopProb, 6),
    })),
  };
}

function layerName(layer: number): string {
  return layer === 0 ? 'Layer 0 (embedding)' : `Layer ${layer}`;
}

export function bits(x: number): string {
  return x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function rankText(row: LensRow): string {
  return row.finalRank === 1 ? '1st' : `#${row.finalRank.toLocaleString('en-US')} (${percent(row.finalProb)})`;
}

/** One sentence for the chart's text alternative and the live region. */
export function lensSummary(view: LensView): string {
  const rows = view.rows;
  const last = rows[rows.length - 1]!;
  // The first layer from which every layer above it agrees with the final top token.
  let firstTop = rows.length - 1;
  while (firstTop > 0 && rows[firstTop - 1]!.finalRank === 1) firstTop--;
  const where =
    firstTop === rows.length - 1
      ? 'only the last layer ranks it first'
      : `it is ranked first from ${layerName(firstTop).toLowerCase()} on`;
  const kl = rows
    .slice(0, -1)
    .map((r) => `${r.layer}: ${bits(r.klBits)}`)
    .join(', ');
  return (
    `After token ${view.position + 1} (“${view.token.spoken}”) the model's top next token is “${last.top[0]!.spoken}” ` +
    `(${percent(last.top[0]!.prob)}); ${where}. KL from the final layer, in bits, by layer: ${kl}, ${last.layer}: 0.`
  );
}

export interface KlPoint {
  layer: number;
  bits: number;
  series: 'position' | 'average';
}

/** The chart's data: this position's KL by layer, and the validation average where known. */
export function klPoints(view: LensView): KlPoint[] {
  const points: KlPoint[] = view.rows.map((r) => ({ layer: r.layer, bits: r.klBits, series: 'position' }));
  for (const r of view.rows) if (r.averageKlBits !== null) points.push({ layer: r.layer, bits: r.averageKlBits, series: 'average' });
  return points;
}

/** The default view of the logit lens, computed at build time: the token strip and the lens at the last token. */
export interface InitialLens {
  text: string;
  /** Each token's Piece.display, in order. */
  pieces: string[];
  view: LensView;
}
