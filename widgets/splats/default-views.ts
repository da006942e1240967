/**
 * The view each scene opens on: the widget's default state and the static image built with the site
 * (src/pages/splats/[image].png.ts), so that the picture a reader sees before any script runs is the one
 * the live widget then draws.
 */
import type { OrbitCamera } from './camera.ts';
import { SCENES, type SceneName } from './worker/protocol.ts';

export type { SceneName };
export const SCENE_NAMES: readonly SceneName[] = SCENES;

export interface DefaultView {
  scene: SceneName;
  camera: OrbitCamera;
  /** Leaves of the scene (its Gaussians) and the seed it is generated with. */
  leafCount: number;
  seed: number;
  /** The cut's threshold, pixels. */
  tau: number;
  /** Image size, pixels. */
  width: number;
  height: number;
  /** Opaque background, sRGB in [0, 1]. */
  background: readonly [number, number, number];
  /** What the scene is, for text alternatives: "a procedural car". */
  subject: string;
}

export const DEFAULT_VIEWS: Readonly<Record<SceneName, DefaultView>> = {
  car: {
    scene: 'car',
    camera: { target: [0, 0.7, 0], distance: 6, yaw: 0.7, pitch: 0.28, fovy: 0.8 },
    leafCount: 200_000,
    seed: 1,
    tau: 8,
    width: 960,
    height: 600,
    background: [0.96, 0.96, 0.95],
    subject: 'a procedural car',
  },
  landscape: {
    scene: 'landscape',
    // From the south-east, so that the snow-capped hill and the ploughed field sit mid-picture among the trees.
    camera: { target: [0, 1, 0], distance: 75, yaw: 2.3, pitch: 0.5, fovy: 0.8 },
    leafCount: 200_000,
    seed: 1,
    tau: 8,
    width: 960,
    height: 600,
    background: [0.78, 0.87, 0.95],
    subject: 'a procedural landscape of hills, trees and rocks',
  },
};

/**
 * The alt text of a view's image, given how many nodes its cut draws and how many of those are leaves (the
 * scene's own splats; the others are merges).
 */
export function describeView(view: DefaultView, drawn: number, leavesDrawn: number): string {
  const subject = view.subject.charAt(0).toUpperCase() + view.subject.slice(1);
  const count = (n: number) => n.toLocaleString('en-US');
  const how =
    leavesDrawn === view.leafCount
      ? 'every one drawn as itself'
      : `drawn as ${count(drawn)} splats of its level-of-detail tree (${count(drawn - leavesDrawn)} of them merges)`;
  return `${subject} of ${count(view.leafCount)} Gaussian splats, ${how} at τ = ${view.tau} px.`;
}
