/**
 * The splat widget's machinery, outside Svelte: the scene Worker (build a tree, then cut and sort per frame),
 * the renderer (WebGPU or WebGL2, restarted after a device loss), the canvas's size, and the frame loop. The
 * view hands it states (`show`) and gets back what to print (`EngineEvents`). One frame is in flight at a time
 * and only the newest state is drawn next, so a fast drag never queues up work.
 */
import { focalPixels, viewMatrix } from './camera.ts';
import type { FrameView, RenderTree, SplatRenderer } from './render/contract.ts';
import { startRenderer, type RendererAttempt } from './render/create-renderer.ts';
import { SCENE_FRAMES, stateCamera, type BackendChoice, type SplatState } from './state.ts';
import { SplatSceneError, browserSceneClient } from './worker/client.ts';
import type { TreeStats as SceneStats } from './worker/protocol.ts';

export type EnginePhase = 'starting' | 'building' | 'ready' | 'failed' | 'unsupported';

export interface EngineStatus {
  phase: EnginePhase;
  /** For the reader: what is happening or what went wrong. */
  message: string;
  backend: 'webgpu' | 'webgl2' | null;
}

export interface FrameInfo {
  drawn: number;
  perLevel: number[];
  cutMs: number;
  sortMs: number;
}

export interface EngineEvents {
  status(status: EngineStatus): void;
  scene(stats: SceneStats, buildMs: number): void;
  frame(info: FrameInfo): void;
}

/** The seed every scene is generated with: the same link shows the same splats. */
const SCENE_SEED = 1;
/** Device pixels per CSS pixel are capped: a 3× phone would triple the fragments for little visible gain. */
const MAX_PIXEL_RATIO = 2;
const ASPECT = 10 / 16;
/** After this many device losses in a row the widget stops retrying and shows the static image. */
const MAX_RESTARTS = 3;

export function createSplatEngine(host: HTMLElement, events: EngineEvents) {
  const client = browserSceneClient();
  let renderer: SplatRenderer | null = null;
  let canvas: HTMLCanvasElement | null = null;
  let backendChoice: BackendChoice | null = null;
  let sceneKey = '';
  let tree: RenderTree | null = null;
  let wanted: SplatState | null = null;
  let drawing = false;
  let dirty = false;
  let destroyed = false;
  let restarts = 0;
  let rebuilds = 0;
  // Each bumps when its part changes, so that a late answer about an older scene or renderer is dropped.
  let sceneGeneration = 0;
  let rendererGeneration = 0;

  const size = { width: 0, height: 0 };
  const resize = new ResizeObserver(() => {
    const cssWidth = host.clientWidth;
    const ratio = Math.min(MAX_PIXEL_RATIO, window.devicePixelRatio || 1);
    size.width = Math.max(1, Math.round(cssWidth * ratio));
    size.height = Math.max(1, Math.round(cssWidth * ASPECT * ratio));
    if (canvas) {
      canvas.width = size.width;
      canvas.height = size.height;
    }
    schedule();
  });
  resize.observe(host);

  function status(phase: EnginePhase, message: string) {
    if (!destroyed) events.status({ phase, message, backend: renderer?.backend ?? null });
  }

  function makeCanvas(): HTMLCanvasElement {
    canvas?.remove();
    const c = document.createElement('canvas');
    c.width = size.width || 960;
    c.height = size.height || 600;
    c.setAttribute('aria-hidden', 'true'); // the host is the labelled, focusable element
    host.append(c);
    canvas = c;
    return c;
  }

  async function startBackend(choice: BackendChoice) {
    const myGeneration = ++rendererGeneration;
    renderer?.destroy();
    renderer = null;
    const attempts: RendererAttempt[] = [];
    const started = await startRenderer(choice, makeCanvas, { onLost: (reason) => lost(reason, myGeneration) }, attempts);
    if (destroyed || myGeneration !== rendererGeneration) {
      started?.renderer.destroy();
      return;
    }
    if (!started) {
      canvas?.remove();
      canvas = null;
      status('unsupported', `This browser can draw neither with WebGPU nor with WebGL2 (${attempts.map((a) => a.problem).join('; ')}), so the figure shows a picture of its opening view instead.`);
      return;
    }
    renderer = started.renderer;
    if (tree) {
      try {
        renderer.setTree(tree);
      } catch (error) {
        // A scene larger than this GPU's buffers allow: a sentence for the reader (render/webgpu/buffer-sizes.ts).
        status('failed', error instanceof Error ? error.message : 'The scene does not fit this graphics device.');
        return;
      }
    }
    if (choice === 'webgpu' && renderer.backend !== 'webgpu') {
      console.info('splats: WebGPU did not start, drawing with WebGL2:', attempts.map((a) => a.problem).join('; '));
    }
    status(tree ? 'ready' : 'building', tree ? '' : 'Building the scene…');
    schedule();
  }

  function lost(reason: string, lostGeneration: number) {
    if (destroyed || lostGeneration !== rendererGeneration) return;
    console.warn('splats: the GPU context was lost:', reason);
    renderer = null;
    if (++restarts > MAX_RESTARTS) {
      canvas?.remove();
      canvas = null;
      status('failed', 'The graphics device was lost several times in a row; the figure shows a picture of its opening view instead. Reload the page to try again.');
      return;
    }
    status('starting', 'The graphics device was reset; restarting the renderer…');
    void startBackend(backendChoice ?? 'auto');
  }

  async function buildScene(state: SplatState) {
    const myGeneration = ++sceneGeneration;
    tree = null;
    status('building', `Building the ${state.scene} (${state.leaves.toLocaleString('en-US')} splats) and its tree…`);
    try {
      const built = await client.build(state.scene, state.leaves, SCENE_SEED);
      if (destroyed || myGeneration !== sceneGeneration) return;
      const builtTree = built.renderTree;
      tree = builtTree;
      renderer?.setTree(builtTree);
      events.scene(built.stats, built.timings.generateMs + built.timings.buildMs);
      status(renderer ? 'ready' : 'starting', '');
      schedule();
    } catch (error) {
      if (destroyed || myGeneration !== sceneGeneration) return;
      status('failed', error instanceof Error ? error.message : 'The scene could not be built.');
    }
  }

  function schedule() {
    if (drawing) {
      dirty = true;
      return;
    }
    void drawLoop();
  }

  async function drawLoop() {
    drawing = true;
    try {
      do {
        dirty = false;
        await drawOnce();
      } while (dirty && !destroyed);
    } finally {
      drawing = false;
    }
  }

  async function drawOnce() {
    const state = wanted;
    const r = renderer;
    if (!state || !r || !tree || !canvas || size.width === 0) return;
    const camera = stateCamera(state);
    const myGeneration = sceneGeneration;
    try {
      const result = await client.frame({
        camera,
        width: size.width,
        height: size.height,
        tau: state.tau,
        mode: state.mode,
        level: state.level,
        sort: r.wantsSortedList,
      });
      if (!result || destroyed || myGeneration !== sceneGeneration || renderer !== r) return;
      await r.render(result.list, frameView(state));
      restarts = 0;
      rebuilds = 0;
      events.frame({ drawn: result.list.count, perLevel: result.perLevel, cutMs: result.cutMs, sortMs: result.sortMs });
    } catch (error) {
      if (destroyed || myGeneration !== sceneGeneration) return;
      // A Worker that crashed lost its tree: build the scene again, once, in a fresh Worker.
      if (error instanceof SplatSceneError && error.rebuild && rebuilds++ === 0) {
        console.warn('splats: the scene Worker stopped; rebuilding the scene', error.message);
        void buildScene(state);
        return;
      }
      console.warn('splats: frame failed', error);
      status('failed', error instanceof Error ? error.message : 'The frame could not be drawn.');
    }
  }

  function frameView(state: SplatState): FrameView {
    const camera = stateCamera(state);
    return {
      view: viewMatrix(camera),
      fovy: camera.fovy,
      width: size.width,
      height: size.height,
      colorByLevel: state.color === 'level',
      background: SCENE_FRAMES[state.scene].background,
    };
  }

  return {
    /** Shows a state: rebuilds the scene or restarts the renderer only when those parts of it changed. */
    show(state: SplatState) {
      if (destroyed) return;
      wanted = state;
      if (state.backend !== backendChoice) {
        backendChoice = state.backend;
        void startBackend(state.backend);
      }
      const key = `${state.scene}:${state.leaves}`;
      if (key !== sceneKey) {
        sceneKey = key;
        void buildScene(state);
        return;
      }
      schedule();
    },
    /** The focal length the current canvas is drawn with (for pinch and drag scaling). */
    focal(state: SplatState): number {
      return focalPixels(stateCamera(state).fovy, size.height || 600);
    },
    destroy() {
      destroyed = true;
      resize.disconnect();
      renderer?.destroy();
      renderer = null;
      client.dispose?.();
    },
  };
}

export type SplatEngine = ReturnType<typeof createSplatEngine>;
