/**
 * The WebGL2 renderer's shaders (GLSL ES 3.00): contract.ts steps 1–5 per instance. The vertex shader does
 * the per-splat work once per corner (blend, projection, EWA, footprint) and hands the fragment shader the
 * corner's offset in standard deviations along the footprint's axes: ΔᵀΣ₂⁻¹Δ = u₁² + u₂² there, and that
 * offset is affine across the quad, so interpolating it is exact.
 */
import { NEAR } from '../../camera.ts';
import { LOW_PASS, MAX_ALPHA, MAX_RADIUS_PX, MIN_ALPHA, QUAD_SIGMAS } from '../contract.ts';
import { NODE_TEXELS } from './pack.ts';

/** GLSL float literal (always with a decimal point). */
const f = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

export const PALETTE_SIZE = 8;

/** Attribute locations, shared with the renderer's vertexAttribPointer calls. */
export const ATTRIBUTES = { corner: 0, node: 1, blend: 2 } as const;

export const VERTEX_SHADER = /* glsl */ `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp isampler2D;

uniform sampler2D u_nodes;   // RGBA32F, ${NODE_TEXELS} texels per node (pack.ts)
uniform isampler2D u_parents; // R32I, one texel per node
uniform mat4 u_view;
uniform vec2 u_viewport;      // W, H in device pixels
uniform float u_focal;        // f = H / (2 tan(fovy / 2))
uniform bool u_colorByLevel;
uniform vec3 u_palette[${PALETTE_SIZE}]; // linear RGB (levelColor)

layout(location = ${ATTRIBUTES.corner}) in vec2 a_corner; // (±1, ±1)
layout(location = ${ATTRIBUTES.node}) in uint a_node;
layout(location = ${ATTRIBUTES.blend}) in float a_blend;

out vec2 v_sigmas;
flat out vec4 v_color; // sRGB colour, opacity

vec4 nodeTexel(int n, int k) {
  int i = n * ${NODE_TEXELS} + k;
  int w = textureSize(u_nodes, 0).x;
  return texelFetch(u_nodes, ivec2(i % w, i / w), 0);
}

int parentOf(int n) {
  int w = textureSize(u_parents, 0).x;
  return texelFetch(u_parents, ivec2(n % w, n / w), 0).r;
}

float srgbEncode(float c) {
  float x = clamp(c, 0.0, 1.0);
  return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1.0 / 2.4) - 0.055;
}

void main() {
  int n = int(a_node);
  float t = a_blend;
  vec4 n0 = nodeTexel(n, 0), n1 = nodeTexel(n, 1), n2 = nodeTexel(n, 2), n3 = nodeTexel(n, 3);
  vec3 mean = n0.xyz;
  float opacity = clamp(n0.w, 0.0, 1.0);
  // Σ's upper triangle: xx, xy, xz, yy, yz, zz.
  float sxx = n1.x, sxy = n1.y, sxz = n1.z, syy = n1.w, syz = n2.x, szz = n2.y;
  vec3 color = n3.rgb;

  // 1. Blend with the parent: t·x_n + (1 − t)·x_p; the opacity by Kerbl et al.'s rule (cut.ts blendOpacity).
  int p = parentOf(n);
  if (p >= 0 && t < 1.0) {
    vec4 p0 = nodeTexel(p, 0), p1 = nodeTexel(p, 1), p2 = nodeTexel(p, 2), p3 = nodeTexel(p, 3);
    float u = 1.0 - t;
    mean = t * mean + u * p0.xyz;
    sxx = t * sxx + u * p1.x; sxy = t * sxy + u * p1.y; sxz = t * sxz + u * p1.z;
    syy = t * syy + u * p1.w; syz = t * syz + u * p2.x; szz = t * szz + u * p2.y;
    color = t * color + u * p3.rgb;
    float ap = clamp(p0.w, 0.0, 1.0);
    float share = ap >= 1.0 ? 1.0 : 1.0 - pow(1.0 - ap, 1.0 / max(1.0, p2.z));
    opacity = t * opacity + u * share;
  }
  if (u_colorByLevel) color = u_palette[int(n2.w) % ${PALETTE_SIZE}];

  // 2. Camera space; behind the near plane, a degenerate quad outside the clip volume draws nothing.
  vec4 tc = u_view * vec4(mean, 1.0);
  float d = -tc.z;
  if (d < ${f(NEAR)}) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
    v_sigmas = vec2(0.0);
    v_color = vec4(0.0);
    return;
  }
  float fl = u_focal;
  vec2 centre = vec2(0.5 * u_viewport.x + fl * tc.x / d, 0.5 * u_viewport.y - fl * tc.y / d);

  // 3. EWA: the Jacobian at the clamped direction, Σ₂ = J R Σ Rᵀ Jᵀ + LOW_PASS·I.
  vec2 lim = ${f(1.3)} * 0.5 * u_viewport / fl;
  float xd = clamp(tc.x / d, -lim.x, lim.x);
  float yd = clamp(tc.y / d, -lim.y, lim.y);
  mat3 R = mat3(u_view);
  // Rows of T = J R (a row vector times R is Rᵀ times it).
  vec3 t0 = vec3(fl / d, 0.0, fl * xd / d) * R;
  vec3 t1 = vec3(0.0, -fl / d, -fl * yd / d) * R;
  mat3 S = mat3(sxx, sxy, sxz, sxy, syy, syz, sxz, syz, szz);
  float a = dot(t0, S * t0) + ${f(LOW_PASS)};
  float b = dot(t0, S * t1);
  float c = dot(t1, S * t1) + ${f(LOW_PASS)};

  // 4. Footprint: Σ₂'s eigenvectors, half-lengths QUAD_SIGMAS·√λ; larger than MAX_RADIUS_PX: not drawn. The eigenvector
  // is taken from the better-conditioned row of (Σ₂ − λ₁I).
  float mid = 0.5 * (a + c);
  float r = length(vec2(0.5 * (a - c), b));
  float l1 = mid + r;
  float l2 = max(mid - r, 1e-6);
  vec2 e1 = a >= c ? vec2(l1 - c, b) : vec2(b, l1 - a);
  e1 = dot(e1, e1) > 0.0 ? normalize(e1) : vec2(1.0, 0.0);
  vec2 e2 = vec2(-e1.y, e1.x);
  float s1 = sqrt(l1), s2 = sqrt(l2);
  float r1 = ${f(QUAD_SIGMAS)} * s1;
  float r2 = ${f(QUAD_SIGMAS)} * s2;
  if (r1 > ${f(MAX_RADIUS_PX)}) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
    v_sigmas = vec2(0.0);
    v_color = vec4(0.0);
    return;
  }
  vec2 pixel = centre + a_corner.x * r1 * e1 + a_corner.y * r2 * e2;
  v_sigmas = vec2(a_corner.x * r1 / s1, a_corner.y * r2 / s2);
  gl_Position = vec4(2.0 * pixel.x / u_viewport.x - 1.0, 1.0 - 2.0 * pixel.y / u_viewport.y, 0.0, 1.0);

  // 5. Display-space colour (premultiplied in the fragment shader).
  v_color = vec4(srgbEncode(color.r), srgbEncode(color.g), srgbEncode(color.b), opacity);
}
`;

export const FRAGMENT_SHADER = /* glsl */ `#version 300 es
precision highp float;

in vec2 v_sigmas;
flat in vec4 v_color;
out vec4 outColor;

void main() {
  float g = exp(-0.5 * dot(v_sigmas, v_sigmas));
  float alpha = min(${f(MAX_ALPHA)}, v_color.a * g);
  if (alpha < ${f(MIN_ALPHA)}) discard;
  outColor = vec4(v_color.rgb * alpha, alpha);
}
`;
