/**
 * Where a flat array of texels lives in a 2D texture: texel i at (i mod width, ⌊i / width⌋), rows filled
 * from the top, the last row padded. WebGL2 has no buffer textures, so per-node data the vertex shader reads
 * with texelFetch is laid out this way; both sides use the same formula (shaders.ts's texelAt).
 */

/** A power of two wide enough that a million-node scene needs only about a thousand rows. */
export const PREFERRED_WIDTH = 4096;

export interface TextureLayout {
  width: number;
  height: number;
}

/**
 * The texture for `texels` texels under the GPU's MAX_TEXTURE_SIZE: PREFERRED_WIDTH wide (or the limit, if
 * smaller), widened to the limit only when the height would exceed it; null when even a maxSize² texture is
 * too small. The width stays a multiple of `align`, so a node's `align` texels never straddle two rows and
 * whole rows hold whole nodes (uploads go in row blocks).
 */
export function textureLayout(texels: number, maxSize: number, align = 1, preferredWidth = PREFERRED_WIDTH): TextureLayout | null {
  const fit = (w: number) => w - (w % align);
  let width = fit(Math.min(preferredWidth, maxSize));
  if (width < 1) return null;
  let height = Math.max(1, Math.ceil(texels / width));
  if (height > maxSize) {
    width = fit(maxSize);
    height = Math.max(1, Math.ceil(texels / width));
    if (height > maxSize) return null;
  }
  return { width, height };
}

/** The texel coordinates of flat index i. */
export function texelAt(i: number, width: number): [number, number] {
  return [i % width, Math.floor(i / width)];
}

/** Row blocks of about `texelsPerBlock` texels for uploading a texture piece by piece: [firstRow, rows][]. */
export function rowBlocks(layout: TextureLayout, texelsPerBlock = 1 << 20): [number, number][] {
  const rows = Math.max(1, Math.floor(texelsPerBlock / layout.width));
  const blocks: [number, number][] = [];
  for (let r = 0; r < layout.height; r += rows) blocks.push([r, Math.min(rows, layout.height - r)]);
  return blocks;
}
