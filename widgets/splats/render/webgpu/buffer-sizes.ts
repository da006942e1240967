/**
 * Sizes of the renderer's GPU buffers. Per-frame buffers are sized to the draw list and only ever grow
 * (by half again, so a slowly widening cut does not reallocate every frame); every size is checked against
 * the device's binding and buffer limits so an oversized scene is refused with a sentence, not a
 * validation error.
 */
import { histogramEntries } from './sort-layout.ts';
import { NODE_BYTES } from './tree-pack.ts';

/** Per entry, written by the prepare pass: camera-space mean + opacity, camera-space covariance, colour. */
export const SPLAT_BYTES = 48;
/** Smallest capacity allocated, so tiny lists and empty ones still bind non-empty buffers. */
export const MIN_ENTRIES = 1024;

/** Entries to allocate for `needed`, given the current capacity: unchanged when it fits, else ≥ 1.5×. */
export function grownCapacity(current: number, needed: number): number {
  if (needed <= current) return current;
  return Math.max(MIN_ENTRIES, needed, Math.ceil(current * 1.5));
}

export interface EntryBufferBytes {
  /** Draw list node indices and blends (u32 / f32), each. */
  list: number;
  /** Sort keys and values, each of the two ping-pong pairs. */
  sortWords: number;
  histogram: number;
  splats: number;
}

export function entryBufferBytes(capacity: number): EntryBufferBytes {
  return {
    list: 4 * capacity,
    sortWords: 4 * capacity,
    histogram: 4 * histogramEntries(capacity),
    splats: SPLAT_BYTES * capacity,
  };
}

export function treeBufferBytes(nodeCount: number): number {
  return NODE_BYTES * Math.max(1, nodeCount);
}

/** The largest binding a storage buffer may have on this device. */
export function bindingLimit(limits: { maxStorageBufferBindingSize: number; maxBufferSize: number }): number {
  return Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
}

/** Null when `bytes` fits a storage binding, else a sentence for the reader. */
export function tooLarge(what: string, bytes: number, limit: number): string | null {
  if (bytes <= limit) return null;
  const mb = (x: number) => `${Math.round(x / 2 ** 20)} MB`;
  return `${what} needs ${mb(bytes)} of GPU memory in one buffer; this device allows ${mb(limit)}.`;
}
