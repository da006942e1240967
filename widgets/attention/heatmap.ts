/**
 * The heatmap of one head's attention, drawn with Observable Plot: rows are queries, columns keys,
 * shade ∝ √weight (so that weights of a few percent stay visible next to 0.9); the upper triangle
 * is blank because a causal model never looks ahead.
 *
 * Two ways to draw the cells, same scales and axes:
 * - one `rect` per visible cell (T(T+1)/2 of them): crisp, and works on linkedom at build time;
 * - Plot's `raster` mark above RASTER_ABOVE tokens: one image instead of up to 8,256 rects, because
 *   the figure redraws on every keystroke. A raster is painted on a canvas, which has no CSS, so it
 *   needs the theme colour resolved (`color`); the view redraws when the theme changes.
 *
 * The layout (margins, an integer cell size) is computed here rather than by Plot, so the view can
 * overlay the focused row and column, and map the pointer to a cell, without asking Plot.
 */
import * as Plot from '@observablehq/plot';
import { accessiblePlot } from '../runtime/accessible-plot.ts';

export const RASTER_ABOVE = 40;
/** The width the build draws the static chart for (the view redraws at its box's width once live). */
export const SSR_WIDTH = 640;
/** Tokens up to which every tick is a token's text; beyond, positions every few tokens. */
export const TOKEN_TICKS_UP_TO = 32;
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
  const room = Math.floor((Number.isFinite(available) ? available : 640) - marginLeft - marginRight);
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
export function cellOrigin(layout: HeatmapLayout, query: number, key: number): { x: number; y: number } {
  return { x: layout.marginLeft + key * layout.cell, y: layout.marginTop + query * layout.cell };
}

/** The cell under a point in the plot's pixels, or null outside the grid or above the diagonal. */
export function cellAt(layout: HeatmapLayout, x: number, y: number): { query: number; key: number } | null {
  const key = Math.floor((x - layout.marginLeft) / layout.cell);
  const query = Math.floor((y - layout.marginTop) / layout.cell);
  if (!(key >= 0 && query >= 0 && key < layout.T && query < layout.T) || key > query) return null;
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
  return chars.length <= max ? display : `${chars.slice(0, max - 1).join('')}…`;
}

export interface Cell {
  query: number;
  key: number;
  weight: number;
}

/** The visible (lower-triangle) cells. */
export function heatmapCells(matrix: ArrayLike<number>, T: number): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) cells.push({ query: i, key: j, weight: matrix[i * T + j]! });
  return cells;
}

/** Shade of a weight: √w, clamped to [0, 1] (NaN → 0). */
export function shade(w: number): number {
  // Three decimals: more is invisible, and the static page carries one attribute per cell.
  return w > 0 ? Math.min(1, Math.round(Math.sqrt(w) * 1000) / 1000) : 0;
}

/** Dense row-major opacities for the raster: √w below the diagonal, 0 above it. */
export function rasterOpacities(matrix: ArrayLike<number>, T: number): Float64Array {
  const out = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) out[i * T + j] = shade(matrix[i * T + j]!);
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
  /** Draw a raster instead of rects; requires `color`. */
  raster?: boolean;
  /** The resolved fill colour for the raster (a canvas cannot read CSS variables). */
  color?: string;
}

export function useRaster(T: number): boolean {
  return T > RASTER_ABOVE;
}

export function heatmapPlot(data: HeatmapData, options: HeatmapOptions): SVGSVGElement | HTMLElement {
  const { matrix, T, displays } = data;
  const { layout } = options;
  const ticks = tickTokens(T).map((i) => i + 0.5);
  const format = (v: number) => {
    const i = Math.floor(v);
    return layout.tokenTicks ? tickLabel(displays[i] ?? '') : String(i + 1);
  };
  const cellsMark = options.raster
    ? Plot.raster(rasterOpacities(matrix, T) as unknown as number[], {
        width: T,
        height: T,
        x1: 0,
        x2: T,
        y1: 0,
        y2: T,
        fill: options.color ?? '#1f5f8b',
        fillOpacity: (d: number) => d,
        imageRendering: 'pixelated',
      })
    : Plot.rect(heatmapCells(matrix, T), {
        x1: (d: Cell) => d.key,
        x2: (d: Cell) => d.key + 1,
        y1: (d: Cell) => d.query,
        y2: (d: Cell) => d.query + 1,
        fill: 'var(--accent, #1f5f8b)',
        fillOpacity: (d: Cell) => shade(d.weight),
        inset: 0,
      });
  const node = Plot.plot({
    document: options.document,
    width: layout.width,
    height: layout.height,
    marginTop: layout.marginTop,
    marginRight: layout.marginRight,
    marginBottom: layout.marginBottom,
    marginLeft: layout.marginLeft,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px', fontFamily: 'var(--font-mono, monospace)' },
    opacity: { type: 'identity' },
    x: {
      domain: [0, T],
      ticks,
      tickFormat: format,
      tickRotate: layout.tokenTicks ? -60 : 0,
      tickSize: 3,
      label: layout.tokenTicks ? null : 'key position →',
      labelAnchor: 'right',
    },
    y: {
      domain: [0, T],
      reverse: true,
      ticks,
      tickFormat: format,
      tickSize: 3,
      label: layout.tokenTicks ? null : '↓ query position',
    },
    marks: [cellsMark, Plot.frame({ stroke: 'var(--border, #ccc)' })],
  });
  return accessiblePlot(node, options.label);
}
