/**
 * The prepare pass: one invocation per draw-list entry (contract.ts step 1, and the camera transform of
 * step 2). It blends node n with its parent, moves the mean and covariance to camera space, encodes the
 * colour, writes the 48-byte splat record the vertex shader reads, and the (key, value) pair the sort
 * orders: key = descending float key of the depth (sort/float-key.ts), value = the entry index. Splats
 * nearer than NEAR (or with a NaN depth) get key 0xFFFFFFFF, which sorts after every finite depth's key
 * (those are ≤ 0x7FFFFFFF), and the vertex shader skips them.
 */
import { NEAR } from '../../../camera.ts';
import { FRAME_STRUCT_WGSL, PALETTE_SIZE } from '../frame-uniforms.ts';
import { f32Literal } from './literals.ts';

export const PREPARE_WORKGROUP = 256;

export const PREPARE_WGSL = /* wgsl */ `
${FRAME_STRUCT_WGSL}

const NEAR: f32 = ${f32Literal(NEAR)};

@group(0) @binding(0) var<uniform> frame: Frame;
// Four vec4 per node (tree-pack.ts): (mean, opacity), (cov xx xy xz yy), (cov yz zz, colour r g),
// (colour b, parent, childCount, level). Read as u32 because a bit pattern such as parent −1 is a NaN as an
// f32, and WGSL leaves the value of a NaN loaded as f32 indeterminate; floats are bitcast out of it.
@group(0) @binding(1) var<storage, read> tree: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> listNodes: array<u32>;
@group(0) @binding(3) var<storage, read> listBlend: array<f32>;
// Three vec4 per entry, as u32 for the same reason: the packed colour words are arbitrary bits.
@group(0) @binding(4) var<storage, read_write> splats: array<vec4<u32>>;
@group(0) @binding(5) var<storage, read_write> keys: array<u32>;
@group(0) @binding(6) var<storage, read_write> vals: array<u32>;

struct Node {
  mean: vec3<f32>,
  opacity: f32,
  c0: vec3<f32>, // xx xy xz
  c1: vec3<f32>, // yy yz zz
  color: vec3<f32>,
  parent: i32,
  childCount: u32,
  level: u32,
}

fn loadNode(n: u32) -> Node {
  let a = bitcast<vec4<f32>>(tree[4u * n]);
  let b = bitcast<vec4<f32>>(tree[4u * n + 1u]);
  let c = bitcast<vec4<f32>>(tree[4u * n + 2u]);
  let d = tree[4u * n + 3u];
  var node: Node;
  node.mean = a.xyz;
  node.opacity = a.w;
  node.c0 = b.xyz;
  node.c1 = vec3<f32>(b.w, c.x, c.y);
  node.color = vec3<f32>(c.z, c.w, bitcast<f32>(d.x));
  node.parent = bitcast<i32>(d.y);
  node.childCount = d.z;
  node.level = d.w;
  return node;
}

// cut.ts blendOpacity: t·α_n + (1 − t)·(1 − (1 − α_p)^(1/K)), opacities clamped to [0, 1].
fn blendOpacity(t: f32, alphaNode: f32, alphaParent: f32, siblings: u32) -> f32 {
  let ap = clamp(alphaParent, 0.0, 1.0);
  let an = clamp(alphaNode, 0.0, 1.0);
  // pow(0, y) is undefined in WGSL (exp2 of log2 0); the limit is 0, so the share is 1.
  var share = 1.0;
  if (ap < 1.0) {
    share = 1.0 - pow(1.0 - ap, 1.0 / f32(max(1u, siblings)));
  }
  return t * an + (1.0 - t) * share;
}

fn srgbEncode(c: f32) -> f32 {
  let x = clamp(c, 0.0, 1.0);
  if (x <= 0.0031308) {
    return 12.92 * x;
  }
  return 1.055 * pow(x, 1.0 / 2.4) - 0.055;
}

// sort/float-key.ts: descending key of a float (far first under an ascending sort).
fn descendingKey(x: f32) -> u32 {
  let bits = bitcast<u32>(x);
  let ascending = select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
  return ~ascending;
}

@compute @workgroup_size(${PREPARE_WORKGROUP})
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let i = (wid.y * nwg.x + wid.x) * ${PREPARE_WORKGROUP}u + lid;
  if (i >= frame.count) {
    return;
  }
  let n = listNodes[i];
  let t = listBlend[i];
  let node = loadNode(n);

  var mean = node.mean;
  var c0 = node.c0;
  var c1 = node.c1;
  var color = node.color;
  var opacity = clamp(node.opacity, 0.0, 1.0);
  if (node.parent >= 0 && t < 1.0) {
    let p = loadNode(u32(node.parent));
    mean = mix(p.mean, mean, t);
    c0 = mix(p.c0, c0, t);
    c1 = mix(p.c1, c1, t);
    color = mix(p.color, color, t);
    opacity = blendOpacity(t, node.opacity, p.opacity, p.childCount);
  }
  if (frame.colorByLevel != 0u) {
    color = frame.palette[node.level % ${PALETTE_SIZE}u].xyz;
  }

  let tc = (frame.view * vec4<f32>(mean, 1.0)).xyz;
  let depth = -tc.z;
  // R Σ Rᵀ with R the view's rotation (rows of the upper-left 3×3).
  let R = mat3x3<f32>(frame.view[0].xyz, frame.view[1].xyz, frame.view[2].xyz);
  let S = mat3x3<f32>(
    vec3<f32>(c0.x, c0.y, c0.z),
    vec3<f32>(c0.y, c1.x, c1.y),
    vec3<f32>(c0.z, c1.y, c1.z),
  );
  let C = R * S * transpose(R);

  let encoded = vec3<f32>(srgbEncode(color.r), srgbEncode(color.g), srgbEncode(color.b));
  splats[3u * i] = bitcast<vec4<u32>>(vec4<f32>(tc, opacity));
  splats[3u * i + 1u] = bitcast<vec4<u32>>(vec4<f32>(C[0][0], C[1][0], C[2][0], C[1][1]));
  splats[3u * i + 2u] = vec4<u32>(
    bitcast<u32>(C[2][1]),
    bitcast<u32>(C[2][2]),
    pack2x16unorm(encoded.rg),
    pack2x16unorm(vec2<f32>(encoded.b, 0.0)),
  );
  keys[i] = select(0xFFFFFFFFu, descendingKey(depth), depth >= NEAR);
  vals[i] = i;
}
`;
