/**
 * How long a model's run takes on each backend, measured in the worker on the reader's device: warm-up
 * runs, then the median of the timed ones (the rules are backend-choice.ts's `median` and `cannotBeat`).
 *
 * Each step (a session, one run) is its own serialized task, so a reader's runs slip in between steps and
 * are answered meanwhile: on a slow (software) GPU adapter the first WebGPU run alone can take seconds of
 * shader compilation, and the figure must not wait for it.
 */
import { cannotBeat, median, type Backend, type Measurements } from './backend-choice.ts';
import type { Feeds } from './protocol.ts';
import { toOrtFeeds, type ModelEntry, type Sessions } from './sessions.ts';

/** Timing: warm-up runs (the first WebGPU run compiles shaders), then the median of the timed ones. */
const WARMUP_RUNS = 2;
const TIMED_RUNS = 5;

/**
 * Median ms per run on wasm, then on WebGPU if `webgpuUsable()` (asked once wasm is done: WebGPU may have
 * broken meanwhile); WebGPU's timing stops as soon as it cannot beat wasm. `null`: that backend could not run.
 */
export async function timeBackends(
  sessions: Sessions,
  entry: ModelEntry,
  feeds: Feeds,
  webgpuUsable: () => boolean,
  clock: { now(): number },
): Promise<Measurements> {
  const wasm = await timeBackend(sessions, entry, 'wasm', feeds, null, clock);
  const webgpu = webgpuUsable() ? await timeBackend(sessions, entry, 'webgpu', feeds, wasm, clock) : null;
  return { wasm, webgpu };
}

/** Median ms per run, or null if the backend cannot run the model; stops early once it cannot beat `beat`. */
async function timeBackend(
  sessions: Sessions,
  entry: ModelEntry,
  backend: Backend,
  feeds: Feeds,
  beat: number | null,
  clock: { now(): number },
): Promise<number | null> {
  try {
    const ort = await sessions.ortFor(backend);
    const tensors = toOrtFeeds(ort, feeds);
    const times: number[] = [];
    for (let i = 0; i < WARMUP_RUNS + TIMED_RUNS; i++) {
      // A wasm run settles in microtasks only; without yielding to the event loop, a reader's run request
      // (a message event) would not even be read until the whole timing was over.
      await nextTask();
      const ms = await sessions.serial(async () => {
        // Looked up at every step: a menu change in between may have released it (it is then recreated).
        const session = await sessions.session(entry, backend);
        const t0 = clock.now();
        const results = await session.run(tensors);
        const elapsed = clock.now() - t0;
        for (const t of Object.values(results)) t.dispose();
        return elapsed;
      });
      if (i >= WARMUP_RUNS) times.push(ms);
      if (cannotBeat(times, beat, TIMED_RUNS)) break;
    }
    return median(times);
  } catch {
    return null;
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Opens the model on `backend` and runs it once, each step its own serialized task (a reader's runs are
 * answered on the current backend in between): the first WebGPU run compiles shaders, which must not be
 * the reader's wait after a switch. False if the backend cannot run the model.
 */
export async function warmUp(sessions: Sessions, entry: ModelEntry, backend: Backend, feeds: Feeds | null): Promise<boolean> {
  try {
    await nextTask();
    await sessions.serial(() => sessions.session(entry, backend));
    if (!feeds) return true;
    const tensors = toOrtFeeds(await sessions.ortFor(backend), feeds);
    await nextTask();
    await sessions.serial(async () => {
      const results = await (await sessions.session(entry, backend)).run(tensors);
      for (const t of Object.values(results)) t.dispose();
    });
    return true;
  } catch {
    return false;
  }
}
