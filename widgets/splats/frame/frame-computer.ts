/**
 * One scene's per-frame work, as the Worker runs it: pick the nodes (the cut for the camera and τ, or one
 * level), count them per level, and make the DrawList, sorted far first when the renderer wants it. The
 * cut's buffers and the sort's scratch are made once per tree and reused every frame; only the list
 * handed to the page is new each time (it is transferred, so the Worker cannot keep it).
 */
import { cameraPosition, viewMatrix, type OrbitCamera } from '../camera.ts';
import { allocateCut, allocateCutScratch, computeCut, type Cut, type CutScratch } from '../cut.ts';
import type { DrawList } from '../render/contract.ts';
import type { SplatTree } from '../types.ts';
import { allocateFarFirstScratch, farFirstList, unsortedList, type DepthTree, type FarFirstScratch } from './frame-list.ts';
import { levelList } from './level-list.ts';

export type FrameMode = 'cut' | 'level';

export interface FrameParams {
  camera: OrbitCamera;
  /** Drawing-buffer size, device pixels (the cut's τ is in these pixels). */
  width: number;
  height: number;
  /** The cut's threshold, pixels (mode 'cut'). */
  tau: number;
  mode: FrameMode;
  /** The level shown (mode 'level'); beyond the deepest level every leaf is shown. */
  level: number;
  /** True for a far-first list (WebGL2), false for the selection as it is (WebGPU sorts it). */
  sort: boolean;
}

export interface FrameResult {
  list: DrawList;
  /**
   * The selection per level (index = level), before any entry behind the camera is dropped from a sorted
   * list: what the level of detail chose, the same on both backends.
   */
  perLevel: number[];
  /** Selecting the nodes (cut or level list), ms. */
  cutMs: number;
  /** Depths, sort and the list's arrays, ms (copying the list when unsorted). */
  sortMs: number;
}

export interface FrameComputer {
  readonly tree: SplatTree;
  compute(params: FrameParams): FrameResult;
}

export function createFrameComputer(tree: SplatTree, now: () => number = () => performance.now()): FrameComputer {
  const selection: Cut = allocateCut(tree);
  const scratch: CutScratch = allocateCutScratch(tree);
  const sortScratch: FarFirstScratch = allocateFarFirstScratch();
  const depthTree: DepthTree = { mean: tree.nodes.mean, parent: tree.parent };
  const view = new Float32Array(16);

  return {
    tree,
    compute(params) {
      const t0 = now();
      if (params.mode === 'cut') {
        const position = cameraPosition(params.camera);
        computeCut(tree, { position, fovy: params.camera.fovy, height: params.height }, params.tau, selection, scratch);
      } else {
        levelList(tree, params.level, selection);
      }
      const perLevel = new Array<number>(tree.depth).fill(0);
      for (let i = 0; i < selection.count; i++) perLevel[tree.level[selection.nodes[i]!]!]!++;
      const t1 = now();
      const list = params.sort ? farFirstList(depthTree, selection, viewMatrix(params.camera, view), sortScratch) : unsortedList(selection);
      const t2 = now();
      return { list, perLevel, cutMs: t1 - t0, sortMs: t2 - t1 };
    },
  };
}
