/**
 * The page's side of the splat build Worker: one Worker per page, requests answered by id, and every failure
 * (a bad request, the Worker failing to start or crashing) a rejected promise with a message for the reader.
 */
import type { SplatTree } from '../types.ts';
import type { BuildRequest, BuildTimings, FromBuildWorker } from './protocol.ts';

/** The part of a Worker the client uses, so that tests can pass a stand-in. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface BuiltScene {
  tree: SplatTree;
  timings: BuildTimings;
}

export class SplatBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplatBuildError';
  }
}

export function createBuildClient(makeWorker: () => WorkerLike) {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (scene: BuiltScene) => void; reject: (error: SplatBuildError) => void }>();

  function failAll(message: string) {
    for (const { reject } of waiting.values()) reject(new SplatBuildError(message));
    waiting.clear();
    worker = null; // the next request starts a fresh Worker
  }

  function start(): WorkerLike {
    const w = makeWorker();
    w.onmessage = ({ data }) => {
      const message = data as FromBuildWorker;
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      if (message.type === 'built') pending.resolve({ tree: message.tree, timings: message.timings });
      else pending.reject(new SplatBuildError(message.message));
    };
    w.onerror = () => failAll('The scene builder stopped working. Reload the page to try again.');
    return w;
  }

  return {
    build(scene: BuildRequest['scene'], count: number, seed: number): Promise<BuiltScene> {
      return new Promise((resolve, reject) => {
        try {
          worker ??= start();
        } catch {
          reject(new SplatBuildError('This browser could not start the scene builder (a Web Worker).'));
          return;
        }
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'build', id, scene, count, seed } satisfies BuildRequest);
      });
    },
  };
}

/** The browser's client: a module Worker bundled by Vite. */
export function browserBuildClient() {
  return createBuildClient(() => new Worker(new URL('./build.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike);
}
