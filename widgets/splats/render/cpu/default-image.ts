/**
 * The static image of a scene's default view (default-views.ts): build the scene and its tree, cut it for
 * the view's camera and τ, and rasterise the cut. Pure TypeScript (no Node API), so the page's alt text
 * (`describeDefaultView`) and the image come from the same cut.
 */
import { viewMatrix } from '../../camera.ts';
import { allocateCut, computeCut } from '../../cut.ts';
import { DEFAULT_VIEWS, describeView, type DefaultView, type SceneName } from '../../default-views.ts';
import { buildOctree } from '../../hierarchy/octree.ts';
import { carScene } from '../../scenes/car.ts';
import { landscapeScene } from '../../scenes/landscape.ts';
import type { SplatTree } from '../../types.ts';
import type { DrawList, FrameView } from '../contract.ts';
import { cutCameraOf, renderTreeOf } from '../project.ts';
import { rasterizeSplats, type RasterStats } from './rasterize.ts';

/** What a test or a preview may change about a default view (a smaller scene or image). */
export type ViewOverrides = Partial<Pick<DefaultView, 'leafCount' | 'seed' | 'tau' | 'width' | 'height'>>;

export interface DefaultImage {
  view: DefaultView;
  /** width × height RGBA bytes, opaque. */
  rgba: Uint8ClampedArray;
  /** Nodes the cut draws (the list's length), and how many of them are leaves. */
  cutCount: number;
  leavesDrawn: number;
  stats: RasterStats;
  /** Milliseconds: scene + tree, cut, rasterisation. */
  timings: { build: number; cut: number; raster: number };
}

const SCENES: Record<SceneName, (count: number, seed: number) => ReturnType<typeof carScene>> = {
  car: carScene,
  landscape: landscapeScene,
};

// A site build asks for the alt text and the image of the same view; the tree is built once for both.
const trees = new Map<string, { tree: SplatTree; ms: number }>();

function treeFor(view: DefaultView): { tree: SplatTree; ms: number } {
  const key = `${view.scene}:${view.leafCount}:${view.seed}`;
  let entry = trees.get(key);
  if (!entry) {
    const start = performance.now();
    const tree = buildOctree(SCENES[view.scene](view.leafCount, view.seed));
    entry = { tree, ms: performance.now() - start };
    trees.set(key, entry);
  }
  return entry;
}

function resolve(scene: SceneName, overrides: ViewOverrides): DefaultView {
  return { ...DEFAULT_VIEWS[scene], ...overrides };
}

function cutFor(view: DefaultView, tree: SplatTree): { list: DrawList; leaves: number } {
  const cut = computeCut(tree, cutCameraOf(view.camera, view.height), view.tau, allocateCut(tree));
  let leaves = 0;
  for (let i = 0; i < cut.count; i++) if (tree.childCount[cut.nodes[i]!] === 0) leaves++;
  return { list: { count: cut.count, nodes: cut.nodes, blend: cut.blend, sortedFarFirst: false }, leaves };
}

/** Renders a scene's default view (optionally smaller) on the CPU. */
export function renderDefaultView(scene: SceneName, overrides: ViewOverrides = {}): DefaultImage {
  const view = resolve(scene, overrides);
  const { tree, ms: build } = treeFor(view);
  const t0 = performance.now();
  const { list, leaves } = cutFor(view, tree);
  const t1 = performance.now();
  const frame: FrameView = {
    view: viewMatrix(view.camera),
    fovy: view.camera.fovy,
    width: view.width,
    height: view.height,
    colorByLevel: false,
    background: view.background,
  };
  const stats: RasterStats = { drawn: 0, fragments: 0 };
  const rgba = rasterizeSplats(renderTreeOf(tree), list, frame, {}, stats);
  const t2 = performance.now();
  return { view, rgba, cutCount: list.count, leavesDrawn: leaves, stats, timings: { build, cut: t1 - t0, raster: t2 - t1 } };
}

/** The default view's image described in a sentence, with the number of splats its cut draws. */
export function describeDefaultView(scene: SceneName, overrides: ViewOverrides = {}): string {
  const view = resolve(scene, overrides);
  const { list, leaves } = cutFor(view, treeFor(view).tree);
  return describeView(view, list.count, leaves);
}
