/**
 * The WebGL2 splat renderer, the fallback where WebGPU is missing: the tree's node arrays live in two
 * textures (uploaded once per scene), each frame's far-first list (sorted in the Worker) goes up as two
 * per-instance attributes, and one instanced draw of 4-vertex strips does contract.ts steps 1–5 in the
 * shaders, composited far first with premultiplied alpha over the cleared background.
 */
import { focalPixels } from '../../camera.ts';
import { levelColor, type DrawList, type FrameView, type RendererEvents, type RenderTree, type SplatRenderer } from '../contract.ts';
import { linkProgram } from './program.ts';
import { ATTRIBUTES, FRAGMENT_SHADER, PALETTE_SIZE, VERTEX_SHADER } from './shaders.ts';
import { uploadTree, type TreeTextures } from './tree-textures.ts';

/** The palette in linear RGB, so that the shader's sRGB encode gives the palette's own colours back. */
function paletteUniform(): Float32Array {
  const out = new Float32Array(3 * PALETTE_SIZE);
  for (let l = 0; l < PALETTE_SIZE; l++) out.set(levelColor(l), 3 * l);
  return out;
}

/** Null when the canvas has no WebGL2 (or its context is lost); throws if the shaders fail on this driver. */
export function createWebGl2Renderer(canvas: HTMLCanvasElement | OffscreenCanvas, events: RendererEvents): SplatRenderer | null {
  const context = canvas.getContext('webgl2', {
    premultipliedAlpha: true,
    antialias: false,
    preserveDrawingBuffer: false,
    depth: false,
    stencil: false,
  }) as WebGL2RenderingContext | null;
  if (!context || context.isContextLost()) return null;
  const gl = context;

  let lost = false;
  const onLost = (event: Event) => {
    // Without preventDefault the browser never restores the context.
    event.preventDefault();
    if (lost) return;
    lost = true;
    events.onLost('The WebGL2 context was lost.');
  };
  canvas.addEventListener('webglcontextlost', onLost as EventListener);

  const program = linkProgram(gl, VERTEX_SHADER, FRAGMENT_SHADER);
  const uniform = (name: string) => gl.getUniformLocation(program, name);
  const u = {
    nodes: uniform('u_nodes'),
    parents: uniform('u_parents'),
    view: uniform('u_view'),
    viewport: uniform('u_viewport'),
    focal: uniform('u_focal'),
    colorByLevel: uniform('u_colorByLevel'),
    palette: uniform('u_palette'),
  };
  gl.useProgram(program);
  gl.uniform1i(u.nodes, 0);
  gl.uniform1i(u.parents, 1);
  gl.uniform3fv(u.palette, paletteUniform());

  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const corners = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, corners);
  // Triangle-strip order: (−1,−1), (1,−1), (−1,1), (1,1).
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  gl.enableVertexAttribArray(ATTRIBUTES.corner);
  gl.vertexAttribPointer(ATTRIBUTES.corner, 2, gl.FLOAT, false, 0, 0);

  const nodeBuffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, nodeBuffer);
  gl.enableVertexAttribArray(ATTRIBUTES.node);
  gl.vertexAttribIPointer(ATTRIBUTES.node, 1, gl.UNSIGNED_INT, 0, 0);
  gl.vertexAttribDivisor(ATTRIBUTES.node, 1);
  const blendBuffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, blendBuffer);
  gl.enableVertexAttribArray(ATTRIBUTES.blend);
  gl.vertexAttribPointer(ATTRIBUTES.blend, 1, gl.FLOAT, false, 0, 0);
  gl.vertexAttribDivisor(ATTRIBUTES.blend, 1);
  gl.bindVertexArray(null);
  /** Entries the instance buffers hold; they grow, never shrink, so a steady view re-uploads in place. */
  let capacity = 0;

  let textures: TreeTextures | null = null;
  let destroyed = false;

  function freeTree() {
    if (!textures) return;
    gl.deleteTexture(textures.nodes);
    gl.deleteTexture(textures.parents);
    textures = null;
  }

  function uploadList(list: DrawList) {
    const nodes = list.nodes.subarray(0, list.count);
    const blend = list.blend.subarray(0, list.count);
    if (list.count > capacity) {
      capacity = Math.max(list.count, Math.ceil(capacity * 1.5));
      gl.bindBuffer(gl.ARRAY_BUFFER, nodeBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, 4 * capacity, gl.DYNAMIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, blendBuffer);
      gl.bufferData(gl.ARRAY_BUFFER, 4 * capacity, gl.DYNAMIC_DRAW);
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, nodeBuffer);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, nodes);
    gl.bindBuffer(gl.ARRAY_BUFFER, blendBuffer);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, blend);
  }

  return {
    backend: 'webgl2',
    wantsSortedList: true,

    setTree(tree: RenderTree) {
      if (destroyed) throw new Error('The WebGL2 renderer was destroyed.');
      if (lost) return; // the widget makes a new renderer once the context is back
      freeTree();
      textures = uploadTree(gl, tree);
    },

    async render(list: DrawList, frame: FrameView) {
      if (destroyed) throw new Error('The WebGL2 renderer was destroyed.');
      if (lost) return;
      if (!list.sortedFarFirst && list.count > 1) throw new Error('The WebGL2 renderer draws far-first lists only (sort: true).');
      if (canvas.width !== frame.width) canvas.width = frame.width;
      if (canvas.height !== frame.height) canvas.height = frame.height;
      gl.viewport(0, 0, frame.width, frame.height);
      const [r, g, b] = frame.background;
      gl.clearColor(r, g, b, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      if (!textures || list.count === 0) return;

      uploadList(list);
      gl.useProgram(program);
      gl.uniformMatrix4fv(u.view, false, frame.view);
      gl.uniform2f(u.viewport, frame.width, frame.height);
      gl.uniform1f(u.focal, focalPixels(frame.fovy, frame.height));
      gl.uniform1i(u.colorByLevel, frame.colorByLevel ? 1 : 0);
      gl.activeTexture(gl.TEXTURE0);
      gl.bindTexture(gl.TEXTURE_2D, textures.nodes);
      gl.activeTexture(gl.TEXTURE1);
      gl.bindTexture(gl.TEXTURE_2D, textures.parents);

      gl.disable(gl.DEPTH_TEST);
      gl.disable(gl.CULL_FACE);
      gl.enable(gl.BLEND);
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      gl.bindVertexArray(vao);
      gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, list.count);
      gl.bindVertexArray(null);
    },

    destroy() {
      if (destroyed) return;
      destroyed = true;
      canvas.removeEventListener('webglcontextlost', onLost as EventListener);
      if (lost) return; // the objects died with the context
      freeTree();
      gl.deleteBuffer(corners);
      gl.deleteBuffer(nodeBuffer);
      gl.deleteBuffer(blendBuffer);
      gl.deleteVertexArray(vao);
      gl.deleteProgram(program);
    },
  };
}
