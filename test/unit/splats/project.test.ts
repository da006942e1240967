import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focalPixels, toCamera, toPixels, viewMatrix, type OrbitCamera } from '../../../widgets/splats/camera.ts';
import { blendOpacity } from '../../../widgets/splats/cut.ts';
import { LOW_PASS, MAX_RADIUS_PX, QUAD_SIGMAS, levelColor, type RenderTree } from '../../../widgets/splats/render/contract.ts';
import {
  allocateBlendedSplat,
  allocateProjectedSplat,
  blendedSplat,
  projectSplat,
  type BlendedSplat,
} from '../../../widgets/splats/render/project.ts';

const W = 960;
const H = 600;

function splatAt(mean: number[], cov: number[], opacity = 0.8): BlendedSplat {
  const s = allocateBlendedSplat();
  s.mean.set(mean);
  s.cov.set(cov);
  s.color.set([0.5, 0.5, 0.5]);
  s.opacity = opacity;
  return s;
}

/** A camera at the origin looking down −z (yaw 0, pitch 0, target 10 m ahead): view = translation only. */
const straight: OrbitCamera = { target: [0, 0, -10], yaw: 0, pitch: 0, distance: 10, fovy: 0.8 };

describe('projectSplat', () => {
  it('puts the centre where camera.ts projects the mean', () => {
    const camera: OrbitCamera = { target: [0.3, 0.7, -0.2], yaw: 0.7, pitch: 0.28, distance: 7.5, fovy: 0.8 };
    const view = viewMatrix(camera);
    const mean = [0.9, 1.1, 0.4];
    const out = allocateProjectedSplat();
    expect(projectSplat(splatAt(mean, [0.01, 0, 0, 0.01, 0, 0.01]), view, camera.fovy, W, H, out)).toBe(true);
    const expected = toPixels(toCamera(view, mean), camera.fovy, W, H)!;
    expect(out.x).toBeCloseTo(expected.x, 3);
    expect(out.y).toBeCloseTo(expected.y, 3);
    expect(out.depth).toBeCloseTo(expected.depth, 5);
  });

  it('puts the target at the image centre and a point above it higher on screen (y down)', () => {
    const view = viewMatrix(straight);
    const out = allocateProjectedSplat();
    projectSplat(splatAt([0, 0, -10], [1e-4, 0, 0, 1e-4, 0, 1e-4]), view, straight.fovy, W, H, out);
    expect(out.x).toBeCloseTo(W / 2, 9);
    expect(out.y).toBeCloseTo(H / 2, 9);
    expect(out.depth).toBeCloseTo(10, 9);
    projectSplat(splatAt([1, 1, -10], [1e-4, 0, 0, 1e-4, 0, 1e-4]), view, straight.fovy, W, H, out);
    const f = focalPixels(straight.fovy, H);
    expect(out.x).toBeCloseTo(W / 2 + f / 10, 9);
    expect(out.y).toBeCloseTo(H / 2 - f / 10, 9);
  });

  it('gives an isotropic Gaussian of σ at depth d the covariance (fσ/d)² + 0.3 on the diagonal, its inverse as conic', () => {
    const f = focalPixels(straight.fovy, H);
    const out = allocateProjectedSplat();
    for (const [sigma, d] of [
      [0.05, 10],
      [0.2, 4],
      [0.001, 30],
    ] as const) {
      const camera: OrbitCamera = { ...straight, target: [0, 0, -d], distance: d };
      const v = viewMatrix(camera);
      const s2 = sigma * sigma;
      expect(projectSplat(splatAt([0, 0, -d], [s2, 0, 0, s2, 0, s2]), v, camera.fovy, W, H, out)).toBe(true);
      const diag = ((f * sigma) / d) ** 2 + LOW_PASS;
      expect(out.covXX).toBeCloseTo(diag, 9);
      expect(out.covYY).toBeCloseTo(diag, 9);
      expect(out.covXY).toBeCloseTo(0, 12);
      expect(out.conicXX).toBeCloseTo(1 / diag, 9);
      expect(out.conicYY).toBeCloseTo(1 / diag, 9);
      expect(out.radius1).toBeCloseTo(QUAD_SIGMAS * Math.sqrt(diag), 9);
      expect(out.radius2).toBeCloseTo(out.radius1, 9);
    }
  });

  it('does not draw splats larger than MAX_RADIUS_PX on screen, nor nearer than NEAR', () => {
    const out = allocateProjectedSplat();
    const camera: OrbitCamera = { ...straight, target: [0, 0, -0.1], distance: 0.1 };
    const view = viewMatrix(camera);
    const f = focalPixels(camera.fovy, H);
    // σ such that 3σ·f/d is just under, then just over, the cap (the 0.3 px² low-pass barely matters here).
    const sigmaAt = (radius: number) => ((radius / QUAD_SIGMAS) * 0.1) / f;
    const under = sigmaAt(MAX_RADIUS_PX - 1) ** 2;
    const over = sigmaAt(MAX_RADIUS_PX + 1) ** 2;
    expect(projectSplat(splatAt([0, 0, -0.1], [under, 0, 0, under, 0, under]), view, camera.fovy, W, H, out)).toBe(true);
    expect(out.radius1).toBeLessThanOrEqual(MAX_RADIUS_PX);
    expect(out.radius1).toBeGreaterThan(MAX_RADIUS_PX - 1);
    expect(projectSplat(splatAt([0, 0, -0.1], [over, 0, 0, over, 0, over]), view, camera.fovy, W, H, out)).toBe(false);
    expect(projectSplat(splatAt([0, 0, -0.1], [1, 0, 0, 1, 0, 1]), view, camera.fovy, W, H, out)).toBe(false);
    expect(projectSplat(splatAt([0, 0, -0.04], [1, 0, 0, 1, 0, 1]), view, camera.fovy, W, H, out)).toBe(false);
    expect(projectSplat(splatAt([0, 0, 1], [1, 0, 0, 1, 0, 1]), view, camera.fovy, W, H, out)).toBe(false);
    expect(projectSplat(splatAt([0, 0, -1], [NaN, 0, 0, 1, 0, 1]), view, camera.fovy, W, H, out)).toBe(false);
  });

  // The EWA covariance is the projection's Jacobian applied to Σ: check it against a numerical Jacobian of
  // camera.ts's projection for random cameras, positions on screen and covariances.
  it('matches a numerical Jacobian of the projection, with conic = Σ₂⁻¹ and footprint along its eigenvectors', () => {
    const angle = fc.double({ min: -3, max: 3, noNaN: true });
    fc.assert(
      fc.property(
        angle,
        fc.double({ min: -1.2, max: 1.2, noNaN: true }),
        fc.double({ min: 2, max: 40, noNaN: true }),
        fc.tuple(fc.double({ min: -0.4, max: 0.4, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (yaw, pitch, distance, [ox, oy], m) => {
          const camera: OrbitCamera = { target: [1, 2, 3], yaw, pitch, distance, fovy: 0.9 };
          const view = viewMatrix(camera);
          // A point off the target but on screen: move along the camera's right and up axes.
          const right = [view[0]!, view[4]!, view[8]!];
          const up = [view[1]!, view[5]!, view[9]!];
          const mean = [0, 1, 2].map((a) => camera.target[a]! + distance * (ox * right[a]! + oy * up[a]!));
          // Σ = A Aᵀ + small·I, SPD.
          const cov = [0, 0, 0, 0, 0, 0];
          const pairs = [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]] as const;
          pairs.forEach(([r, c], k) => {
            let s = r === c ? 1e-3 : 0;
            for (let q = 0; q < 3; q++) s += 0.1 * m[3 * r + q]! * 0.1 * m[3 * c + q]!;
            cov[k] = s;
          });
          const out = allocateProjectedSplat();
          expect(projectSplat(splatAt(mean, cov), view, camera.fovy, W, H, out)).toBe(true);
          const px = (p: number[]) => toPixels(toCamera(view, p), camera.fovy, W, H)!;
          const h = 1e-5 * distance;
          const J = [0, 1, 2].map((a) => {
            const plus = [...mean];
            const minus = [...mean];
            plus[a]! += h;
            minus[a]! -= h;
            const p = px(plus);
            const q = px(minus);
            return [(p.x - q.x) / (2 * h), (p.y - q.y) / (2 * h)];
          });
          const full = (r: number, c: number) => cov[pairs.findIndex(([a, b]) => (a === Math.min(r, c) && b === Math.max(r, c)))]!;
          const s2 = (u: number, v: number) => {
            let s = 0;
            for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) s += J[r]![u]! * full(r, c) * J[c]![v]!;
            return s;
          };
          const scale = Math.max(1, out.covXX, out.covYY);
          expect(Math.abs(out.covXX - (s2(0, 0) + LOW_PASS)) / scale).toBeLessThan(1e-5);
          expect(Math.abs(out.covXY - s2(0, 1)) / scale).toBeLessThan(1e-5);
          expect(Math.abs(out.covYY - (s2(1, 1) + LOW_PASS)) / scale).toBeLessThan(1e-5);
          // Conic · Σ₂ = I.
          expect(out.conicXX * out.covXX + out.conicXY * out.covXY).toBeCloseTo(1, 9);
          expect(out.conicXX * out.covXY + out.conicXY * out.covYY).toBeCloseTo(0, 9);
          expect(out.conicXY * out.covXY + out.conicYY * out.covYY).toBeCloseTo(1, 9);
          // Σ₂ v = λ1 v for the major axis, and λ1 ≥ λ2 ≥ LOW_PASS (Σ is SPD).
          const vx = out.axisX;
          const vy = out.axisY;
          expect(out.covXX * vx + out.covXY * vy).toBeCloseTo(out.lambda1 * vx, 6);
          expect(out.covXY * vx + out.covYY * vy).toBeCloseTo(out.lambda1 * vy, 6);
          expect(out.lambda1).toBeGreaterThanOrEqual(out.lambda2);
          expect(out.lambda2).toBeGreaterThan(LOW_PASS * (1 - 1e-9));
          expect(out.radius1).toBeCloseTo(QUAD_SIGMAS * Math.sqrt(out.lambda1), 9);
          expect(out.radius2).toBeCloseTo(QUAD_SIGMAS * Math.sqrt(out.lambda2), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('evaluates the Jacobian of a far off-screen splat at 1.3 half-viewports, as 3DGS does', () => {
    const view = viewMatrix(straight);
    const f = focalPixels(straight.fovy, H);
    const s2 = 0.01;
    const far = allocateProjectedSplat();
    const edge = allocateProjectedSplat();
    const cov = [s2, 0, 0, s2, 0, s2];
    // x/d = 5·(W/2)/f, far beyond the clamp; the clamped Jacobian is that of x/d = 1.3·(W/2)/f.
    projectSplat(splatAt([(5 * 10 * (W / 2)) / f, 0, -10], cov), view, straight.fovy, W, H, far);
    projectSplat(splatAt([(1.3 * 10 * (W / 2)) / f, 0, -10], cov), view, straight.fovy, W, H, edge);
    expect(far.x).toBeCloseTo(W / 2 + 5 * (W / 2), 6);
    expect(far.covXX).toBeCloseTo(edge.covXX, 9);
    expect(far.covYY).toBeCloseTo(edge.covYY, 9);
  });
});

/** Root 0 with children 1, 2, 3; node 4 a child of 1. */
function smallTree(): RenderTree {
  const m = 5;
  const tree: RenderTree = {
    nodeCount: m,
    mean: new Float32Array(3 * m),
    cov: new Float32Array(6 * m),
    color: new Float32Array(3 * m),
    opacity: Float32Array.of(1.4, 0.6, 0.7, 0.8, 0.9),
    parent: Int32Array.of(-1, 0, 0, 0, 1),
    childCount: Uint8Array.of(3, 1, 0, 0, 0),
    level: Uint8Array.of(0, 1, 1, 1, 2),
  };
  for (let n = 0; n < m; n++) {
    for (let a = 0; a < 3; a++) tree.mean[3 * n + a] = n + 0.25 * a;
    for (let a = 0; a < 6; a++) tree.cov[6 * n + a] = 0.1 * (n + 1) + 0.01 * a;
    for (let a = 0; a < 3; a++) tree.color[3 * n + a] = 0.1 * n + 0.05 * a;
  }
  return tree;
}

describe('blendedSplat', () => {
  const tree = smallTree();
  const near = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 6));

  it('is the node itself at t = 1 (opacity clamped), and the parent with the sibling share at t = 0', () => {
    const out = allocateBlendedSplat();
    blendedSplat(tree, 2, 1, false, out);
    near(out.mean, tree.mean.subarray(6, 9));
    near(out.cov, tree.cov.subarray(12, 18));
    near(out.color, tree.color.subarray(6, 9));
    expect(out.opacity).toBeCloseTo(0.7, 6);
    blendedSplat(tree, 2, 0, false, out);
    near(out.mean, tree.mean.subarray(0, 3));
    near(out.cov, tree.cov.subarray(0, 6));
    near(out.color, tree.color.subarray(0, 3));
    // The root's 1.4 clamps to 1, and 1 − (1 − 1)^(1/3) = 1.
    expect(out.opacity).toBeCloseTo(1, 9);
    blendedSplat(tree, 4, 0, false, out);
    near(out.mean, tree.mean.subarray(3, 6));
    expect(out.opacity).toBeCloseTo(0.6, 6); // one child: the share is the parent's opacity
  });

  it('interpolates linearly in between and blends opacity with blendOpacity', () => {
    const out = allocateBlendedSplat();
    const t = 0.3;
    blendedSplat(tree, 3, t, false, out);
    for (let a = 0; a < 3; a++) expect(out.mean[a]).toBeCloseTo(t * tree.mean[9 + a]! + (1 - t) * tree.mean[a]!, 6);
    for (let a = 0; a < 6; a++) expect(out.cov[a]).toBeCloseTo(t * tree.cov[18 + a]! + (1 - t) * tree.cov[a]!, 6);
    for (let a = 0; a < 3; a++) expect(out.color[a]).toBeCloseTo(t * tree.color[9 + a]! + (1 - t) * tree.color[a]!, 6);
    expect(out.opacity).toBe(blendOpacity(t, tree.opacity[3]!, tree.opacity[0]!, 3));
    expect(out.opacity).toBeCloseTo(t * 0.8 + (1 - t) * 1, 6);
  });

  it('draws the root as itself whatever t says, with its merged opacity clamped to 1', () => {
    const out = allocateBlendedSplat();
    blendedSplat(tree, 0, 0, false, out);
    near(out.mean, tree.mean.subarray(0, 3));
    expect(out.opacity).toBe(1);
  });

  it('colours by level without blending the colour', () => {
    const out = allocateBlendedSplat();
    blendedSplat(tree, 4, 0.5, true, out);
    near(out.color, levelColor(2));
    blendedSplat(tree, 4, 0, true, out);
    near(out.color, levelColor(2));
  });
});
