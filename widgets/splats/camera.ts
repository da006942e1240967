/**
 * The splat widget's orbit camera: it circles a target point at a distance, turned by yaw (about the world's
 * up axis, y) and pitch (above the horizon). Pure math shared by the cut (camera position), both renderers
 * (view matrix, focal length) and the static-image rasteriser, so all of them see the same view.
 *
 * Conventions (the same as WebGL's and WebGPU's usual ones): right-handed world, y up; camera space has x to
 * the right, y up and the camera looking down −z, so a point in front has depth d = −z_camera > 0. Matrices
 * are 4×4, column-major in a Float32Array (element (row r, column c) at index 4c + r), as both APIs upload.
 * Pixels: x to the right, y down, origin at the top-left corner, in device pixels.
 */

export interface OrbitCamera {
  /** The point the camera looks at and orbits, world units. */
  target: readonly [number, number, number];
  /** Turn about the world's y axis, radians; 0 looks along −z from the +z side. */
  yaw: number;
  /** Elevation above the target's horizon, radians, within ±PITCH_LIMIT. */
  pitch: number;
  /** Distance from the target, world units, > 0. */
  distance: number;
  /** Vertical field of view, radians. */
  fovy: number;
}

/** Just short of straight up or down, where the orbit's "up" would flip. */
export const PITCH_LIMIT = (85 * Math.PI) / 180;
/** Nearest depth a splat is drawn at (world units); closer ones are culled. */
export const NEAR = 0.05;

export function cameraPosition(c: OrbitCamera): [number, number, number] {
  const cp = Math.cos(c.pitch);
  return [
    c.target[0] + c.distance * cp * Math.sin(c.yaw),
    c.target[1] + c.distance * Math.sin(c.pitch),
    c.target[2] + c.distance * cp * Math.cos(c.yaw),
  ];
}

/**
 * World → camera as a column-major 4×4 (a look-at from the camera position to the target, world y up).
 * Rows of the rotation are the camera's right, up and backward axes in world coordinates.
 */
export function viewMatrix(c: OrbitCamera, out = new Float32Array(16)): Float32Array {
  const eye = cameraPosition(c);
  // Backward axis (camera +z) points from the target to the eye.
  const cp = Math.cos(c.pitch);
  const back = [cp * Math.sin(c.yaw), Math.sin(c.pitch), cp * Math.cos(c.yaw)] as const;
  // right = up_world × back, normalised; |up × back| = cos(pitch) > 0 within the pitch limit.
  const rl = Math.hypot(back[2], back[0]);
  const right = [back[2] / rl, 0, -back[0] / rl] as const;
  // up = back × right.
  const up = [
    back[1] * right[2] - back[2] * right[1],
    back[2] * right[0] - back[0] * right[2],
    back[0] * right[1] - back[1] * right[0],
  ] as const;
  const axes = [right, up, back];
  for (let r = 0; r < 3; r++) {
    const a = axes[r]!;
    out[r] = a[0];
    out[4 + r] = a[1];
    out[8 + r] = a[2];
    out[12 + r] = -(a[0] * eye[0] + a[1] * eye[1] + a[2] * eye[2]);
  }
  out[3] = 0;
  out[7] = 0;
  out[11] = 0;
  out[15] = 1;
  return out;
}

/** Focal length in pixels for a viewport `height` pixels high: f = H / (2 tan(fovy/2)); square pixels. */
export function focalPixels(fovy: number, height: number): number {
  return height / (2 * Math.tan(fovy / 2));
}

/** A point in world space → camera space, with the column-major view matrix. */
export function toCamera(view: ArrayLike<number>, p: ArrayLike<number>): [number, number, number] {
  const x = p[0]!;
  const y = p[1]!;
  const z = p[2]!;
  return [
    view[0]! * x + view[4]! * y + view[8]! * z + view[12]!,
    view[1]! * x + view[5]! * y + view[9]! * z + view[13]!,
    view[2]! * x + view[6]! * y + view[10]! * z + view[14]!,
  ];
}

/**
 * A camera-space point → pixel coordinates (x right, y down) and its depth d = −z, for a width × height
 * viewport; null behind the near plane.
 */
export function toPixels(
  pc: readonly [number, number, number],
  fovy: number,
  width: number,
  height: number,
): { x: number; y: number; depth: number } | null {
  const depth = -pc[2];
  if (depth < NEAR) return null;
  const f = focalPixels(fovy, height);
  return { x: width / 2 + (f * pc[0]) / depth, y: height / 2 - (f * pc[1]) / depth, depth };
}

/** Wraps an angle into (−π, π], so that yaw stays small in URLs however far the reader spins. */
export function wrapAngle(a: number): number {
  const t = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return t <= -Math.PI ? t + 2 * Math.PI : t;
}

export function clampPitch(p: number): number {
  return Math.max(-PITCH_LIMIT, Math.min(PITCH_LIMIT, p));
}
