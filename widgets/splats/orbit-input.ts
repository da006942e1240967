/**
 * How the reader's input moves the orbit camera: pure functions from a camera and an input to the next
 * camera, so that mouse, touch and keyboard behave the same and are tested in Node. The view
 * (SplatHierarchyView.svelte) only turns DOM events into these calls.
 */
import { clampPitch, wrapAngle } from './camera.ts';

export interface Orbit {
  yaw: number;
  pitch: number;
  distance: number;
}

export interface DistanceRange {
  minDistance: number;
  maxDistance: number;
}

/** A drag across the full height of the canvas turns the camera by this much (radians). */
const DRAG_TURN_PER_HEIGHT = Math.PI;
/** One arrow-key press, radians (5°), and one zoom step (×1.15 or ÷1.15). */
const KEY_TURN = (5 * Math.PI) / 180;
const ZOOM_STEP = 1.15;

function clampDistance(d: number, range: DistanceRange): number {
  return Math.min(range.maxDistance, Math.max(range.minDistance, d));
}

/** Dragging right turns the scene to the right (the camera moves left); dragging up raises the camera. */
export function drag(o: Orbit, dxPixels: number, dyPixels: number, heightPixels: number): Orbit {
  const k = DRAG_TURN_PER_HEIGHT / Math.max(1, heightPixels);
  return { ...o, yaw: wrapAngle(o.yaw - dxPixels * k), pitch: clampPitch(o.pitch + dyPixels * k) };
}

/** Zoom by a factor (> 1 moves away), e.g. a wheel tick or a pinch's change of finger distance. */
export function zoom(o: Orbit, factor: number, range: DistanceRange): Orbit {
  if (!(factor > 0) || !Number.isFinite(factor)) return o;
  return { ...o, distance: clampDistance(o.distance * factor, range) };
}

/**
 * A wheel event's deltaY in pixels (lines and pages converted by the caller) as a zoom factor: 100 px, one
 * notch of most mice, is one ZOOM_STEP.
 */
export function wheelFactor(deltaYPixels: number): number {
  const d = Math.max(-500, Math.min(500, deltaYPixels));
  return Math.pow(ZOOM_STEP, d / 100);
}

/** Two fingers: the ratio of their previous distance to the new one (spreading the fingers zooms in). */
export function pinchFactor(previousSpan: number, span: number): number {
  return span > 0 && previousSpan > 0 ? previousSpan / span : 1;
}

export type OrbitKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | '+' | '=' | '-' | '_';

/** The keys the canvas handles; anything else is left to the browser (Tab, scrolling, shortcuts). */
export function isOrbitKey(key: string): key is OrbitKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', '+', '=', '-', '_'].includes(key);
}

/** Arrow keys orbit (Shift for a finer 1° step), + and − zoom. */
export function key(o: Orbit, k: OrbitKey, range: DistanceRange, fine = false): Orbit {
  const turn = fine ? KEY_TURN / 5 : KEY_TURN;
  switch (k) {
    case 'ArrowLeft':
      return { ...o, yaw: wrapAngle(o.yaw + turn) };
    case 'ArrowRight':
      return { ...o, yaw: wrapAngle(o.yaw - turn) };
    case 'ArrowUp':
      return { ...o, pitch: clampPitch(o.pitch + turn) };
    case 'ArrowDown':
      return { ...o, pitch: clampPitch(o.pitch - turn) };
    case '+':
    case '=':
      return zoom(o, 1 / ZOOM_STEP, range);
    case '-':
    case '_':
      return zoom(o, ZOOM_STEP, range);
  }
}
