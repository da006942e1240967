/**
 * The splat hierarchy widget's URL state, one typed schema:
 *   scene    car | landscape
 *   leaves   the scene's size in splats: 20000 | 50000 | 200000 | 1000000
 *   yaw      degrees, −180…180 (one decimal), turn about the vertical
 *   pitch    degrees, −85…85 (one decimal), elevation
 *   dist     camera distance from the scene's centre, metres (two decimals), clamped to the scene's range
 *            (absent, each of the three is the scene's opening view: a link to the landscape without a
 *            camera opens on the landscape's view, not on the car's numbers)
 *   tau      the cut's pixel threshold τ, 0…64 px (one decimal): a node is drawn once it looks smaller
 *   mode     cut (the level-of-detail cut at τ) | level (one level of the tree, `level`)
 *   level    the level shown in "level" mode, 0…MAX_LEVEL (deeper requests show the leaves)
 *   color    scene (the splats' own colours) | level (each splat coloured by its tree level)
 *   backend  auto | webgpu | webgl2 (auto measures nothing: WebGPU when it starts, else WebGL2)
 * e.g. `?splats.scene=landscape&splats.tau=8&splats.color=level`.
 * Invalid values fall back to the defaults silently (url-state.ts), and the camera is clamped to what the
 * scene allows, so no link can put the camera inside the car or a kilometre from it.
 */
import { enumField, field, type Field, type StateOf } from '../runtime/url-state.ts';
import { PITCH_LIMIT, clampPitch, type OrbitCamera } from './camera.ts';
import { DEFAULT_VIEWS } from './default-views.ts';
import { SCENES, type SceneName } from './worker/protocol.ts';

export const LEAF_COUNTS = [20_000, 50_000, 200_000, 1_000_000] as const;
type LeafCount = (typeof LEAF_COUNTS)[number];
const MODES = ['cut', 'level'] as const;
const COLORINGS = ['scene', 'level'] as const;
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl2'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export const MAX_TAU = 64;
/** Deeper than any tree the scenes make at 1M leaves (the car's is 18 levels). */
export const MAX_LEVEL = 24;

/** Where each scene's camera looks, how far it may move, and the view it opens on (default-views.ts). */
export interface SceneFrame {
  target: readonly [number, number, number];
  minDistance: number;
  maxDistance: number;
  yaw: number;
  pitch: number;
  distance: number;
  fovy: number;
  /** Opaque background, sRGB. */
  background: readonly [number, number, number];
}

function sceneFrame(scene: SceneName, minDistance: number, maxDistance: number): SceneFrame {
  const { camera, background } = DEFAULT_VIEWS[scene];
  return { ...camera, minDistance, maxDistance, background };
}

export const SCENE_FRAMES: Record<SceneName, SceneFrame> = {
  car: sceneFrame('car', 2.5, 400),
  landscape: sceneFrame('landscape', 8, 1500),
};

const DEG = Math.PI / 180;

/** A decimal number in [min, max] written with `decimals` digits; anything else (exponents, hex, NaN) is invalid. */
function decimalField(opts: { min: number; max: number; decimals: number; default: number }): Field<number> {
  const { min, max, decimals } = opts;
  const pattern = new RegExp(`^-?\\d{1,6}(\\.\\d{1,${decimals}})?$`);
  return field({
    default: opts.default,
    type: `number ${min}…${max}, ${decimals} decimal${decimals === 1 ? '' : 's'}`,
    encode: (v) => String(Number(v.toFixed(decimals))),
    decode: (raw) => {
      if (!pattern.test(raw)) return undefined;
      const v = Number(raw);
      return v >= min && v <= max ? v : undefined;
    },
  });
}

/**
 * A camera number, or null for "the scene's opening view" (the default, written as nothing): the opening
 * views differ per scene, and a schema default cannot.
 */
function cameraField(opts: { min: number; max: number; decimals: number }): Field<number | null> {
  const number = decimalField({ ...opts, default: 0 });
  return field<number | null>({
    default: null,
    type: `${number.type}, or empty for the scene's opening view`,
    encode: (v) => (v === null ? '' : number.encode(v)),
    decode: (raw) => (raw === '' ? null : number.decode(raw)),
  });
}

function oneOfNumbers<const V extends number>(values: readonly V[], defaultValue: V): Field<V> {
  return field({
    default: defaultValue,
    type: `one of ${values.join(', ')}`,
    encode: (v) => String(v),
    decode: (raw) => values.find((v) => String(v) === raw),
  });
}

export const splatSchema = {
  scene: enumField(SCENES, 'car'),
  leaves: oneOfNumbers(LEAF_COUNTS, DEFAULT_VIEWS.car.leafCount as LeafCount),
  yaw: cameraField({ min: -180, max: 180, decimals: 1 }),
  pitch: cameraField({ min: -PITCH_LIMIT / DEG, max: PITCH_LIMIT / DEG, decimals: 1 }),
  dist: cameraField({ min: 0, max: 100_000, decimals: 2 }),
  tau: decimalField({ min: 0, max: MAX_TAU, decimals: 1, default: DEFAULT_VIEWS.car.tau }),
  mode: enumField(MODES, 'cut'),
  level: field<number>({
    default: 6,
    type: `integer 0…${MAX_LEVEL}`,
    encode: (v) => String(v),
    decode: (raw) => (/^\d{1,2}$/.test(raw) && Number(raw) <= MAX_LEVEL ? Number(raw) : undefined),
  }),
  color: enumField(COLORINGS, 'scene'),
  backend: enumField(BACKEND_CHOICES, 'auto'),
};

export type SplatState = StateOf<typeof splatSchema>;

function round(x: number, decimals: number): number {
  const k = 10 ** decimals;
  return Math.round(x * k) / k || 0; // `|| 0`: no −0 in a URL
}

/** Degrees rounded to one decimal, then wrapped into (−180, 180] (rounding first keeps this idempotent). */
function wrapDegrees(deg: number): number {
  const r = round(deg, 1);
  const w = r - 360 * Math.floor((r + 180) / 360);
  return round(w <= -180 ? w + 360 : w, 1);
}

/** The camera of a state in URL units (degrees, metres), with the scene's opening view filled in. */
export interface CameraNumbers {
  yaw: number;
  pitch: number;
  dist: number;
}

function openingNumbers(scene: SceneName): CameraNumbers {
  const frame = SCENE_FRAMES[scene];
  return { yaw: wrapDegrees(frame.yaw / DEG), pitch: round(frame.pitch / DEG, 1), dist: round(frame.distance, 2) };
}

export function cameraNumbers(s: SplatState): CameraNumbers {
  const opening = openingNumbers(s.scene);
  return { yaw: s.yaw ?? opening.yaw, pitch: s.pitch ?? opening.pitch, dist: s.dist ?? opening.dist };
}

/**
 * A state the widget can show: the camera wrapped and clamped to the scene, numbers rounded to what the URL
 * keeps (so that a copied link reopens exactly the view on screen), and a camera number equal to the scene's
 * opening view stored as null (so the link leaves it out).
 */
export function normalizeState(s: SplatState): SplatState {
  const frame = SCENE_FRAMES[s.scene];
  const opening = openingNumbers(s.scene);
  const c = cameraNumbers(s);
  const yaw = wrapDegrees(c.yaw);
  const pitch = round(clampPitch(c.pitch * DEG) / DEG, 1);
  const dist = round(Math.min(frame.maxDistance, Math.max(frame.minDistance, c.dist)), 2);
  return {
    ...s,
    yaw: yaw === opening.yaw ? null : yaw,
    pitch: pitch === opening.pitch ? null : pitch,
    dist: dist === opening.dist ? null : dist,
    tau: round(Math.min(MAX_TAU, Math.max(0, s.tau)), 1),
    level: Math.min(MAX_LEVEL, Math.max(0, Math.round(s.level))),
  };
}

/** Switching scene puts the camera where that scene opens (another scene's distance would mean nothing). */
export function withScene(s: SplatState, scene: SceneName): SplatState {
  if (scene === s.scene) return s;
  return normalizeState({ ...s, scene, yaw: null, pitch: null, dist: null });
}

/** The orbit camera of a state. */
export function stateCamera(s: SplatState): OrbitCamera {
  const frame = SCENE_FRAMES[s.scene];
  const c = cameraNumbers(s);
  return { target: frame.target, yaw: c.yaw * DEG, pitch: c.pitch * DEG, distance: c.dist, fovy: frame.fovy };
}

/** The camera part of a state from an orbit camera (inverse of stateCamera, rounded as the URL keeps it). */
export function withCamera(s: SplatState, c: Pick<OrbitCamera, 'yaw' | 'pitch' | 'distance'>): SplatState {
  return normalizeState({ ...s, yaw: c.yaw / DEG, pitch: c.pitch / DEG, dist: c.distance });
}
