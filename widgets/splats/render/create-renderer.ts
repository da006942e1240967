/**
 * Picks and starts a renderer for the reader's choice: 'auto' tries WebGPU, then WebGL2. Each attempt gets a
 * fresh canvas, because a canvas that handed out one kind of context can never give another. The backends'
 * modules load only when tried, so a browser without WebGPU never downloads its shaders.
 */
import type { BackendChoice } from '../state.ts';
import type { RendererEvents, SplatRenderer } from './contract.ts';

export interface StartedRenderer {
  renderer: SplatRenderer;
  canvas: HTMLCanvasElement;
}

export interface RendererAttempt {
  backend: 'webgpu' | 'webgl2';
  /** Why it did not start, for the status line (e.g. "no WebGPU adapter"). */
  problem: string;
}

/** The order to try backends in for a choice. */
function backendOrder(choice: BackendChoice): ('webgpu' | 'webgl2')[] {
  if (choice === 'webgpu') return ['webgpu', 'webgl2'];
  if (choice === 'webgl2') return ['webgl2'];
  return ['webgpu', 'webgl2'];
}

async function tryBackend(backend: 'webgpu' | 'webgl2', canvas: HTMLCanvasElement, events: RendererEvents): Promise<SplatRenderer | null> {
  if (backend === 'webgpu') {
    if (typeof navigator === 'undefined' || !('gpu' in navigator)) return null;
    const { createWebGpuRenderer } = await import('./webgpu/renderer.ts');
    return createWebGpuRenderer(canvas, events);
  }
  const { createWebGl2Renderer } = await import('./webgl2/renderer.ts');
  return createWebGl2Renderer(canvas, events);
}

/**
 * Starts the first backend that works, with `makeCanvas` called once per attempt. Resolves to null (with the
 * reasons in `attempts`) when none does: the widget then shows its static image.
 */
export async function startRenderer(
  choice: BackendChoice,
  makeCanvas: () => HTMLCanvasElement,
  events: RendererEvents,
  attempts: RendererAttempt[] = [],
): Promise<StartedRenderer | null> {
  for (const backend of backendOrder(choice)) {
    const canvas = makeCanvas();
    try {
      const renderer = await tryBackend(backend, canvas, events);
      if (renderer) return { renderer, canvas };
      attempts.push({ backend, problem: backend === 'webgpu' ? 'WebGPU is not available' : 'WebGL2 is not available' });
    } catch (error) {
      attempts.push({ backend, problem: error instanceof Error ? error.message : String(error) });
    }
    canvas.remove();
  }
  return null;
}
