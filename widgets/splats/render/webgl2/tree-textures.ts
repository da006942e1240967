/**
 * Uploads a RenderTree into the two textures the vertex shader reads (pack.ts's layout), in row blocks of
 * about a million texels, so a multi-million-node scene never needs one packed copy of the whole tree.
 */
import type { RenderTree } from '../contract.ts';
import { NODE_FLOATS, NODE_TEXELS, packNodes } from './pack.ts';
import { rowBlocks, textureLayout, type TextureLayout } from './texture-layout.ts';

export interface TreeTextures {
  nodes: WebGLTexture;
  parents: WebGLTexture;
  nodeLayout: TextureLayout;
  parentLayout: TextureLayout;
}

function storage(gl: WebGL2RenderingContext, format: number, layout: TextureLayout): WebGLTexture {
  const tex = gl.createTexture();
  if (!tex) throw new Error('WebGL2 could not create a texture.');
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texStorage2D(gl.TEXTURE_2D, 1, format, layout.width, layout.height);
  // Read with texelFetch only, but an incomplete (mipmap-filtered) texture would still sample as black.
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  return tex;
}

export function uploadTree(gl: WebGL2RenderingContext, tree: RenderTree): TreeTextures {
  const maxSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const m = tree.nodeCount;
  const nodeLayout = textureLayout(m * NODE_TEXELS, maxSize, NODE_TEXELS);
  const parentLayout = textureLayout(m, maxSize);
  if (!nodeLayout || !parentLayout) {
    throw new Error(`This scene has ${m.toLocaleString('en')} nodes, more than this GPU's textures (${maxSize} px a side) hold.`);
  }
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);

  const nodes = storage(gl, gl.RGBA32F, nodeLayout);
  const nodesPerRow = nodeLayout.width / NODE_TEXELS;
  let block = new Float32Array(0);
  for (const [row, rows] of rowBlocks(nodeLayout)) {
    const first = row * nodesPerRow;
    const count = Math.min(rows * nodesPerRow, m - first);
    if (block.length < rows * nodesPerRow * NODE_FLOATS) block = new Float32Array(rows * nodesPerRow * NODE_FLOATS);
    const data = block.subarray(0, rows * nodesPerRow * NODE_FLOATS);
    data.fill(0, count * NODE_FLOATS); // the last row's padding
    packNodes(tree, first, count, data);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, row, nodeLayout.width, rows, gl.RGBA, gl.FLOAT, data);
  }

  const parents = storage(gl, gl.R32I, parentLayout);
  let ints = new Int32Array(0);
  for (const [row, rows] of rowBlocks(parentLayout)) {
    const first = row * parentLayout.width;
    const size = rows * parentLayout.width;
    const count = Math.min(size, m - first);
    if (ints.length < size) ints = new Int32Array(size);
    const data = ints.subarray(0, size);
    data.set(tree.parent.subarray(first, first + count));
    data.fill(-1, count);
    gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, row, parentLayout.width, rows, gl.RED_INTEGER, gl.INT, data);
  }
  gl.bindTexture(gl.TEXTURE_2D, null);
  return { nodes, parents, nodeLayout, parentLayout };
}
