import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeState, defaultState, encodeState } from '../../../widgets/runtime/url-state.ts';
import { SCENE_FRAMES, normalizeState, splatSchema, stateCamera, withCamera, withScene } from '../../../widgets/splats/state.ts';

const ns = 'splats';
const roundTrip = (s: ReturnType<typeof defaultState<typeof splatSchema>>) =>
  decodeState(splatSchema, new URLSearchParams(encodeState(splatSchema, s, ns)), ns);

describe('splat widget URL state', () => {
  it('opens on the car, at the scene frame\'s camera', () => {
    const s = defaultState(splatSchema);
    expect(s.scene).toBe('car');
    const c = stateCamera(s);
    expect(c.distance).toBe(SCENE_FRAMES.car.distance);
    expect(c.yaw).toBeCloseTo(SCENE_FRAMES.car.yaw, 3);
    expect(normalizeState(s)).toEqual(s);
  });

  it('round-trips every normalised state exactly', () => {
    fc.assert(
      fc.property(
        fc.record({
          scene: fc.constantFrom('car' as const, 'landscape' as const),
          leaves: fc.constantFrom(20_000 as const, 50_000 as const, 200_000 as const, 1_000_000 as const),
          yaw: fc.option(fc.double({ min: -1000, max: 1000, noNaN: true })),
          pitch: fc.option(fc.double({ min: -200, max: 200, noNaN: true })),
          dist: fc.option(fc.double({ min: 0, max: 5000, noNaN: true })),
          tau: fc.double({ min: 0, max: 100, noNaN: true }),
          mode: fc.constantFrom('cut' as const, 'level' as const),
          level: fc.integer({ min: 0, max: 40 }),
          color: fc.constantFrom('scene' as const, 'level' as const),
          backend: fc.constantFrom('auto' as const, 'webgpu' as const, 'webgl2' as const),
        }),
        (raw) => {
          const s = normalizeState(raw);
          expect(normalizeState(roundTrip(s))).toEqual(s);
          expect(roundTrip(s)).toEqual(s);
        },
      ),
    );
  });

  it('falls back to defaults on junk, field by field', () => {
    const d = defaultState(splatSchema);
    const junk = ['', 'NaN', 'Infinity', '1e3', '0x10', ' 5', '<script>', '9'.repeat(3000), '💥', '-0.0.1'];
    for (const j of junk) {
      const params = new URLSearchParams();
      for (const k of Object.keys(splatSchema)) params.set(`${ns}.${k}`, j);
      const s = decodeState(splatSchema, params, ns);
      for (const k of Object.keys(splatSchema) as (keyof typeof d)[]) {
        if (j === '9' && k === 'level') continue;
        expect([d[k], s[k]]).toContainEqual(s[k]);
      }
      expect(() => normalizeState(s)).not.toThrow();
    }
    expect(decodeState(splatSchema, '?splats.leaves=123', ns).leaves).toBe(d.leaves);
    expect(decodeState(splatSchema, '?splats.tau=65', ns).tau).toBe(d.tau);
    expect(decodeState(splatSchema, '?splats.tau=7.5', ns).tau).toBe(7.5);
  });

  it('clamps the camera to the scene, so no link puts it inside the car', () => {
    const s = normalizeState({ ...defaultState(splatSchema), dist: 0, pitch: 90 });
    expect(s.dist).toBe(SCENE_FRAMES.car.minDistance);
    expect(s.pitch).toBeLessThanOrEqual(85);
  });

  it('opens each scene on its own view when the link has no camera, and leaves that view out of links', () => {
    const landscape = normalizeState(decodeState(splatSchema, '?splats.scene=landscape', ns));
    expect(stateCamera(landscape).distance).toBe(SCENE_FRAMES.landscape.distance);
    expect(stateCamera(landscape).yaw).toBeCloseTo(SCENE_FRAMES.landscape.yaw, 3);
    expect(encodeState(splatSchema, landscape, ns)).toEqual([['splats.scene', 'landscape']]);
    // Moving the camera back to the opening view makes the link short again.
    const moved = withCamera(landscape, { ...stateCamera(landscape), distance: 100 });
    expect(encodeState(splatSchema, moved, ns).map(([k]) => k)).toEqual(['splats.scene', 'splats.dist']);
    expect(encodeState(splatSchema, withCamera(moved, SCENE_FRAMES.landscape), ns)).toEqual([['splats.scene', 'landscape']]);
    expect(decodeState(splatSchema, '?splats.dist=', ns).dist).toBeNull();
  });

  it('moves the camera to the new scene\'s opening view when the scene changes', () => {
    const s = withScene(withCamera(defaultState(splatSchema), { yaw: 1, pitch: 0.1, distance: 20 }), 'landscape');
    expect(stateCamera(s).distance).toBe(SCENE_FRAMES.landscape.distance);
    expect([s.yaw, s.pitch, s.dist]).toEqual([null, null, null]);
    expect(withScene(s, 'landscape')).toBe(s);
    const moved = withCamera(s, { yaw: 0.1, pitch: 0.2, distance: 100 });
    expect(stateCamera(moved).distance).toBe(100);
  });
});
