/**
 * The page's side of the splat scene Worker: one Worker per client, answers matched by id, and every failure
 * (a bad request, the Worker failing to start or crashing) a rejected promise with a message for the reader.
 *
 * Frames are latest-wins: at most one frame is computed at a time and at most one waits; a newer request
 * replaces the waiting one, whose promise resolves to null. So a camera drag never queues up work, and the
 * page draws the newest answer it has. A frame computed for a scene that a later build() replaced also
 * resolves to null (its node indices belong to the old tree).
 */
import type { FrameParams, FrameResult } from '../frame/frame-computer.ts';
import type { RenderTree } from '../render/contract.ts';
import type { BuildRequest, BuildTimings, FrameRequest, FromSceneWorker, SceneName, TreeStats } from './protocol.ts';

/** The part of a Worker the client uses, so that tests can pass a stand-in. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  terminate?(): void;
}

export interface BuiltScene {
  renderTree: RenderTree;
  stats: TreeStats;
  timings: BuildTimings;
}

export class SplatSceneError extends Error {
  /** True when the Worker no longer holds the scene (it crashed and was replaced, or none was built): call build() again. */
  readonly rebuild: boolean;
  constructor(message: string, rebuild = false) {
    super(message);
    this.name = 'SplatSceneError';
    this.rebuild = rebuild;
  }
}

export interface SceneClient {
  build(scene: SceneName, count: number, seed: number): Promise<BuiltScene>;
  /** The draw list for a view; null when a newer frame or build superseded this one. */
  frame(params: FrameParams): Promise<FrameResult | null>;
  /** Stops the Worker (its scene is freed); pending requests reject, and the next one starts a new Worker. */
  dispose(): void;
}

const CRASHED = 'The scene builder stopped working. Reload the page to try again.';
const NO_SCENE = 'There is no scene to draw: it must be built (again) first.';

interface Pending {
  resolve: (value: never) => void;
  reject: (error: SplatSceneError) => void;
  /** For frames, the scene they were computed on; a build since makes them stale. */
  scene: number;
}

export function createSceneClient(makeWorker: () => WorkerLike): SceneClient {
  let worker: WorkerLike | null = null;
  /** A build was posted to this Worker, so frames are drawn from a scene (or answered "rebuild" if it failed). */
  let hasScene = false;
  let scene = 0;
  let nextId = 1;
  const waiting = new Map<number, Pending & { kind: 'build' | 'frame' }>();
  let frameInFlight = false;
  let queued: { params: FrameParams; resolve: (r: FrameResult | null) => void; reject: (e: SplatSceneError) => void } | null = null;

  function failAll(message: string) {
    for (const { reject } of waiting.values()) reject(new SplatSceneError(message, true));
    waiting.clear();
    queued?.reject(new SplatSceneError(message, true));
    queued = null;
    frameInFlight = false;
    hasScene = false;
    worker = null; // the next request starts a fresh Worker, which holds no scene
  }

  function start(): WorkerLike {
    const w = makeWorker();
    w.onmessage = ({ data }) => {
      if (w !== worker) return; // a disposed Worker's late answer
      const message = data as FromSceneWorker;
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      if (message.type === 'built') {
        pending.resolve({ renderTree: message.renderTree, stats: message.stats, timings: message.timings } as never);
      } else if (message.type === 'frame') {
        const { list, perLevel, cutMs, sortMs } = message;
        pending.resolve((pending.scene === scene ? { list, perLevel, cutMs, sortMs } : null) as never);
      } else {
        pending.reject(new SplatSceneError(message.message, message.rebuild === true));
      }
      if (pending.kind === 'frame') {
        frameInFlight = false;
        const next = queued;
        queued = null;
        if (next) postFrame(next.params, next.resolve, next.reject);
      }
    };
    w.onerror = () => failAll(CRASHED);
    return w;
  }

  function postFrame(params: FrameParams, resolve: (r: FrameResult | null) => void, reject: (e: SplatSceneError) => void) {
    if (!worker || !hasScene) {
      reject(new SplatSceneError(NO_SCENE, true));
      return;
    }
    const id = nextId++;
    frameInFlight = true;
    waiting.set(id, { kind: 'frame', resolve: resolve as (v: never) => void, reject, scene });
    worker.postMessage({ ...params, type: 'frame', id } satisfies FrameRequest);
  }

  return {
    build(name, count, seed) {
      return new Promise((resolve, reject) => {
        try {
          worker ??= start();
        } catch {
          reject(new SplatSceneError('This browser could not start the scene builder (a Web Worker).'));
          return;
        }
        const id = nextId++;
        scene++;
        hasScene = true;
        waiting.set(id, { kind: 'build', resolve: resolve as (v: never) => void, reject, scene });
        worker.postMessage({ type: 'build', id, scene: name, count, seed } satisfies BuildRequest);
      });
    },

    frame(params) {
      return new Promise((resolve, reject) => {
        if (!frameInFlight) {
          postFrame(params, resolve, reject);
          return;
        }
        queued?.resolve(null);
        queued = { params, resolve, reject };
      });
    },

    dispose() {
      const w = worker;
      failAll('The scene was closed.');
      w?.terminate?.();
    },
  };
}

/** The browser's client: a module Worker bundled by Vite. */
export function browserSceneClient(): SceneClient {
  return createSceneClient(() => new Worker(new URL('./scene.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike);
}
