/**
 * The splat widget's words: the readout, the text alternative of the canvas, and the τ slider's scale. Pure,
 * so the summary a screen reader hears is tested like any other output.
 */
import { cameraNumbers, type SplatState } from './state.ts';

export interface TreeSummary {
  leafCount: number;
  nodeCount: number;
  depth: number;
  nodesPerLevel: readonly number[];
}

const us = (n: number) => n.toLocaleString('en-US');

const SCENE_NAMES = { car: 'car', landscape: 'landscape' } as const;

/**
 * The τ slider: 0.1 px steps up to 1 px, then steps of 0.1 in √τ up to 64 px. Fine control near 0, where the
 * cut changes fastest, without a thousand-step slider.
 */
export const TAU_SLIDER_MAX = 80;
export function tauFromSlider(position: number): number {
  const p = Math.min(TAU_SLIDER_MAX, Math.max(0, Math.round(position)));
  return p <= 10 ? p / 10 : Math.round((p / 10) ** 2 * 10) / 10;
}
export function sliderFromTau(tau: number): number {
  const t = Math.max(0, tau);
  return Math.min(TAU_SLIDER_MAX, Math.round(t <= 1 ? 10 * t : 10 * Math.sqrt(t)));
}

/** The levels that have drawn splats, as "levels 9–14" or "level 6". */
export function levelSpan(perLevel: readonly number[]): string {
  const used = perLevel.flatMap((n, level) => (n > 0 ? [level] : []));
  if (used.length === 0) return 'no level';
  const lo = used[0]!;
  const hi = used.at(-1)!;
  return lo === hi ? `level ${lo}` : `levels ${lo}–${hi}`;
}

/** What the canvas shows, in one or two sentences (the canvas's text alternative). */
export function viewSummary(state: SplatState, tree: TreeSummary | null, drawn: number | null, perLevel: readonly number[]): string {
  const scene = `the procedural ${SCENE_NAMES[state.scene]}`;
  if (!tree) return `Building ${scene} from ${us(state.leaves)} Gaussian splats.`;
  const what = `${scene[0]!.toUpperCase()}${scene.slice(1)}: ${us(tree.leafCount)} Gaussian splats (the leaves) in a tree of ${us(tree.nodeCount)} nodes over ${tree.depth} levels`;
  if (drawn === null) return `${what}.`;
  const how =
    state.mode === 'level'
      ? `showing level ${state.level} (nodes of that level, and leaves above it): ${us(drawn)} splats`
      : `drawn as ${us(drawn)} splats at τ = ${state.tau} px, from ${levelSpan(perLevel)}`;
  const colour = state.color === 'level' ? ', coloured by level' : '';
  const share = tree.leafCount > 0 ? ` (${formatShare(drawn / tree.leafCount)} of the leaves)` : '';
  const c = cameraNumbers(state);
  return `${what}, ${how}${share}${colour}. Camera ${c.dist} m from the centre, turned ${c.yaw}° and raised ${c.pitch}°.`;
}

function formatShare(x: number): string {
  if (x >= 0.995) return '100%';
  if (x >= 0.1) return `${Math.round(x * 100)}%`;
  if (x >= 0.001) return `${(x * 100).toFixed(1)}%`;
  return `${(x * 100).toPrecision(1)}%`;
}

/** Rows of the per-level table: level, nodes in the tree, splats drawn from it now. */
export function levelRows(tree: TreeSummary, perLevel: readonly number[]): { level: number; nodes: number; drawn: number }[] {
  return tree.nodesPerLevel.map((nodes, level) => ({ level, nodes, drawn: perLevel[level] ?? 0 }));
}
