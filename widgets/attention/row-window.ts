/**
 * Which rows of a long scrolling table to build. The step table has one row per key, up to 128, and
 * every number in it changes with each keystroke; laying out and painting all of them took more of the
 * keystroke's time than the model. Only the rows in view, plus a margin each side, are built; two spacer
 * rows keep the scroll height and position of the whole table.
 */
export interface RowWindow {
  /** The rows built: [start, end). */
  start: number;
  end: number;
  /** Heights of the spacers before and after them, in pixels. */
  before: number;
  after: number;
}

export interface RowWindowOptions {
  /** Rows built beyond each edge of the view, so that a short scroll never shows a gap. */
  overscan?: number;
  /** Tables this short are built whole. */
  buildAllUpTo?: number;
}

/**
 * `scrollTop` and `viewport` (the scroll box's height) in pixels; `rowHeight` as measured, 0 while
 * unknown (at build time and before the first measurement every row is built).
 */
export function rowWindow(count: number, scrollTop: number, viewport: number, rowHeight: number, options: RowWindowOptions = {}): RowWindow {
  const { overscan = 8, buildAllUpTo = 40 } = options;
  const n = Math.max(0, Math.floor(count));
  const all = { start: 0, end: n, before: 0, after: 0 };
  if (n <= buildAllUpTo || !(rowHeight > 0) || !(viewport > 0) || !Number.isFinite(scrollTop)) return all;
  const top = Math.max(0, scrollTop);
  const start = Math.min(n, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const end = Math.min(n, Math.max(start, Math.ceil((top + viewport) / rowHeight) + overscan));
  return { start, end, before: start * rowHeight, after: (n - end) * rowHeight };
}
