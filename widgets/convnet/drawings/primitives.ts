// Clean geometric paths in an object's own frame (units of about its size, y down). The hand-drawn look
// (wobble, jitter) is added after the object is placed in the image (place.ts), so it is the same in pixels
// whatever the object's scale.

export interface Path {
  /** x0, y0, x1, y1, … */
  points: number[];
  /** The last point joins the first (place.ts repeats the first point). */
  closed: boolean;
  /** For arcs and ellipses, their radius in the same units (the mean of the two for an ellipse); null for
   * polylines. Decides 'curve' once the object's scale is known. */
  radius: number | null;
}

export function line(x0: number, y0: number, x1: number, y1: number): Path {
  return { points: [x0, y0, x1, y1], closed: false, radius: null };
}

export function polyline(points: number[], closed = false): Path {
  return { points: points.slice(), closed, radius: null };
}

/** A rectangle centred on (cx, cy), turned by `angle` radians. */
export function rect(cx: number, cy: number, w: number, h: number, angle = 0): Path {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const points: number[] = [];
  for (const [u, v] of [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]] as const) {
    points.push(cx + c * u - s * v, cy + s * u + c * v);
  }
  return { points, closed: true, radius: null };
}

/** Arc of an ellipse from angle a0 to a1 (radians, y down: π/2 is the bottom), the ellipse turned by `angle`.
 * A full turn gives a closed path. */
export function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, angle = 0): Path {
  const full = Math.abs(a1 - a0) >= 2 * Math.PI - 1e-9;
  // ~10° per vertex: a turn well under the 45° that would make a vertex a corner.
  const n = Math.max(4, Math.ceil(Math.abs(a1 - a0) / (Math.PI / 18)));
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const points: number[] = [];
  for (let i = 0; i < (full ? n : n + 1); i++) {
    const t = a0 + ((a1 - a0) * i) / n;
    const u = rx * Math.cos(t);
    const v = ry * Math.sin(t);
    points.push(cx + c * u - s * v, cy + s * u + c * v);
  }
  return { points, closed: full, radius: (rx + ry) / 2 };
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, angle = 0): Path {
  return arc(cx, cy, rx, ry, 0, 2 * Math.PI, angle);
}

export function circle(cx: number, cy: number, r: number): Path {
  return ellipse(cx, cy, r, r);
}

/** A closed scalloped circle: `bumps` round bulges with sharp dips between them,
 * r(φ) = r (1 − amp + 2 amp |sin(bumps φ / 2 + phase)|). A cloud, a tree crown, a daisy's petals. */
export function wavyCircle(cx: number, cy: number, r: number, bumps: number, amp: number, phase: number): Path {
  const n = Math.max(24, bumps * 8);
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const rr = r * (1 - amp + 2 * amp * Math.abs(Math.sin((bumps * t) / 2 + phase)));
    points.push(cx + rr * Math.cos(t), cy + rr * Math.sin(t));
  }
  // Each bulge is about an arc of the circle's circumference over the bump count.
  return { points, closed: true, radius: Math.min(r, (Math.PI * r) / bumps) };
}

/** Quadratic Bézier from (x0, y0) through control (cx, cy) to (x1, y1). */
export function bezier(x0: number, y0: number, cx: number, cy: number, x1: number, y1: number, curved = false): Path {
  const n = 8;
  const points: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const a = (1 - t) * (1 - t);
    const b = 2 * (1 - t) * t;
    const c = t * t;
    points.push(a * x0 + b * cx + c * x1, a * y0 + b * cy + c * y1);
  }
  const chord = Math.hypot(x1 - x0, y1 - y0);
  return { points, closed: false, radius: curved ? chord / 2 : null };
}

/** A leaf or fish-body lens: two arcs from p0 to p1 bulging `bulge` (a fraction of the chord) to either side.
 * The tips are corners. */
export function lens(x0: number, y0: number, x1: number, y1: number, bulge: number): Path {
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  const len = Math.hypot(x1 - x0, y1 - y0);
  const nx = (-(y1 - y0) / len) * bulge * len * 2; // the Bézier control sits twice as far as the bulge
  const ny = ((x1 - x0) / len) * bulge * len * 2;
  const there = bezier(x0, y0, mx + nx, my + ny, x1, y1).points;
  const back = bezier(x1, y1, mx - nx, my - ny, x0, y0).points;
  return { points: there.concat(back.slice(2, -2)), closed: true, radius: len / 2 };
}
