/**
 * The Worker's build, as a plain function so that it runs (and is tested) in Node as well: check the
 * request, generate the scene, build the tree, and say what to post back (the renderer's arrays, copied)
 * and which buffers to move. The tree itself is returned for the Worker to keep.
 */
import { buildOctree } from '../hierarchy/octree.ts';
import { carScene } from '../scenes/car.ts';
import { landscapeScene } from '../scenes/landscape.ts';
import type { Gaussians, SplatTree } from '../types.ts';
import { buildRequestProblem, renderTreeBuffers, renderTreeCopy, treeStats, type BuildRequest, type FromSceneWorker, type SceneName } from './protocol.ts';

const GENERATORS: Record<SceneName, (count: number, seed: number) => Gaussians> = { car: carScene, landscape: landscapeScene };

export interface Reply {
  message: FromSceneWorker;
  transfer: ArrayBuffer[];
}

/** The id of a request, or −1 when it has none (the page then cannot match the answer, but it is still sent). */
export function requestId(request: unknown): number {
  return typeof request === 'object' && request !== null && Number.isSafeInteger((request as { id?: unknown }).id) ? (request as { id: number }).id : -1;
}

export function handleBuild(request: unknown, now: () => number = () => performance.now()): Reply & { tree: SplatTree | null } {
  const id = requestId(request);
  const problem = buildRequestProblem(request);
  if (problem) return { message: { type: 'failed', id, message: problem }, transfer: [], tree: null };
  const { scene, count, seed } = request as BuildRequest;
  try {
    const t0 = now();
    const leaves = GENERATORS[scene](count, seed);
    const t1 = now();
    const tree = buildOctree(leaves);
    const t2 = now();
    const renderTree = renderTreeCopy(tree);
    return {
      message: { type: 'built', id, renderTree, stats: treeStats(tree), timings: { generateMs: t1 - t0, buildMs: t2 - t1 } },
      transfer: renderTreeBuffers(renderTree),
      tree,
    };
  } catch (error) {
    // Out of memory on a small device is the likely one: say so rather than leave the figure waiting.
    const detail = error instanceof Error ? error.message : String(error);
    return { message: { type: 'failed', id, message: `The scene could not be built (${detail}).` }, transfer: [], tree: null };
  }
}
