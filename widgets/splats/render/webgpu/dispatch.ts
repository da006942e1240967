/**
 * Dispatch sizes. A dispatch may have at most maxComputeWorkgroupsPerDimension workgroups along each axis
 * (65,535 by default), which a 1D dispatch over millions of splats can exceed, so larger counts are laid out
 * as a 2D grid; shaders recover the linear workgroup index as id.y · num_workgroups.x + id.x and skip the
 * grid's surplus workgroups (at most x − 1 of them).
 */

export function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/** [x, y] with x · y ≥ workgroups, x and y within maxPerDimension; [0, 0] for no work. */
export function dispatchGrid(workgroups: number, maxPerDimension: number): [number, number] {
  if (!Number.isInteger(workgroups) || workgroups < 0) throw new RangeError(`bad workgroup count ${workgroups}`);
  if (workgroups === 0) return [0, 0];
  const x = Math.min(workgroups, maxPerDimension);
  const y = ceilDiv(workgroups, x);
  if (y > maxPerDimension) {
    throw new RangeError(`${workgroups} workgroups exceed a ${maxPerDimension}² dispatch grid`);
  }
  return [x, y];
}
