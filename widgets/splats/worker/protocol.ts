/**
 * Messages between the page and the splat scene Worker. The page asks for a scene by name, size and seed;
 * the Worker generates it, builds its level-of-detail tree and KEEPS it (the cut needs the boxes and child
 * links every frame), sending the page only what a renderer uploads, copied and transferred. Then, per
 * frame, the page sends the camera and the Worker answers with the draw list (sorted far first for WebGL2).
 */
import type { FrameParams } from '../frame/frame-computer.ts';
import type { DrawList, RenderTree } from '../render/contract.ts';
import type { SplatTree } from '../types.ts';

export const SCENES = ['car', 'landscape'] as const;
export type SceneName = (typeof SCENES)[number];

/** More leaves than this would not fit a phone's memory, and the scenes stop at a few million. */
export const MAX_LEAVES = 4_000_000;
/** Larger drawing buffers than this exist on no device (WebGL2's and WebGPU's limits are at most 16,384). */
const MAX_VIEWPORT = 16_384;

export interface BuildRequest {
  type: 'build';
  id: number;
  scene: SceneName;
  count: number;
  seed: number;
}

export interface FrameRequest extends FrameParams {
  type: 'frame';
  id: number;
}

export interface BuildTimings {
  generateMs: number;
  buildMs: number;
}

export interface TreeStats {
  leafCount: number;
  nodeCount: number;
  depth: number;
  /** Nodes of the tree at each level (index = level). */
  nodesPerLevel: number[];
}

export type FromSceneWorker =
  | { type: 'built'; id: number; renderTree: RenderTree; stats: TreeStats; timings: BuildTimings }
  | { type: 'frame'; id: number; list: DrawList; perLevel: number[]; cutMs: number; sortMs: number }
  /** `rebuild`: the Worker holds no scene (none built yet, or the last build failed); build one first. */
  | { type: 'failed'; id: number; message: string; rebuild?: boolean };

/** Why a build request cannot be built, in words for the reader; null when it can. */
export function buildRequestProblem(request: unknown): string | null {
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

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Why a frame request cannot be drawn; null when it can. */
export function frameRequestProblem(request: unknown): string | null {
  if (typeof request !== 'object' || request === null) return 'The request is not an object.';
  const r = request as Partial<FrameRequest>;
  if (r.type !== 'frame') return 'Unknown request type.';
  if (!Number.isSafeInteger(r.id)) return 'The request has no id.';
  const c = r.camera as Partial<FrameRequest['camera']> | undefined;
  if (typeof c !== 'object' || c === null) return 'The frame has no camera.';
  if (!Array.isArray(c.target) || c.target.length !== 3 || !c.target.every(finite)) return 'The camera target must be three numbers.';
  if (!finite(c.yaw) || !finite(c.pitch)) return 'The camera angles must be numbers.';
  if (!finite(c.distance) || c.distance <= 0) return `The camera distance must be positive, not ${String(c.distance)}.`;
  if (!finite(c.fovy) || c.fovy <= 0 || c.fovy >= Math.PI) return `The field of view must be between 0 and π, not ${String(c.fovy)}.`;
  for (const [name, v] of [['width', r.width], ['height', r.height]] as const) {
    if (!Number.isSafeInteger(v) || v! < 1 || v! > MAX_VIEWPORT) return `The view's ${name} must be 1 to ${MAX_VIEWPORT} pixels, not ${String(v)}.`;
  }
  // τ = ∞ is meaningful (the root alone), so only NaN and negatives are refused.
  if (typeof r.tau !== 'number' || !(r.tau >= 0)) return `The threshold τ must be 0 or more pixels, not ${String(r.tau)}.`;
  if (r.mode !== 'cut' && r.mode !== 'level') return `Unknown mode "${String(r.mode)}"; the modes are cut and level.`;
  if (!Number.isSafeInteger(r.level) || r.level! < 0) return `The level must be a whole number from 0, not ${String(r.level)}.`;
  if (typeof r.sort !== 'boolean') return 'The frame must say whether to sort.';
  return null;
}

/** Every buffer of a tree, for postMessage's transfer list (the bench's Worker still sends whole trees). */
export function treeBuffers(tree: SplatTree): ArrayBuffer[] {
  const { nodes } = tree;
  return [nodes.mean, nodes.cov, nodes.color, nodes.opacity, tree.parent, tree.childStart, tree.childCount, tree.level, tree.boxMin, tree.boxMax, tree.leafIndex].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The renderer's arrays of a tree as copies, so they can be transferred while the Worker keeps the tree. */
export function renderTreeCopy(tree: SplatTree): RenderTree {
  const { nodes } = tree;
  return {
    nodeCount: tree.parent.length,
    mean: nodes.mean.slice(),
    cov: nodes.cov.slice(),
    color: nodes.color.slice(),
    opacity: nodes.opacity.slice(),
    parent: tree.parent.slice(),
    childCount: tree.childCount.slice(),
    level: tree.level.slice(),
  };
}

export function renderTreeBuffers(t: RenderTree): ArrayBuffer[] {
  return [t.mean, t.cov, t.color, t.opacity, t.parent, t.childCount, t.level].map((a) => a.buffer as ArrayBuffer);
}

export function treeStats(tree: SplatTree): TreeStats {
  const nodesPerLevel = new Array<number>(tree.depth).fill(0);
  for (let n = 0; n < tree.level.length; n++) nodesPerLevel[tree.level[n]!]!++;
  return { leafCount: tree.leafCount, nodeCount: tree.parent.length, depth: tree.depth, nodesPerLevel };
}
