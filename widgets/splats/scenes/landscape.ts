/**
 * A landscape as splats: an 80 m square of hilly terrain (a sum of sine waves from 60 m down to 1.5 m, plus
 * one large hill), coloured grass, rock on steep slopes, snow on the tops and a ploughed field in rows,
 * with trees (trunk and foliage) and rocks on it. Scales from tens of metres (hills) through metres (trees)
 * to decimetres (field rows, dappled foliage), so that zooming out merges detail level by level.
 */
import type { Gaussians } from '../types.ts';
import { mulberry32, uniform } from './random.ts';
import { customPart, cylinderY, setColor, setSample, superellipsoid, type Paint } from './shapes.ts';
import { SAMPLE_NX, SAMPLE_SIZE, SAMPLE_X, splatSurfaces, type SurfacePart } from './surface-splats.ts';

const HALF_SIZE = 40;
const TREES = 80;
const ROCKS = 40;
const WAVELENGTHS = [60, 35, 20, 12, 7, 4, 2.5, 1.5];
/**
 * Bound on the terrain's area element √(1 + |∇h|²) = 1 / n_y, for sampling by area: the eight waves' slopes
 * (0.05·λ · 2π/λ ≈ 0.31 each) and the hill's add up to at most about 2.6, so 1/n_y < 2.8.
 */
const MAX_AREA_ELEMENT = 3;
/** The terrain is seen at grazing angles from most views: its splats overlap more than COVERAGE's 0.7 spacing. */
const TERRAIN_COVERAGE = 1.2;
/** Grid cells per side for the terrain's true area (its slopes make it larger than the square it stands on). */
const AREA_GRID = 200;

interface Terrain {
  /** Height at (x, z). */
  height(x: number, z: number): number;
  /** Writes the terrain point above (x, z) and its normal into the sample. */
  place(x: number, z: number, out: Float64Array): void;
  snowLine: number;
}

/** ∫∫ √(1 + |∇h|²) dx dz over the square, by the midpoint rule (the area element is 1 / n_y). */
function terrainArea(terrain: Terrain, sample: Float64Array): number {
  const cell = (2 * HALF_SIZE) / AREA_GRID;
  let area = 0;
  for (let i = 0; i < AREA_GRID; i++) {
    for (let j = 0; j < AREA_GRID; j++) {
      terrain.place(-HALF_SIZE + (i + 0.5) * cell, -HALF_SIZE + (j + 0.5) * cell, sample);
      area += cell * cell / sample[SAMPLE_NX + 1];
    }
  }
  return area;
}

/**
 * A point uniform in area on the terrain (not in its (x, z) footprint, which would leave steep slopes with
 * fewer, more spread-out splats and let the sky show through): uniform (x, z), kept with probability ∝ 1/n_y.
 */
function placeByArea(terrain: Terrain, r: () => number, out: Float64Array): void {
  for (;;) {
    terrain.place(uniform(r, -HALF_SIZE, HALF_SIZE), uniform(r, -HALF_SIZE, HALF_SIZE), out);
    if (r() * MAX_AREA_ELEMENT * out[SAMPLE_NX + 1] < 1) return;
  }
}

/** h(x, z) = Σ a_k sin(k_k · (x, z) + φ_k) + a hill; its normal is (−∂h/∂x, 1, −∂h/∂z), normalised. */
function makeTerrain(random: () => number): Terrain {
  const waves = WAVELENGTHS.map((wavelength) => {
    const direction = uniform(random, 0, 2 * Math.PI);
    const k = (2 * Math.PI) / wavelength;
    return { kx: k * Math.cos(direction), kz: k * Math.sin(direction), amplitude: 0.05 * wavelength, phase: uniform(random, 0, 2 * Math.PI) };
  });
  const hillX = uniform(random, -15, 15);
  const hillZ = uniform(random, -15, 15);
  const hillHeight = 9;
  const hillWidth = 12;
  const parts = (x: number, z: number, gradient: Float64Array | null): number => {
    let h = 0;
    let gx = 0;
    let gz = 0;
    for (const wave of waves) {
      const angle = wave.kx * x + wave.kz * z + wave.phase;
      h += wave.amplitude * Math.sin(angle);
      const slope = wave.amplitude * Math.cos(angle);
      gx += slope * wave.kx;
      gz += slope * wave.kz;
    }
    const dx = x - hillX;
    const dz = z - hillZ;
    const hill = hillHeight * Math.exp(-(dx * dx + dz * dz) / (2 * hillWidth * hillWidth));
    h += hill;
    gx -= (hill * dx) / (hillWidth * hillWidth);
    gz -= (hill * dz) / (hillWidth * hillWidth);
    if (gradient) {
      gradient[0] = gx;
      gradient[1] = gz;
    }
    return h;
  };
  const gradient = new Float64Array(2);
  return {
    height: (x, z) => parts(x, z, null),
    place(x, z, out) {
      const h = parts(x, z, gradient);
      setSample(out, x, h, z, -gradient[0], 1, -gradient[1]);
    },
    snowLine: hillHeight * 0.8,
  };
}

function terrainPaint(terrain: Terrain, fieldX: number, fieldZ: number): Paint {
  return (out) => {
    const x = out[SAMPLE_X];
    const y = out[SAMPLE_X + 1];
    const z = out[SAMPLE_X + 2];
    if (y > terrain.snowLine) return setColor(out, 0.92, 0.93, 0.96);
    if (out[SAMPLE_NX + 1] < 0.8) return setColor(out, 0.42, 0.4, 0.37);
    if (Math.abs(x - fieldX) < 10 && Math.abs(z - fieldZ) < 7) {
      // Ploughed rows 0.5 m apart.
      return Math.sin(x * 4 * Math.PI) > 0 ? setColor(out, 0.55, 0.45, 0.2) : setColor(out, 0.32, 0.24, 0.12);
    }
    const dapple = 0.85 + 0.15 * Math.sin(x * 1.7) * Math.sin(z * 2.3);
    setColor(out, 0.2 * dapple, 0.45 * dapple, 0.12 * dapple);
  };
}

/** Foliage shaded darker underneath, with a slight per-tree hue. */
function foliagePaint(r: number, g: number, b: number): Paint {
  return (out) => {
    const light = 0.65 + 0.35 * Math.max(0, out[SAMPLE_NX + 1]);
    setColor(out, r * light, g * light, b * light);
  };
}

function landscapeParts(seed: number): SurfacePart[] {
  // Layout has its own stream, so it does not depend on how many splats are drawn.
  const random = mulberry32(seed ^ 0x5bd1e995);
  const terrain = makeTerrain(random);
  const fieldX = uniform(random, -20, 20);
  const fieldZ = uniform(random, -20, 20);
  const parts: SurfacePart[] = [
    {
      ...customPart(terrainArea(terrain, new Float64Array(SAMPLE_SIZE)), (r, out) => placeByArea(terrain, r, out), terrainPaint(terrain, fieldX, fieldZ)),
      coverage: TERRAIN_COVERAGE,
    },
  ];
  for (let t = 0; t < TREES; t++) {
    const x = uniform(random, -HALF_SIZE + 3, HALF_SIZE - 3);
    const z = uniform(random, -HALF_SIZE + 3, HALF_SIZE - 3);
    const ground = terrain.height(x, z) - 0.2;
    const trunk = uniform(random, 1.5, 3);
    parts.push(cylinderY([x, ground, z], uniform(random, 0.15, 0.3), trunk + 0.5, (out) => setColor(out, 0.3, 0.2, 0.1)));
    const green = foliagePaint(uniform(random, 0.05, 0.15), uniform(random, 0.3, 0.45), uniform(random, 0.05, 0.12));
    if (random() < 0.5) {
      // A conifer: three stacked, narrowing clusters.
      for (const [lift, radius] of [
        [0, 1.6],
        [1.1, 1.2],
        [2, 0.8],
      ]) {
        parts.push(superellipsoid([x, ground + trunk + lift, z], [radius, radius * 0.8, radius], 2, green));
      }
    } else {
      const radius = uniform(random, 1.8, 2.8);
      parts.push(superellipsoid([x, ground + trunk + radius * 0.7, z], [radius, radius * 0.8, radius], 2, green));
    }
  }
  for (let k = 0; k < ROCKS; k++) {
    const x = uniform(random, -HALF_SIZE, HALF_SIZE);
    const z = uniform(random, -HALF_SIZE, HALF_SIZE);
    const size = uniform(random, 0.4, 1.5);
    const grey = uniform(random, 0.35, 0.55);
    parts.push(superellipsoid([x, terrain.height(x, z), z], [size, size * 0.6, size * uniform(random, 0.6, 1.2)], 3, (out) => setColor(out, grey, grey * 0.97, grey * 0.92)));
  }
  return parts;
}

/** `count` splats on the terrain, trees and rocks; the same (count, seed) gives the same arrays bit for bit. */
export function landscapeScene(count: number, seed: number): Gaussians {
  return splatSurfaces(landscapeParts(seed), count, seed);
}
