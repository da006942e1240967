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
/**
 * Device losses the figure recovers from in its lifetime; after that it stops retrying and shows the static
 * picture with a sentence. Counted in total, not "in a row": a device that is lost again after every
 * recovery would otherwise restart forever.
 */
export const MAX_RESTARTS = 3;
/**
 * How long a renderer may take to start. After a device loss, requesting a new adapter or device can hang
 * (a GPU process that is itself restarting); the figure must not say "restarting the renderer…" forever.
 */
export const RENDERER_START_MS = 15_000;

const TIMED_OUT = Symbol('timed out');

/** `promise`'s value, or TIMED_OUT when it has not settled after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

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
  /** The renderer was given up on (too many losses, or a start that hung): later events must not hide that. */
  let gaveUp = false;
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
    if (destroyed || (gaveUp && phase !== 'failed')) return;
    events.status({ phase, message, backend: renderer?.backend ?? null });
  }

  function giveUp(message: string) {
    canvas?.remove();
    canvas = null;
    status('failed', message);
    gaveUp = true;
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
    const starting = startRenderer(choice, makeCanvas, { onLost: (reason) => lost(reason, myGeneration) }, attempts);
    const outcome = await within(starting, RENDERER_START_MS);
    if (destroyed || myGeneration !== rendererGeneration) {
      if (outcome !== TIMED_OUT) outcome?.renderer.destroy();
      return;
    }
    if (outcome === TIMED_OUT) {
      // Timed out: a renderer that starts after all is thrown away.
      rendererGeneration += 1;
      void starting.then((late) => late?.renderer.destroy(), () => undefined);
      giveUp('The graphics device did not start in time, so the figure shows a picture of its opening view instead. Reload the page to try again.');
      return;
    }
    const started = outcome;
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
      giveUp(`The graphics device was lost ${restarts} times; the figure stops restarting it and shows a picture of its opening view instead. Reload the page to try again.`);
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
        // A renderer the reader picks is a fresh start, even after the figure gave up on the last one.
        if (backendChoice !== null) {
          gaveUp = false;
          restarts = 0;
        }
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
