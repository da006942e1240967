/**
 * The portable multipass LSD radix sort of (key, value) pairs, one pass per 4-bit digit, three kernels per
 * pass, mirroring sort/radix-sort.ts (the CPU reference):
 *  - histogram: each workgroup counts its tile's digits and writes them digit-major, hist[d · tiles + t];
 *  - scan: one workgroup turns the whole histogram into exclusive prefix sums, so hist[d · tiles + t] is the
 *    first output slot of tile t's keys with digit d;
 *  - scatter: each workgroup ranks its tile's keys stably (invocation j owns 16 contiguous keys; a workgroup
 *    scan of per-invocation digit counts orders invocations, a serial loop orders each one's keys) and writes
 *    them from those slots.
 * No kernel waits on another workgroup (no decoupled look-back), so it needs no forward-progress guarantee
 * and runs on Apple, Mali and Adreno GPUs as on desktop ones. Each kernel is a separate dispatch; WebGPU
 * orders dispatches within a pass with respect to storage writes.
 */
import { KEYS_PER_INVOCATION, RADIX, SORT_TILE, SORT_WORKGROUP } from '../sort-layout.ts';

const COMMON = /* wgsl */ `
struct SortParams {
  count: u32,
  shift: u32,
  tiles: u32,
  pad: u32,
}
const WG: u32 = ${SORT_WORKGROUP}u;
const PER: u32 = ${KEYS_PER_INVOCATION}u;
const TILE: u32 = ${SORT_TILE}u;
const RADIX: u32 = ${RADIX}u;
`;

// Workgroup-wide inclusive Hillis–Steele scan over the eight words of each invocation (word-major in
// shared memory). A word packs the counts of two digits in 16-bit halves; counts within a tile stay below
// 2¹⁶ (a tile is 4,096 keys), so the halves never carry into each other.
const PACKED_SCAN = /* wgsl */ `
var<workgroup> scanWords: array<u32, ${8 * SORT_WORKGROUP}>;

fn inclusiveScan8(lid: u32) {
  for (var offset = 1u; offset < WG; offset = offset << 1u) {
    var add: array<u32, 8>;
    for (var w = 0u; w < 8u; w++) {
      add[w] = select(0u, scanWords[w * WG + lid - offset], lid >= offset);
    }
    workgroupBarrier();
    for (var w = 0u; w < 8u; w++) {
      scanWords[w * WG + lid] += add[w];
    }
    workgroupBarrier();
  }
}
`;

// The entry point of a kernel over the key tiles (histogram, scatter): one workgroup per tile, on a 2-D grid
// when the tiles outnumber one dimension's limit, and invocation lid owning the tile's keys start…end − 1.
// `body` goes on from there.
const tileKernel = (body: string) => /* wgsl */ `
@compute @workgroup_size(${SORT_WORKGROUP})
fn main(
  @builtin(local_invocation_index) lid: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let tile = wid.y * nwg.x + wid.x;
  // Uniform across the workgroup, so the barriers below stay in uniform control flow.
  if (tile >= params.tiles) {
    return;
  }
  let start = tile * TILE + lid * PER;
  let end = min(start + PER, params.count);
${body}}
`;

export const HISTOGRAM_WGSL = /* wgsl */ `
${COMMON}
@group(0) @binding(0) var<uniform> params: SortParams;
@group(0) @binding(1) var<storage, read> keys: array<u32>;
@group(0) @binding(2) var<storage, read_write> hist: array<u32>;

var<workgroup> counts: array<atomic<u32>, ${RADIX}>;
${tileKernel(/* wgsl */ `
  var digitCounts: array<u32, ${RADIX}>;
  for (var i = start; i < end; i++) {
    digitCounts[(keys[i] >> params.shift) & (RADIX - 1u)] += 1u;
  }
  for (var d = 0u; d < RADIX; d++) {
    if (digitCounts[d] != 0u) {
      atomicAdd(&counts[d], digitCounts[d]);
    }
  }
  workgroupBarrier();
  if (lid < RADIX) {
    hist[lid * params.tiles + tile] = atomicLoad(&counts[lid]);
  }
`)}`;

export const SCAN_WGSL = /* wgsl */ `
${COMMON}
@group(0) @binding(0) var<uniform> params: SortParams;
@group(0) @binding(1) var<storage, read_write> hist: array<u32>;

var<workgroup> sums: array<u32, ${SORT_WORKGROUP}>;

// One workgroup: invocation j sums a contiguous chunk, the chunk sums are scanned in shared memory, and
// each invocation rewrites its chunk as exclusive prefix sums from its chunk's offset.
@compute @workgroup_size(${SORT_WORKGROUP})
fn main(@builtin(local_invocation_index) lid: u32) {
  let size = RADIX * params.tiles;
  let chunk = (size + WG - 1u) / WG;
  let begin = min(lid * chunk, size);
  let end = min(begin + chunk, size);
  var total = 0u;
  for (var i = begin; i < end; i++) {
    total += hist[i];
  }
  sums[lid] = total;
  workgroupBarrier();
  for (var offset = 1u; offset < WG; offset = offset << 1u) {
    let add = select(0u, sums[lid - offset], lid >= offset);
    workgroupBarrier();
    sums[lid] += add;
    workgroupBarrier();
  }
  var running = sums[lid] - total;
  for (var i = begin; i < end; i++) {
    let c = hist[i];
    hist[i] = running;
    running += c;
  }
}
`;

export const SCATTER_WGSL = /* wgsl */ `
${COMMON}
@group(0) @binding(0) var<uniform> params: SortParams;
@group(0) @binding(1) var<storage, read> keysIn: array<u32>;
@group(0) @binding(2) var<storage, read> valsIn: array<u32>;
@group(0) @binding(3) var<storage, read> hist: array<u32>;
@group(0) @binding(4) var<storage, read_write> keysOut: array<u32>;
@group(0) @binding(5) var<storage, read_write> valsOut: array<u32>;
${PACKED_SCAN}
${tileKernel(/* wgsl */ `
  var own: array<u32, 8>;
  for (var i = start; i < end; i++) {
    let d = (keysIn[i] >> params.shift) & (RADIX - 1u);
    own[d >> 1u] += 1u << ((d & 1u) * 16u);
  }
  for (var w = 0u; w < 8u; w++) {
    scanWords[w * WG + lid] = own[w];
  }
  workgroupBarrier();
  inclusiveScan8(lid);
  // Slot of this invocation's first key of digit d: the tile's first slot for d plus the keys of digit d
  // owned by earlier invocations (inclusive minus own; no borrow crosses halves since inclusive ≥ own).
  var slots: array<u32, ${RADIX}>;
  for (var d = 0u; d < RADIX; d++) {
    let w = d >> 1u;
    let before = ((scanWords[w * WG + lid] - own[w]) >> ((d & 1u) * 16u)) & 0xFFFFu;
    slots[d] = hist[d * params.tiles + tile] + before;
  }
  for (var i = start; i < end; i++) {
    let key = keysIn[i];
    let d = (key >> params.shift) & (RADIX - 1u);
    let slot = slots[d];
    slots[d] = slot + 1u;
    keysOut[slot] = key;
    valsOut[slot] = valsIn[i];
  }
`)}`;
