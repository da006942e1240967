/**
 * The splat draw: one instance per sorted entry, four vertices as a triangle strip. The vertex shader does
 * contract.ts steps 2–4 in pixels (pixel centre, clamped EWA Jacobian, Σ₂ = J Σ_cam Jᵀ + LOW_PASS·I, the
 * eigen-axes at QUAD_SIGMAS·√λ; a splat larger than MAX_RADIUS_PX is not drawn) and converts the corner to clip space; the fragment
 * shader evaluates g and α (step 4) and writes premultiplied display colour (step 5) for
 * (ONE, ONE_MINUS_SRC_ALPHA) blending. Entries behind NEAR collapse to a point and draw nothing.
 */
import { NEAR } from '../../../camera.ts';
import { LOW_PASS, MAX_ALPHA, MAX_RADIUS_PX, MIN_ALPHA, QUAD_SIGMAS } from '../../contract.ts';
import { FRAME_STRUCT_WGSL } from '../frame-uniforms.ts';
import { f32Literal } from './literals.ts';

export const SPLAT_WGSL = /* wgsl */ `
${FRAME_STRUCT_WGSL}

const NEAR: f32 = ${f32Literal(NEAR)};
const LOW_PASS: f32 = ${f32Literal(LOW_PASS)};
const QUAD_SIGMAS: f32 = ${f32Literal(QUAD_SIGMAS)};
const MAX_RADIUS_PX: f32 = ${f32Literal(MAX_RADIUS_PX)};
const MIN_ALPHA: f32 = ${f32Literal(MIN_ALPHA)};
const MAX_ALPHA: f32 = ${f32Literal(MAX_ALPHA)};

@group(0) @binding(0) var<uniform> frame: Frame;
@group(0) @binding(1) var<storage, read> splats: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> order: array<u32>;

struct VertexOut {
  @builtin(position) position: vec4<f32>,
  // Pixel offset from the splat's centre (x right, y down), interpolated across the quad.
  @location(0) delta: vec2<f32>,
  // Σ₂⁻¹ as (a, b, c) for [[a, b], [b, c]], then the opacity.
  @location(1) @interpolate(flat) conicOpacity: vec4<f32>,
  @location(2) @interpolate(flat) color: vec3<f32>,
}

fn culled() -> VertexOut {
  var out: VertexOut;
  out.position = vec4<f32>(2.0, 2.0, 2.0, 1.0);
  out.delta = vec2<f32>(0.0);
  out.conicOpacity = vec4<f32>(0.0);
  out.color = vec3<f32>(0.0);
  return out;
}

@vertex
fn vs(@builtin(vertex_index) vertex: u32, @builtin(instance_index) instance: u32) -> VertexOut {
  let entry = order[instance];
  let a = bitcast<vec4<f32>>(splats[3u * entry]);
  let b = bitcast<vec4<f32>>(splats[3u * entry + 1u]);
  let c = splats[3u * entry + 2u];
  let tc = a.xyz;
  let depth = -tc.z;
  if (!(depth >= NEAR)) {
    return culled();
  }
  let W = frame.size.x;
  let H = frame.size.y;
  let f = frame.focal;
  let centre = vec2<f32>(0.5 * W + f * tc.x / depth, 0.5 * H - f * tc.y / depth);

  // Step 3: the Jacobian at a clamped direction, so far off-screen splats stay bounded.
  let limX = 1.3 * 0.5 * W / f;
  let limY = 1.3 * 0.5 * H / f;
  let tx = clamp(tc.x / depth, -limX, limX);
  let ty = clamp(tc.y / depth, -limY, limY);
  let j0 = vec3<f32>(f / depth, 0.0, f * tx / depth);
  let j1 = vec3<f32>(0.0, -f / depth, -f * ty / depth);
  let S = mat3x3<f32>(
    vec3<f32>(b.x, b.y, b.z),
    vec3<f32>(b.y, b.w, bitcast<f32>(c.x)),
    vec3<f32>(b.z, bitcast<f32>(c.x), bitcast<f32>(c.y)),
  );
  let s0 = S * j0;
  let s1 = S * j1;
  let sxx = dot(j0, s0) + LOW_PASS;
  let sxy = dot(j0, s1);
  let syy = dot(j1, s1) + LOW_PASS;

  // Step 4: eigen-decomposition of the 2×2 Σ₂.
  let mid = 0.5 * (sxx + syy);
  let radius = sqrt(max(0.0, 0.25 * (sxx - syy) * (sxx - syy) + sxy * sxy));
  let l1 = mid + radius;
  let l2 = max(mid - radius, 0.0);
  var v1 = vec2<f32>(1.0, 0.0);
  if (abs(sxy) > 1e-9 * (sxx + syy)) {
    v1 = normalize(vec2<f32>(sxy, l1 - sxx));
  } else if (syy > sxx) {
    v1 = vec2<f32>(0.0, 1.0);
  }
  let v2 = vec2<f32>(-v1.y, v1.x);
  let r1 = QUAD_SIGMAS * sqrt(l1);
  let r2 = QUAD_SIGMAS * sqrt(l2);
  if (!(r1 <= MAX_RADIUS_PX)) {
    return culled();
  }

  let corner = vec2<f32>(f32(vertex & 1u) * 2.0 - 1.0, f32(vertex >> 1u) * 2.0 - 1.0);
  let delta = corner.x * r1 * v1 + corner.y * r2 * v2;
  let pixel = centre + delta;

  let det = sxx * syy - sxy * sxy;
  var out: VertexOut;
  out.position = vec4<f32>(2.0 * pixel.x / W - 1.0, 1.0 - 2.0 * pixel.y / H, 0.5, 1.0);
  out.delta = delta;
  out.conicOpacity = vec4<f32>(syy / det, -sxy / det, sxx / det, a.w);
  out.color = vec3<f32>(unpack2x16unorm(c.z), unpack2x16unorm(c.w).x);
  return out;
}

@fragment
fn fs(v: VertexOut) -> @location(0) vec4<f32> {
  let d = v.delta;
  let q = v.conicOpacity;
  let power = -0.5 * (q.x * d.x * d.x + 2.0 * q.y * d.x * d.y + q.z * d.y * d.y);
  let alpha = min(MAX_ALPHA, q.w * exp(power));
  if (alpha < MIN_ALPHA) {
    discard;
  }
  return vec4<f32>(v.color * alpha, alpha);
}
`;
