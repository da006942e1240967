/**
 * Surface parts the scenes are built from: superellipsoids (rounded boxes, ellipsoids), tori, discs,
 * cylinders. Each samples positions and unit normals; a `paint` callback then colours the sample from its
 * position and normal, which is how a scene puts windows, spokes or stripes on a plain shape.
 */
import { SAMPLE_NX, SAMPLE_R, SAMPLE_X, type SurfacePart } from './surface-splats.ts';

export type Vec3 = readonly [number, number, number];
/** Sets out[6 … 8] (r g b) from out[0 … 5] (position, normal). */
export type Paint = (out: Float64Array) => void;

export function solid(r: number, g: number, b: number): Paint {
  return (out) => setColor(out, r, g, b);
}

export function setColor(out: Float64Array, r: number, g: number, b: number): void {
  out[SAMPLE_R] = r;
  out[SAMPLE_R + 1] = g;
  out[SAMPLE_R + 2] = b;
}

export function setSample(out: Float64Array, x: number, y: number, z: number, nx: number, ny: number, nz: number): void {
  const length = Math.hypot(nx, ny, nz) || 1;
  out[SAMPLE_X] = x;
  out[SAMPLE_X + 1] = y;
  out[SAMPLE_X + 2] = z;
  out[SAMPLE_NX] = nx / length;
  out[SAMPLE_NX + 1] = ny / length;
  out[SAMPLE_NX + 2] = nz / length;
}

/**
 * The surface |x/a|^p + |y/b|^p + |z/c|^p = 1 around `center` (half-extents a, b, c): an ellipsoid at p = 2,
 * a box with rounder edges as p falls towards 2. Points are uniform directions pushed out to the surface
 * (not uniform in area: denser near the corners, which suits edges). `upperHalf` mirrors points below
 * the centre to above it (a cabin on a body). Normal: the gradient, sign(x)·|x/a|^(p−1)/a per axis.
 */
export function superellipsoid(center: Vec3, half: Vec3, power: number, paint: Paint, upperHalf = false): SurfacePart {
  const ellipsoidArea = 4 * Math.PI * ((((half[0] * half[1]) ** 1.6 + (half[0] * half[2]) ** 1.6 + (half[1] * half[2]) ** 1.6) / 3) ** (1 / 1.6));
  const boxArea = 8 * (half[0] * half[1] + half[0] * half[2] + half[1] * half[2]);
  const boxiness = 1 - 2 / power;
  const area = (ellipsoidArea + boxiness * (boxArea - ellipsoidArea)) / (upperHalf ? 2 : 1);
  return {
    area,
    sample(random, out) {
      const uz = 2 * random() - 1;
      const azimuth = 2 * Math.PI * random();
      const ring = Math.sqrt(1 - uz * uz);
      let ux = ring * Math.cos(azimuth);
      let uy = ring * Math.sin(azimuth);
      if (upperHalf) uy = Math.abs(uy);
      const norm = (Math.abs(ux) ** power + Math.abs(uy) ** power + Math.abs(uz) ** power) ** (1 / power);
      ux /= norm;
      const vy = uy / norm;
      const vz = uz / norm;
      setSample(
        out,
        center[0] + half[0] * ux,
        center[1] + half[1] * vy,
        center[2] + half[2] * vz,
        superellipsoidGradient(ux, half[0], power),
        superellipsoidGradient(vy, half[1], power),
        superellipsoidGradient(vz, half[2], power),
      );
      paint(out);
    },
  };
}

function superellipsoidGradient(v: number, half: number, power: number): number {
  return (Math.sign(v) * Math.abs(v) ** (power - 1)) / half;
}

/**
 * A torus around the z axis through `center` (a tyre): tube radius `minor` around a circle of radius
 * `major`. Sampled in area: the angle around the tube is kept with probability ∝ its ring's circumference.
 */
export function torusZ(center: Vec3, major: number, minor: number, paint: Paint): SurfacePart {
  return {
    area: 4 * Math.PI * Math.PI * major * minor,
    sample(random, out) {
      let tube = 2 * Math.PI * random();
      while (random() * (major + minor) > major + minor * Math.cos(tube)) tube = 2 * Math.PI * random();
      const around = 2 * Math.PI * random();
      const ring = major + minor * Math.cos(tube);
      const cx = Math.cos(around);
      const cy = Math.sin(around);
      setSample(
        out,
        center[0] + ring * cx,
        center[1] + ring * cy,
        center[2] + minor * Math.sin(tube),
        Math.cos(tube) * cx,
        Math.cos(tube) * cy,
        Math.sin(tube),
      );
      paint(out);
    },
  };
}

/** A flat disc of `radius` facing along ±axis (0 x, 1 y, 2 z), uniform in area (r = R√u). */
export function disc(center: Vec3, radius: number, axis: 0 | 1 | 2, side: 1 | -1, paint: Paint): SurfacePart {
  const [a, b] = axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
  // Scratch, once per part: nothing is allocated per splat.
  const p = new Float64Array(3);
  const n = new Float64Array(3);
  return {
    area: Math.PI * radius * radius,
    sample(random, out) {
      const r = radius * Math.sqrt(random());
      const angle = 2 * Math.PI * random();
      p[0] = center[0];
      p[1] = center[1];
      p[2] = center[2];
      n.fill(0);
      p[a] += r * Math.cos(angle);
      p[b] += r * Math.sin(angle);
      n[axis] = side;
      setSample(out, p[0], p[1], p[2], n[0], n[1], n[2]);
      paint(out);
    },
  };
}

/** The side of an upright cylinder standing on `base` (a tree trunk). */
export function cylinderY(base: Vec3, radius: number, height: number, paint: Paint): SurfacePart {
  return {
    area: 2 * Math.PI * radius * height,
    sample(random, out) {
      const angle = 2 * Math.PI * random();
      const cx = Math.cos(angle);
      const cz = Math.sin(angle);
      setSample(out, base[0] + radius * cx, base[1] + height * random(), base[2] + radius * cz, cx, 0, cz);
      paint(out);
    },
  };
}

/** A part with its own sampler (a heightfield, say), for shapes not worth a general factory. */
export function customPart(area: number, place: (random: () => number, out: Float64Array) => void, paint: Paint): SurfacePart {
  return {
    area,
    sample(random, out) {
      place(random, out);
      paint(out);
    },
  };
}
