/**
 * Messages between the page and the splat build Worker: the page asks for a scene by name, size and seed;
 * the Worker generates it, builds its level-of-detail tree and sends the tree back with its buffers
 * transferred (moved, not copied: a 1M-leaf tree is about 150 MB of typed arrays).
 */
import type { SplatTree } from '../types.ts';

export const SCENES = ['car', 'landscape'] as const;
export type SceneName = (typeof SCENES)[number];

/** More leaves than this would not fit a phone's memory, and the scenes stop at a few million. */
export const MAX_LEAVES = 4_000_000;

export interface BuildRequest {
  type: 'build';
  id: number;
  scene: SceneName;
  count: number;
  seed: number;
}

export interface BuildTimings {
  generateMs: number;
  buildMs: number;
}

export type FromBuildWorker =
  | { type: 'built'; id: number; tree: SplatTree; timings: BuildTimings }
  | { type: 'failed'; id: number; message: string };

/** Why a request cannot be built, in words for the reader; null when it can. */
export function requestProblem(request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return 'The request is not an object.';
  const r = request as Partial<BuildRequest>;
  if (r.type !== 'build') return 'Unknown request type.';
  if (!Number.isSafeInteger(r.id)) return 'The request has no id.';
  if (!SCENES.includes(r.scene as SceneName)) return `Unknown scene "${String(r.scene)}"; the scenes are ${SCENES.join(' and ')}.`;
  if (!Number.isSafeInteger(r.count) || r.count! < 1 || r.count! > MAX_LEAVES) {
    return `A scene has 1 to ${MAX_LEAVES.toLocaleString('en')} splats, not ${String(r.count)}.`;
  }
  if (!Number.isSafeInteger(r.seed)) return `The seed must be an integer, not ${String(r.seed)}.`;
  return null;
}

/** Every buffer of a tree, for postMessage's transfer list. */
export function treeBuffers(tree: SplatTree): ArrayBuffer[] {
  const { nodes } = tree;
  return [nodes.mean, nodes.cov, nodes.color, nodes.opacity, tree.parent, tree.childStart, tree.childCount, tree.level, tree.boxMin, tree.boxMax, tree.leafIndex].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
