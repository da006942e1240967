import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NEAR, PITCH_LIMIT, cameraPosition, focalPixels, toCamera, toPixels, viewMatrix, wrapAngle, type OrbitCamera } from '../../../widgets/splats/camera.ts';
import { drag, key, pinchFactor, wheelFactor, zoom } from '../../../widgets/splats/orbit-input.ts';

const camera = (over: Partial<OrbitCamera> = {}): OrbitCamera => ({ target: [1, 2, 3], yaw: 0.7, pitch: 0.3, distance: 5, fovy: 0.8, ...over });
const angles = { yaw: fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), pitch: fc.double({ min: -PITCH_LIMIT, max: PITCH_LIMIT, noNaN: true }) };

describe('orbit camera', () => {
  it('sits at its distance from the target', () => {
    fc.assert(
      fc.property(angles.yaw, angles.pitch, fc.double({ min: 0.1, max: 1000, noNaN: true }), (yaw, pitch, distance) => {
        const c = camera({ yaw, pitch, distance });
        const p = cameraPosition(c);
        expect(Math.hypot(p[0] - 1, p[1] - 2, p[2] - 3)).toBeCloseTo(distance, 6);
      }),
    );
  });

  it('sees the target straight ahead at the distance, at the image centre', () => {
    fc.assert(
      fc.property(angles.yaw, angles.pitch, (yaw, pitch) => {
        const c = camera({ yaw, pitch });
        const t = toCamera(viewMatrix(c), c.target);
        expect(t[0]).toBeCloseTo(0, 4);
        expect(t[1]).toBeCloseTo(0, 4);
        expect(t[2]).toBeCloseTo(-5, 4);
        const px = toPixels(t, c.fovy, 800, 600)!;
        expect(px.x).toBeCloseTo(400, 2);
        expect(px.y).toBeCloseTo(300, 2);
      }),
    );
  });

  it('has an orthonormal rotation, and keeps world up pointing up on screen', () => {
    const v = viewMatrix(camera());
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = v[a]! * v[b]! + v[4 + a]! * v[4 + b]! + v[8 + a]! * v[8 + b]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 6);
      }
    }
    const c = camera({ pitch: 0 });
    const above = toPixels(toCamera(viewMatrix(c), [1, 3, 3]), c.fovy, 800, 600)!;
    expect(above.y).toBeLessThan(300); // pixel y points down
  });

  it('maps the top of the field of view to the top edge of the image', () => {
    const c = camera({ pitch: 0, yaw: 0, target: [0, 0, 0], distance: 10 });
    const f = focalPixels(c.fovy, 600);
    expect(f).toBeCloseTo(300 / Math.tan(0.4), 9);
    const topOfView = [0, 10 * Math.tan(c.fovy / 2), 0]; // in the target's plane, 10 m away
    expect(toPixels(toCamera(viewMatrix(c), topOfView), c.fovy, 800, 600)!.y).toBeCloseTo(0, 3);
  });

  it('culls points behind the near plane', () => {
    expect(toPixels([0, 0, -NEAR / 2], 0.8, 10, 10)).toBeNull();
    expect(toPixels([0, 0, 1], 0.8, 10, 10)).toBeNull();
  });

  it('wraps angles into (−π, π]', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), (a) => {
        const w = wrapAngle(a);
        expect(w).toBeGreaterThan(-Math.PI);
        expect(w).toBeLessThanOrEqual(Math.PI);
        expect(Math.cos(w)).toBeCloseTo(Math.cos(a), 9);
        expect(Math.sin(w)).toBeCloseTo(Math.sin(a), 9);
      }),
    );
  });
});

describe('orbit input', () => {
  const range = { minDistance: 2, maxDistance: 50 };
  const o = { yaw: 0, pitch: 0, distance: 10 };

  it('turns by half a turn for a drag across the whole height, and clamps the pitch', () => {
    expect(drag(o, -300, 0, 600).yaw).toBeCloseTo(Math.PI / 2, 9);
    expect(drag(o, 0, 10_000, 600).pitch).toBe(PITCH_LIMIT);
    expect(drag(o, 0, -10_000, 600).pitch).toBe(-PITCH_LIMIT);
  });

  it('zooms within the range and ignores nonsense factors', () => {
    expect(zoom(o, 100, range).distance).toBe(50);
    expect(zoom(o, 0.001, range).distance).toBe(2);
    expect(zoom(o, NaN, range)).toBe(o);
    expect(zoom(o, -1, range)).toBe(o);
    expect(zoom(o, Infinity, range)).toBe(o);
  });

  it('makes one wheel notch one zoom step, and bounds a huge wheel delta', () => {
    expect(wheelFactor(100)).toBeCloseTo(1.15, 9);
    expect(wheelFactor(-100)).toBeCloseTo(1 / 1.15, 9);
    expect(wheelFactor(1e9)).toBe(wheelFactor(500));
    expect(pinchFactor(100, 200)).toBe(0.5);
    expect(pinchFactor(0, 200)).toBe(1);
  });

  it('orbits with the arrow keys and zooms with + and −, which undo each other', () => {
    expect(key(key(o, 'ArrowLeft', range), 'ArrowRight', range).yaw).toBeCloseTo(0, 12);
    expect(key(o, 'ArrowUp', range).pitch).toBeGreaterThan(0);
    expect(key(o, 'ArrowUp', range, true).pitch).toBeLessThan(key(o, 'ArrowUp', range).pitch);
    expect(key(key(o, '+', range), '-', range).distance).toBeCloseTo(10, 9);
    expect(key(o, '+', range).distance).toBeLessThan(10);
  });
});
