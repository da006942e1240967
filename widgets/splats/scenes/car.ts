/**
 * The essays' running example as splats: a car about 4.5 m long (x forward, y up, wheels on y = 0).
 * Detail at several scales, so that zooming out visibly merges it: body and cabin (metres), wheels and
 * windows (decimetres), spokes, tread, grille bars and bonnet stripes (centimetres).
 */
import type { Gaussians } from '../types.ts';
import { customPart, disc, setColor, setSample, solid, superellipsoid, torusZ, type Paint } from './shapes.ts';
import { SAMPLE_NX, SAMPLE_X, splatSurfaces, surfaceLabels, type SurfacePart } from './surface-splats.ts';

const PAINT: [number, number, number] = [0.72, 0.06, 0.04];
const STRIPE: [number, number, number] = [0.92, 0.92, 0.9];
const GLASS: [number, number, number] = [0.07, 0.11, 0.17];
const RUBBER: [number, number, number] = [0.05, 0.05, 0.055];
const CHROME: [number, number, number] = [0.75, 0.76, 0.8];

const BODY_CENTER = [0, 0.62, 0] as const;
const CABIN_CENTER = [-0.3, 0.98, 0] as const;
const WHEEL_X = 1.4;
const WHEEL_Z = 0.86;
const WHEEL_Y = 0.36;
const TYRE_MAJOR = 0.24;
const TYRE_MINOR = 0.11;

/** Two white stripes along the top, either side of the centre line. */
function paintWithStripes(out: Float64Array): void {
  const z = Math.abs(out[SAMPLE_X + 2]);
  if (out[SAMPLE_NX + 1] > 0.5 && z > 0.1 && z < 0.24) setColor(out, ...STRIPE);
  else setColor(out, ...PAINT);
}

const paintBody: Paint = (out) => {
  if (out[SAMPLE_X + 1] < 0.33) setColor(out, 0.12, 0.12, 0.12); // the sills and underside
  else paintWithStripes(out);
};

/** Glass on the cabin's steep faces between sill and roof, except the pillar between the side windows. */
const paintCabin: Paint = (out) => {
  const y = out[SAMPLE_X + 1];
  const steep = Math.abs(out[SAMPLE_NX + 1]) < 0.8;
  const bPillar = Math.abs(out[SAMPLE_X] - CABIN_CENTER[0]) < 0.06 && Math.abs(out[SAMPLE_NX + 2]) > 0.5;
  if (steep && y > 1.03 && y < 1.34 && !bPillar) setColor(out, ...GLASS);
  else paintWithStripes(out);
};

function paintTyre(centerX: number): Paint {
  return (out) => {
    const outward = (out[SAMPLE_X] - centerX) * out[SAMPLE_NX] + (out[SAMPLE_X + 1] - WHEEL_Y) * out[SAMPLE_NX + 1];
    const around = Math.atan2(out[SAMPLE_X + 1] - WHEEL_Y, out[SAMPLE_X] - centerX);
    const groove = Math.floor((around * 36) / Math.PI) & 1;
    if (outward > 0.6 * TYRE_MAJOR && groove) setColor(out, 0.13, 0.13, 0.14);
    else setColor(out, ...RUBBER);
  };
}

/** Five spokes, a hub and a rim lip in chrome; the gaps between spokes dark. */
function paintRim(centerX: number): Paint {
  return (out) => {
    const dx = out[SAMPLE_X] - centerX;
    const dy = out[SAMPLE_X + 1] - WHEEL_Y;
    const r = Math.hypot(dx, dy);
    const sector = (2 * Math.PI) / 5;
    const angle = Math.atan2(dy, dx) + Math.PI;
    const spoke = angle % sector < 0.28;
    if (r < 0.04 || r > 0.125 || spoke) setColor(out, ...CHROME);
    else setColor(out, 0.06, 0.06, 0.07);
  };
}

/** The grille: a flat panel at the front with horizontal chrome bars. */
const grille = customPart(
  0.17 * 0.9,
  (random, out) => setSample(out, 2.245, 0.45 + 0.17 * random(), -0.45 + 0.9 * random(), 1, 0, 0),
  (out) => {
    if (Math.floor((out[SAMPLE_X + 1] - 0.45) / 0.025) & 1) setColor(out, ...CHROME);
    else setColor(out, 0.03, 0.03, 0.03);
  },
);

/** The car's named parts, the labels of `carPartLabels` (a wheel is a tyre and a rim). */
export const CAR_PART_NAMES = ['body', 'cabin', 'grille', 'tyre', 'rim', 'headlight', 'taillight'] as const;
type CarPartName = (typeof CAR_PART_NAMES)[number];

function carParts(): { name: CarPartName; surface: SurfacePart }[] {
  const parts: { name: CarPartName; surface: SurfacePart }[] = [
    { name: 'body', surface: superellipsoid(BODY_CENTER, [2.25, 0.36, 0.92], 6, paintBody) },
    { name: 'cabin', surface: superellipsoid(CABIN_CENTER, [1.3, 0.42, 0.82], 4, paintCabin, true) },
    { name: 'grille', surface: grille },
  ];
  for (const x of [WHEEL_X, -WHEEL_X]) {
    for (const side of [1, -1] as const) {
      parts.push({ name: 'tyre', surface: torusZ([x, WHEEL_Y, side * WHEEL_Z], TYRE_MAJOR, TYRE_MINOR, paintTyre(x)) });
      parts.push({ name: 'rim', surface: disc([x, WHEEL_Y, side * (WHEEL_Z + 0.05)], 0.15, 2, side, paintRim(x)) });
    }
  }
  for (const side of [1, -1]) {
    parts.push({ name: 'headlight', surface: disc([2.23, 0.72, side * 0.6], 0.12, 0, 1, solid(1, 0.95, 0.75)) });
    parts.push({ name: 'taillight', surface: disc([-2.23, 0.75, side * 0.65], 0.1, 0, -1, solid(0.85, 0.04, 0.03)) });
  }
  return parts;
}

/** `count` splats on the car's surfaces; the same (count, seed) gives the same arrays bit for bit. */
export function carScene(count: number, seed: number): Gaussians {
  return splatSurfaces(carParts().map((p) => p.surface), count, seed);
}

/** The named part (index into CAR_PART_NAMES) each splat of `carScene(count, ·)` lies on, whatever the seed. */
export function carPartLabels(count: number): Uint8Array {
  const parts = carParts();
  const bySurface = surfaceLabels(parts.map((p) => p.surface), count);
  const names = Uint8Array.from(parts, (p) => CAR_PART_NAMES.indexOf(p.name));
  return bySurface.map((s) => names[s]!);
}
