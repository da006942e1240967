/**
 * The numbers of the essay "Do splats dezoom?" (content/articles/do-splats-dezoom.mdx), computed from the
 * widget's own code: the car and the landscape at 1,000,000 leaves (seed 1), their octree hierarchies, the
 * splats the cut draws against τ and distance, how exactly the stored merges keep their children's first two
 * moments, and what a merged node loses (shape). Writes public/splats/measurements.json.
 *
 * Run: npm run splats:measure. Everything here is deterministic (same code, same file, bit for bit); timings
 * are the benchmark's business (npm run bench -- splat-hierarchy, bench/RESULTS.md), never this file's.
 * The functions are exported so that test/unit/essays/splats-measurements.test.ts can recompute the file's numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cameraPosition, type OrbitCamera } from '../../widgets/splats/camera.ts';
import { allocateCut, allocateCutScratch, computeCut, cutCounts } from '../../widgets/splats/cut.ts';
import { buildOctree } from '../../widgets/splats/hierarchy/octree.ts';
import { CAR_PART_NAMES, carPartLabels, carScene } from '../../widgets/splats/scenes/car.ts';
import { landscapeScene } from '../../widgets/splats/scenes/landscape.ts';
import { type Gaussians, type SplatTree } from '../../widgets/splats/types.ts';
import { momentErrors, type MomentErrors } from './moments.ts';
import { FLAT, shapeByLevel, type LevelShape } from './shape.ts';
import { groupSizes, nullPurity, randomRotation, rotatePoints, treePurity, type NullPurity } from './purity.ts';
import { mulberry32 } from '../../widgets/runtime/mulberry32.ts';

export const OUTPUT = 'public/splats/measurements.json';
export const LEAVES = 1_000_000;
export const SEED = 1;
/** Pixel thresholds of the cut. */
export const TAUS = [0, 1, 2, 4, 8, 16, 32] as const;
/** Viewport height in pixels and vertical field of view (radians) of every camera below. */
export const HEIGHT = 1080;
export const FOVY = 0.8;
/** Draws of each random partition the octree's part purity is compared with (purity.ts), and their seed. */
export const PURITY_DRAWS = 10;
export const PURITY_SEED = 7;
/** Octrees of the car turned at random: does the octree's purity come from its planes meeting the car square on? */
export const PURITY_TURNS = 4;

export interface SceneSpec {
  name: 'car' | 'landscape';
  make: (count: number, seed: number) => Gaussians;
  target: [number, number, number];
  yaw: number;
  pitch: number;
  /** Orbit distances, metres: close enough to see the finest detail, the whole scene, and far away. */
  distances: number[];
  /** The generator's part of each splat, where the scene is built from named parts. */
  parts?: { names: readonly string[]; labels: (count: number) => Uint8Array };
}

export const SCENES: SceneSpec[] = [
  // The car is 4.5 m long: at 8 m it fills the view, at 40 m it is a tenth of it, at 200 m a few dozen pixels.
  { name: 'car', make: carScene, target: [0, 0.7, 0], yaw: 0.7, pitch: 0.28, distances: [8, 40, 200], parts: { names: CAR_PART_NAMES, labels: carPartLabels } },
  // The landscape is 80 m across: at 20 m the camera stands over its middle, at 100 m it sees all of it,
  // at 500 m it is a patch of the screen. Higher pitch, to look down onto the terrain rather than along it.
  { name: 'landscape', make: landscapeScene, target: [0, 1, 0], yaw: 0.7, pitch: 0.5, distances: [20, 100, 500] },
];

export interface CutRow {
  distance: number;
  /** Splats drawn per τ (same order as TAUS). */
  drawn: number[];
  /** Per τ, the drawn splats per level (index = level). */
  drawnPerLevel: number[][];
  /** Per τ, drawn splats still blending from their parent (t < 1). */
  blending: number[];
}

export interface SceneMeasurements {
  leaves: number;
  nodes: number;
  interior: number;
  /** Interior nodes with exactly one child (a cell whose leaves all fall in one octant). */
  chains: number;
  depth: number;
  nodesPerLevel: number[];
  leavesPerLevel: number[];
  meanChildren: number;
  /** Per level, children per interior node (0 where a level has no interior nodes). */
  branching: number[];
  /**
   * Side of the octree's root cube (metres): the largest extent of the leaves' centres, as the Morton codes
   * quantise them. A level-ℓ cell has side cubeSide / 2^ℓ.
   */
  cubeSide: number;
  /** Medians over the leaves of their flatness and of their largest σ (metres), for scale. */
  leafMedianFlatness: number;
  leafMedianSigma: number;
  rootBox: { min: number[]; max: number[] };
  camera: { target: number[]; yaw: number; pitch: number; fovy: number; height: number };
  cuts: CutRow[];
  moments: MomentErrors;
  shape: LevelShape[];
  /** Part purity by level against random partitions of the same node sizes (purity.ts); scenes with parts. */
  purity?: PartPurity;
}

export interface PartPurity {
  parts: string[];
  /** Share of the leaves on each part. */
  partShare: number[];
  seed: number;
  /** Per level: the partition's node count and the octree's purity. */
  octree: { level: number; groups: number; purity: number }[];
  spatial: NullPurity;
  shuffled: NullPurity;
  /** The octree of the same splats turned by a random rotation (other node sizes): per level, lowest and highest purity over the turns. */
  turned: { turns: number; levels: { level: number; min: number; max: number }[] };
}

export function partPurity(tree: SplatTree, scene: Gaussians, parts: NonNullable<SceneSpec['parts']>, draws = PURITY_DRAWS, seed = PURITY_SEED): PartPurity {
  const labels = parts.labels(scene.count);
  const k = parts.names.length;
  const share = new Array<number>(k).fill(0);
  for (const l of labels) share[l]! += 1 / labels.length;
  const nulls = nullPurity(scene.mean, labels, k, groupSizes(tree), draws, seed);
  const random = mulberry32(seed + 1);
  const turned: number[][] = [];
  for (let t = 0; t < PURITY_TURNS; t++) {
    const turnedTree = buildOctree({ ...scene, mean: rotatePoints(scene.mean, randomRotation(random)) });
    treePurity(turnedTree, labels, k).forEach((l) => (turned[l.level] ??= []).push(l.purity));
  }
  return {
    parts: [...parts.names],
    partShare: share,
    seed,
    octree: treePurity(tree, labels, k),
    ...nulls,
    turned: { turns: PURITY_TURNS, levels: turned.map((v, level) => ({ level, min: Math.min(...v), max: Math.max(...v) })) },
  };
}

export function treeCounts(tree: SplatTree) {
  const m = tree.parent.length;
  const nodesPerLevel = new Array<number>(tree.depth).fill(0);
  const leavesPerLevel = new Array<number>(tree.depth).fill(0);
  const childrenPerLevel = new Array<number>(tree.depth).fill(0);
  let interior = 0;
  let chains = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < m; i++) {
    const lv = tree.level[i]!;
    nodesPerLevel[lv]!++;
    const k = tree.childCount[i]!;
    childrenPerLevel[lv]! += k;
    if (k === 0) {
      leavesPerLevel[lv]!++;
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a]!, tree.nodes.mean[3 * i + a]!);
        hi[a] = Math.max(hi[a]!, tree.nodes.mean[3 * i + a]!);
      }
    } else interior++;
    if (k === 1) chains++;
  }
  const branching = childrenPerLevel.map((c, lv) => {
    const inner = nodesPerLevel[lv]! - leavesPerLevel[lv]!;
    return inner > 0 ? c / inner : 0;
  });
  const cubeSide = Math.max(hi[0]! - lo[0]!, hi[1]! - lo[1]!, hi[2]! - lo[2]!);
  // Every node but the root is someone's child.
  return { nodes: m, interior, chains, depth: tree.depth, nodesPerLevel, leavesPerLevel, meanChildren: (m - 1) / interior, branching, cubeSide };
}

export function measureCuts(tree: SplatTree, spec: SceneSpec): CutRow[] {
  const cut = allocateCut(tree);
  const scratch = allocateCutScratch(tree);
  return spec.distances.map((distance) => {
    const orbit: OrbitCamera = { target: spec.target, yaw: spec.yaw, pitch: spec.pitch, distance, fovy: FOVY };
    const camera = { position: cameraPosition(orbit), fovy: FOVY, height: HEIGHT };
    const row: CutRow = { distance, drawn: [], drawnPerLevel: [], blending: [] };
    for (const tau of TAUS) {
      computeCut(tree, camera, tau, cut, scratch);
      row.drawn.push(cut.count);
      row.drawnPerLevel.push(Array.from(cutCounts(tree, cut)));
      let blending = 0;
      for (let i = 0; i < cut.count; i++) if (cut.blend[i]! < 1) blending++;
      row.blending.push(blending);
    }
    return row;
  });
}

export function measureScene(spec: SceneSpec, leaves = LEAVES, seed = SEED): SceneMeasurements {
  const scene = spec.make(leaves, seed);
  const tree = buildOctree(scene);
  const { shape, leafMedianFlatness, leafMedianSigma } = shapeByLevel(tree);
  return {
    leaves: tree.leafCount,
    ...treeCounts(tree),
    leafMedianFlatness,
    leafMedianSigma,
    rootBox: { min: Array.from(tree.boxMin.slice(0, 3)), max: Array.from(tree.boxMax.slice(0, 3)) },
    camera: { target: [...spec.target], yaw: spec.yaw, pitch: spec.pitch, fovy: FOVY, height: HEIGHT },
    cuts: measureCuts(tree, spec),
    moments: momentErrors(tree),
    shape,
    ...(spec.parts ? { purity: partPurity(tree, scene, spec.parts) } : {}),
  };
}

export interface Measurements {
  about: string;
  leaves: number;
  seed: number;
  taus: number[];
  flatThreshold: number;
  scenes: Record<SceneSpec['name'], SceneMeasurements>;
}

export function measureAll(): Measurements {
  const scenes = {} as Measurements['scenes'];
  for (const spec of SCENES) scenes[spec.name] = measureScene(spec);
  return {
    about: 'Written by models/splats/measure.ts (npm run splats:measure) for content/articles/do-splats-dezoom.mdx; deterministic, no timings.',
    leaves: LEAVES,
    seed: SEED,
    taus: [...TAUS],
    flatThreshold: FLAT,
    scenes,
  };
}

if (import.meta.main) {
  const result = measureAll();
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, `${JSON.stringify(result, null, 1)}\n`);
  for (const [name, s] of Object.entries(result.scenes)) {
    console.log(`${name}: ${s.nodes} nodes, depth ${s.depth}, mean children ${s.meanChildren.toFixed(3)}`);
    for (const row of s.cuts) console.log(`  ${row.distance} m: ${row.drawn.join(', ')}`);
    console.log(`  moments: ${JSON.stringify(s.moments)}`);
    if (s.purity)
      for (const o of s.purity.octree) {
        const sp = s.purity.spatial.levels[o.level]!;
        const sh = s.purity.shuffled.levels[o.level]!;
        const tu = s.purity.turned.levels[o.level];
        console.log(`  level ${o.level}: ${o.groups} nodes, purity ${o.purity.toFixed(3)}; spatial ${sp.min.toFixed(3)}–${sp.max.toFixed(3)}; shuffled ${sh.min.toFixed(3)}–${sh.max.toFixed(3)}; turned octree ${tu?.min.toFixed(3)}–${tu?.max.toFixed(3)}`);
      }
  }
  console.log(`wrote ${OUTPUT}`);
}
