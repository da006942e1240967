/**
 * Eigen-decomposition of a symmetric 3×3 matrix given as its upper triangle (xx, xy, xz, yy, yz, zz), the
 * layout of `Gaussians.cov`. A Gaussian's axis scales are the square roots of its covariance's eigenvalues
 * and its rotation is the eigenvectors, so the merge needs the former for every node and tests need both.
 */

/**
 * The three eigenvalues, largest first, written into `out` (no allocation: the tree builder calls this once
 * per node). Closed form (Smith 1961, "Eigenvalues of a symmetric 3 × 3 matrix"): with q = tr(A)/3 and
 * p = ‖A − qI‖_F / √6, the eigenvalues are q + 2p·cos(φ + 2πk/3), φ = acos(det((A − qI)/p) / 2) / 3.
 * Much cheaper than an iterative solver. Its absolute error is a few ulps of the largest eigenvalue, except
 * near repeated eigenvalues, where acos is steep and the error grows to about √ε (1e-8) of the largest: ample
 * for the merge's surface proxy, which only needs the axis scales to a few digits.
 */
export function symmetricEigenvalues3(
  xx: number,
  xy: number,
  xz: number,
  yy: number,
  yz: number,
  zz: number,
  out: Float64Array,
): Float64Array {
  const offDiagonal = xy * xy + xz * xz + yz * yz;
  const q = (xx + yy + zz) / 3;
  const dx = xx - q;
  const dy = yy - q;
  const dz = zz - q;
  const p = Math.sqrt((dx * dx + dy * dy + dz * dz + 2 * offDiagonal) / 6);
  if (p === 0) {
    out[0] = out[1] = out[2] = q;
    return out;
  }
  const bx = dx / p;
  const by = dy / p;
  const bz = dz / p;
  const bxy = xy / p;
  const bxz = xz / p;
  const byz = yz / p;
  const halfDet = (bx * (by * bz - byz * byz) - bxy * (bxy * bz - byz * bxz) + bxz * (bxy * byz - by * bxz)) / 2;
  // Rounding can push |det/2| just past 1, where acos is NaN.
  const phi = Math.acos(Math.min(1, Math.max(-1, halfDet))) / 3;
  const largest = q + 2 * p * Math.cos(phi);
  const smallest = q + 2 * p * Math.cos(phi + (2 * Math.PI) / 3);
  out[0] = largest;
  out[1] = 3 * q - largest - smallest;
  out[2] = smallest;
  return out;
}

/** Eigenvalues (largest first) and unit eigenvectors; `vectors` is row-major, eigenvector k in column k. */
export interface SymmetricEigen3 {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * Full decomposition A = Q Λ Qᵀ by cyclic Jacobi rotations: each rotation zeroes one off-diagonal entry, and
 * the sum of squared off-diagonals shrinks quadratically, so a handful of sweeps reaches float64 precision.
 * Chosen over the closed form when the eigenvectors are needed: it stays orthogonal for repeated eigenvalues.
 */
export function symmetricEigen3(xx: number, xy: number, xz: number, yy: number, yz: number, zz: number): SymmetricEigen3 {
  const a = [xx, xy, xz, xy, yy, yz, xz, yz, zz];
  const v = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const scale = Math.abs(xx) + Math.abs(yy) + Math.abs(zz) + Math.abs(xy) + Math.abs(xz) + Math.abs(yz);
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
    if (off <= 1e-32 * scale * scale) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const apq = a[3 * p + q];
      if (apq === 0) continue;
      // The rotation angle that zeroes a[p][q] (Golub & Van Loan, the symmetric Schur decomposition).
      const theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[3 * k + p];
        const akq = a[3 * k + q];
        a[3 * k + p] = c * akp - s * akq;
        a[3 * k + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[3 * p + k];
        const aqk = a[3 * q + k];
        a[3 * p + k] = c * apk - s * aqk;
        a[3 * q + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[3 * k + p];
        const vkq = v[3 * k + q];
        v[3 * k + p] = c * vkp - s * vkq;
        v[3 * k + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[4 * j] - a[4 * i]);
  const values = new Float64Array(3);
  const vectors = new Float64Array(9);
  order.forEach((from, to) => {
    values[to] = a[4 * from];
    for (let k = 0; k < 3; k++) vectors[3 * k + to] = v[3 * k + from];
  });
  return { values, vectors };
}
