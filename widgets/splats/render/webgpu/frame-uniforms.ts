/**
 * The per-frame uniform block shared by the prepare pass and the splat vertex shader. The WGSL struct
 * (FRAME_STRUCT_WGSL) and the packer below are written from one list of offsets, so they cannot drift:
 *
 *   view: mat4x4<f32>            0   (column-major, as camera.ts writes it)
 *   size: vec2<f32>             64   (drawing-buffer width, height, device pixels)
 *   focal: f32                  72   (camera.ts focalPixels)
 *   count: u32                  76   (draw-list entries this frame)
 *   colorByLevel: u32           80   (0 or 1)
 *   (pad to 96)
 *   palette: array<vec4<f32>,8> 96   (levelColor(0…7), linear RGB, w unused)
 */
import { focalPixels } from '../../camera.ts';
import { LEVEL_PALETTE_SRGB, levelColor, type FrameView } from '../contract.ts';

export const FRAME_OFFSETS = { view: 0, size: 64, focal: 72, count: 76, colorByLevel: 80, palette: 96 } as const;
export const PALETTE_SIZE = LEVEL_PALETTE_SRGB.length;
export const FRAME_BYTES = FRAME_OFFSETS.palette + 16 * PALETTE_SIZE;

export const FRAME_STRUCT_WGSL = /* wgsl */ `
struct Frame {
  view: mat4x4<f32>,
  size: vec2<f32>,
  focal: f32,
  count: u32,
  colorByLevel: u32,
  palette: array<vec4<f32>, ${PALETTE_SIZE}>,
}`;

/** Writes the block for `frame` and `count` entries into `out` (FRAME_BYTES long) and returns it. */
export function packFrameUniforms(frame: FrameView, count: number, out = new ArrayBuffer(FRAME_BYTES)): ArrayBuffer {
  if (frame.view.length !== 16) throw new RangeError('the view matrix must have 16 entries');
  const f32 = new Float32Array(out);
  const u32 = new Uint32Array(out);
  f32.set(frame.view, FRAME_OFFSETS.view / 4);
  f32[FRAME_OFFSETS.size / 4] = frame.width;
  f32[FRAME_OFFSETS.size / 4 + 1] = frame.height;
  f32[FRAME_OFFSETS.focal / 4] = focalPixels(frame.fovy, frame.height);
  u32[FRAME_OFFSETS.count / 4] = count;
  u32[FRAME_OFFSETS.colorByLevel / 4] = frame.colorByLevel ? 1 : 0;
  for (let level = 0; level < PALETTE_SIZE; level++) {
    const c = levelColor(level);
    const o = FRAME_OFFSETS.palette / 4 + 4 * level;
    f32[o] = c[0];
    f32[o + 1] = c[1];
    f32[o + 2] = c[2];
    f32[o + 3] = 1;
  }
  return out;
}
