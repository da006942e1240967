/**
 * What the token strip shows for the focused token f (hovered or keyboard-focused, else the
 * selected query): on each earlier token j ≤ f, how much f attends to it (row f of the matrix); on
 * each later token i > f, how much it attends to f (column f). A causal head never mixes the two:
 * the row lives left of f and the column right of it, so one bar per token is enough.
 */

import { stripMove } from '../models/transformer/live/keys.ts';

export type TintKind = 'to' | 'by';

export interface Tint {
  kind: TintKind;
  weight: number;
}

export function stripTints(matrix: ArrayLike<number>, T: number, focus: number): Tint[] {
  if (!(focus >= 0 && focus < T)) return Array.from({ length: Math.max(0, T) }, () => ({ kind: 'to' as const, weight: 0 }));
  return Array.from({ length: T }, (_, j) =>
    j <= focus ? { kind: 'to' as const, weight: matrix[focus * T + j]! } : { kind: 'by' as const, weight: matrix[j * T + focus]! },
  );
}

/** Bar width in percent of the token's box: proportional to the weight, at least visible when > 1 %. */
export function barWidth(weight: number): number {
  if (!(weight > 0.01)) return 0;
  return Math.max(8, Math.min(100, Math.round(weight * 100)));
}

/** The next index for a roving-focus key in a row of `count` items (Left, Right, Home, End), or null for other keys. */
export function rovingStep(key: string, index: number, count: number): number | null {
  return stripMove(key, index, count, { vertical: false });
}

/** The same in a grid of rows × cols (row-major index): arrows move, Home/End go to the row's ends. */
export function gridStep(key: string, index: number, rows: number, cols: number): number | null {
  const r = Math.floor(index / cols);
  const c = index % cols;
  switch (key) {
    case 'ArrowRight':
      return r * cols + Math.min(cols - 1, c + 1);
    case 'ArrowLeft':
      return r * cols + Math.max(0, c - 1);
    case 'ArrowDown':
      return Math.min(rows - 1, r + 1) * cols + c;
    case 'ArrowUp':
      return Math.max(0, r - 1) * cols + c;
    case 'Home':
      return r * cols;
    case 'End':
      return r * cols + cols - 1;
    default:
      return null;
  }
}
