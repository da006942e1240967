/**
 * Keyboard movement for the two live figures' roving focus: one tab stop per grid or strip (the
 * selected cell or token), arrow keys move within it (WAI-ARIA APG, "grid" and "toolbar"). Pure.
 */

/** The cell a key moves to in a grid of `cols` × `rows` (row 0 at the top), or null if the key is not ours. */
export function gridMove(key: string, col: number, row: number, cols: number, rows: number, ctrl = false): { col: number; row: number } | null {
  const clampCol = (c: number) => Math.min(Math.max(0, c), cols - 1);
  const clampRow = (r: number) => Math.min(Math.max(0, r), rows - 1);
  if (cols <= 0 || rows <= 0) return null;
  switch (key) {
    case 'ArrowLeft':
      return { col: clampCol(col - 1), row };
    case 'ArrowRight':
      return { col: clampCol(col + 1), row };
    case 'ArrowUp':
      return { col, row: clampRow(row - 1) };
    case 'ArrowDown':
      return { col, row: clampRow(row + 1) };
    case 'Home':
      return ctrl ? { col: 0, row: 0 } : { col: 0, row };
    case 'End':
      return ctrl ? { col: cols - 1, row: rows - 1 } : { col: cols - 1, row };
    case 'PageUp':
      return { col, row: 0 };
    case 'PageDown':
      return { col, row: rows - 1 };
    default:
      return null;
  }
}

/**
 * The index a key moves focus to in a row of `count` items, or null if the key is not ours. Up and
 * Down move too unless `vertical` is false (a strip whose page should scroll on those keys).
 */
export function stripMove(key: string, index: number, count: number, { vertical = true } = {}): number | null {
  if (count <= 0) return null;
  if (!vertical && (key === 'ArrowUp' || key === 'ArrowDown')) return null;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
