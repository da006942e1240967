/**
 * The Worker's work, as a plain function so that it runs (and is tested) in Node as well: check the request,
 * generate the scene, build the tree, and say what to post back and which buffers to move.
 */
import { buildOctree } from '../hierarchy/octree.ts';
import { carScene } from '../scenes/car.ts';
import { landscapeScene } from '../scenes/landscape.ts';
import type { Gaussians } from '../types.ts';
import { requestProblem, treeBuffers, type BuildRequest, type FromBuildWorker, type SceneName } from './protocol.ts';

const GENERATORS: Record<SceneName, (count: number, seed: number) => Gaussians> = { car: carScene, landscape: landscapeScene };

export function handleBuild(request: unknown, now: () => number = () => performance.now()): { message: FromBuildWorker; transfer: ArrayBuffer[] } {
  const id = typeof request === 'object' && request !== null && Number.isSafeInteger((request as { id?: unknown }).id) ? (request as { id: number }).id : -1;
  const problem = requestProblem(request);
  if (problem) return { message: { type: 'failed', id, message: problem }, transfer: [] };
  const { scene, count, seed } = request as BuildRequest;
  try {
    const t0 = now();
    const leaves = GENERATORS[scene](count, seed);
    const t1 = now();
    const tree = buildOctree(leaves);
    const t2 = now();
    return { message: { type: 'built', id, tree, timings: { generateMs: t1 - t0, buildMs: t2 - t1 } }, transfer: treeBuffers(tree) };
  } catch (error) {
    // Out of memory on a small device is the likely one: say so rather than leave the figure waiting.
    const detail = error instanceof Error ? error.message : String(error);
    return { message: { type: 'failed', id, message: `The scene could not be built (${detail}).` }, transfer: [] };
  }
}
