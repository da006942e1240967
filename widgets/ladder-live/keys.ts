/** Keyboard moves among the probe points (one Tab stop; arrows move the selection): the point to select, or null. */
export function movePoint(points: readonly { t: number }[], current: number, key: string): number | null {
  if (points.length === 0) return null;
  const i = Math.max(0, points.findIndex((p) => p.t === current));
  const to = key === 'ArrowRight' || key === 'ArrowDown' ? i + 1 : key === 'ArrowLeft' || key === 'ArrowUp' ? i - 1 : key === 'Home' ? 0 : key === 'End' ? points.length - 1 : null;
  if (to === null) return null;
  return points[Math.min(points.length - 1, Math.max(0, to))]!.t;
}
