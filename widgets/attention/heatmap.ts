/**
 * The heatmap of one head's attention: rows are queries, columns keys, shade ∝ √weight (so that weights
 * of a few percent stay visible next to 0.9); the upper triangle is blank because a causal model never
 * looks ahead.
 *
 * Two ways to draw it, on the same layout:
 * - at build time (`heatmapPlot`), one Observable Plot `rect` per visible cell (T(T+1)/2 of them), so
 *   the static page shows the real chart without JavaScript;
 * - in the browser, the cells go on a canvas (`cellAlphas`, then heatmap-canvas.ts) under an
 *   axes-only Plot svg (`heatmapFrame`). The figure redraws the cells on every keystroke: a Plot
 *   rebuild (scales, up to 8,256 rects or a PNG-encoded raster, then style and layout of the new svg)
 *   took most of the keystroke's time, while a canvas redraw is one image. The axes are rebuilt only
 *   when the layout or the tick labels change.
 *
 * The layout (margins, an integer cell size) is computed here rather than by Plot, so the view can place
 * the canvas, overlay the focused row and column, and map the pointer to a cell without asking Plot.
 */
import * as Plot from "@observablehq/plot";
import { accessiblePlot } from "../runtime/accessible-plot.ts";

/** The width the build draws the static chart for (the view redraws at its box's width once live). */
export const SSR_WIDTH = 640;
/** Tokens up to which every tick is a token's text; beyond, positions every few tokens. */
const TOKEN_TICKS_UP_TO = 32;
const MIN_CELL = 4;
const MAX_CELL = 32;

export interface HeatmapLayout {
  T: number;
  cell: number;
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  /** Ticks show the tokens' text (true) or their positions. */
  tokenTicks: boolean;
}

export function heatmapLayout(T: number, available: number): HeatmapLayout {
  const n = Math.max(1, Math.floor(T));
  const tokenTicks = n <= TOKEN_TICKS_UP_TO;
  const marginLeft = tokenTicks ? 84 : 44;
  const marginBottom = tokenTicks ? 76 : 40;
  // Room for the y axis label above the grid when the ticks are positions.
  const marginTop = tokenTicks ? 8 : 22;
  const marginRight = 8;
  const room = Math.floor(
    (Number.isFinite(available) ? available : 640) - marginLeft - marginRight,
  );
  const cell = Math.min(MAX_CELL, Math.max(MIN_CELL, Math.floor(room / n)));
  return {
    T: n,
    cell,
    width: marginLeft + marginRight + cell * n,
    height: marginTop + marginBottom + cell * n,
    marginTop,
    marginRight,
    marginBottom,
    marginLeft,
    tokenTicks,
  };
}

/** Top-left corner of cell (query, key) in the plot's pixels. */
export function cellOrigin(
  layout: HeatmapLayout,
  query: number,
  key: number,
): { x: number; y: number } {
  return {
    x: layout.marginLeft + key * layout.cell,
    y: layout.marginTop + query * layout.cell,
  };
}

/** The cell under a point in the plot's pixels, or null outside the grid or above the diagonal. */
export function cellAt(
  layout: HeatmapLayout,
  x: number,
  y: number,
): { query: number; key: number } | null {
  const key = Math.floor((x - layout.marginLeft) / layout.cell);
  const query = Math.floor((y - layout.marginTop) / layout.cell);
  if (
    !(key >= 0 && query >= 0 && key < layout.T && query < layout.T) ||
    key > query
  )
    return null;
  return { query, key };
}

/** Tick positions (0-based tokens): every token when they fit, else about every 10 %, from 1. */
export function tickTokens(T: number): number[] {
  if (T <= TOKEN_TICKS_UP_TO) return Array.from({ length: T }, (_, i) => i);
  const step = T <= 64 ? 5 : 10;
  const ticks = [0];
  for (let p = step; p <= T; p += step) ticks.push(p - 1);
  return ticks;
}

export function tickLabel(display: string, max = 9): string {
  const chars = Array.from(display);
  return chars.length <= max ? display : `${chars.slice(0, max - 1).join("")}…`;
}

export interface Cell {
  query: number;
  key: number;
  weight: number;
}

/** The visible (lower-triangle) cells. */
export function heatmapCells(matrix: ArrayLike<number>, T: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < T; i++)
    for (let j = 0; j <= i; j++)
      cells.push({ query: i, key: j, weight: matrix[i * T + j]! });
  return cells;
}

/** Shade of a weight: √w, clamped to [0, 1] (NaN → 0). */
export function shade(w: number): number {
  // Three decimals: more is invisible, and the static page carries one attribute per cell.
  return w > 0 ? Math.min(1, Math.round(Math.sqrt(w) * 1000) / 1000) : 0;
}

/**
 * The cells as a T × T RGBA image for a canvas: black with alpha = √w (shade) on and below the diagonal,
 * transparent above it. The view tints it with the theme's colour (heatmap-canvas.ts), so the same pixels
 * serve every theme.
 */
export function cellAlphas(
  matrix: ArrayLike<number>,
  T: number,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(T * T * 4);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++)
      out[(i * T + j) * 4 + 3] = Math.round(shade(matrix[i * T + j]!) * 255);
  }
  return out;
}

export interface HeatmapData {
  matrix: ArrayLike<number>;
  T: number;
  /** Each token's display text (text-window.ts's Piece.display). */
  displays: readonly string[];
}

export interface HeatmapOptions {
  document: Document;
  layout: HeatmapLayout;
  /** The accessible summary (chartLabel). */
  label: string;
}

/** The whole chart as one accessible svg, a rect per visible cell: the build-time (no-JS) heatmap. */
export function heatmapPlot(
  data: HeatmapData,
  options: HeatmapOptions,
): SVGSVGElement | HTMLElement {
  const { matrix, T } = data;
  const cells = Plot.rect(heatmapCells(matrix, T), {
    x1: (d: Cell) => d.key,
    x2: (d: Cell) => d.key + 1,
    y1: (d: Cell) => d.query,
    y2: (d: Cell) => d.query + 1,
    fill: "var(--accent, #1f5f8b)",
    fillOpacity: (d: Cell) => shade(d.weight),
    inset: 0,
  });
  return drawPlot(T, data.displays, options, [cells]);
}

/** The axes and frame only, for the live figure, which paints the cells on a canvas underneath. */
export function heatmapFrame(
  T: number,
  displays: readonly string[],
  options: HeatmapOptions,
): SVGSVGElement | HTMLElement {
  return drawPlot(T, displays, options, []);
}

/**
 * A key that changes exactly when `heatmapFrame`'s output would: the layout and the tick labels. Beyond
 * TOKEN_TICKS_UP_TO tokens the ticks are positions, so typing inside a long text never rebuilds the axes.
 */
export function frameKey(
  layout: HeatmapLayout,
  displays: readonly string[],
): string {
  const ticks = layout.tokenTicks
    ? tickTokens(layout.T).map((i) => tickLabel(displays[i] ?? ""))
    : [];
  return JSON.stringify([
    layout.T,
    layout.cell,
    layout.width,
    layout.height,
    ticks,
  ]);
}

function drawPlot(
  T: number,
  displays: readonly string[],
  options: HeatmapOptions,
  marks: Plot.Markish[],
): SVGSVGElement | HTMLElement {
  const { layout } = options;
  const ticks = tickTokens(T).map((i) => i + 0.5);
  const format = (v: number) => {
    const i = Math.floor(v);
    return layout.tokenTicks ? tickLabel(displays[i] ?? "") : String(i + 1);
  };
  const node = Plot.plot({
    document: options.document,
    width: layout.width,
    height: layout.height,
    marginTop: layout.marginTop,
    marginRight: layout.marginRight,
    marginBottom: layout.marginBottom,
    marginLeft: layout.marginLeft,
    style: {
      background: "transparent",
      color: "currentColor",
      fontSize: "11px",
      fontFamily: "var(--font-mono, monospace)",
    },
    opacity: { type: "identity" },
    x: {
      domain: [0, T],
      ticks,
      tickFormat: format,
      tickRotate: layout.tokenTicks ? -60 : 0,
      tickSize: 3,
      label: layout.tokenTicks ? null : "key position →",
      labelAnchor: "right",
    },
    y: {
      domain: [0, T],
      reverse: true,
      ticks,
      tickFormat: format,
      tickSize: 3,
      label: layout.tokenTicks ? null : "↓ query position",
    },
    marks: [...marks, Plot.frame({ stroke: "var(--border, #ccc)" })],
  });
  return accessiblePlot(node, options.label);
}
