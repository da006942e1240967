/**
 * What a live figure needs to run a model on the reader's input, as one controller: its parts loaded
 * (tokenizer, model sessions, extra files; each usable as soon as it arrives), one problem sentence with a
 * retry, and the newest result. Create it while the view initialises and call `start()` on mount:
 *
 *   const loaders = { tokenizer: () => loadTokenizer(url), model: () => loadModel(bytes) };
 *   const live = new LiveModel<typeof loaders, Result>(loaders);
 *   onMount(() => live.start());
 *   $effect(() => { const ids = …; live.run(async (current) => { … return result or null; }); });
 *
 * `run` is newest-wins: a task started before the newest one never paints (its result is dropped, and so
 * is its error). A task returns null when it has nothing to paint (the runtime answered "stale"). Progress
 * of the downloads is the runtime's own (runtime/ort/RuntimeStatus.svelte).
 */
import { untrack } from 'svelte';
import { Newest } from './newest.ts';
import { problemText } from './problem.ts';

type Loaders = Record<string, () => Promise<unknown>>;
type Parts<L extends Loaders> = { [K in keyof L]: Awaited<ReturnType<L[K]>> | null };

export type LiveStatus = 'loading' | 'ready' | 'error';

export interface LiveModelOptions {
  /** The sentence for a failure that is not already one (a ModelRuntimeError's message is used as it is). */
  fallbackProblem?: string;
}

export class LiveModel<L extends Loaders, R> {
  /** Each part's value once loaded (a loader that resolves to nothing leaves null: see `loaded`). */
  parts: Parts<L> = $state.raw() as Parts<L>;
  /** Which parts have loaded. */
  loaded: Record<keyof L, boolean> = $state.raw() as Record<keyof L, boolean>;
  /** The newest task's result; it stays on screen while the next one computes. */
  result: R | null = $state.raw(null);
  /** A sentence for the reader, or ''. */
  problem = $state('');
  /** A task is in flight. */
  pending = $state(false);
  /** Results painted so far (tests and benchmarks wait on it). */
  painted = $state(0);

  ready: boolean = $derived(Object.values(this.loaded).every(Boolean));
  status: LiveStatus = $derived(this.problem ? 'error' : this.ready ? 'ready' : 'loading');

  readonly #loaders: L;
  readonly #fallback: string | undefined;
  readonly #newest = new Newest();

  constructor(loaders: L, options: LiveModelOptions = {}) {
    this.#loaders = loaders;
    this.#fallback = options.fallbackProblem;
    const names = Object.keys(loaders) as (keyof L)[];
    this.parts = Object.fromEntries(names.map((k) => [k, null])) as Parts<L>;
    this.loaded = Object.fromEntries(names.map((k) => [k, false])) as Record<keyof L, boolean>;
  }

  /** Loads every part not loaded yet; also the retry after a failure. */
  start(): void {
    this.problem = '';
    for (const name of Object.keys(this.#loaders) as (keyof L)[]) {
      if (this.loaded[name]) continue;
      this.#loaders[name]!().then(
        (value) => {
          this.parts = { ...this.parts, [name]: value ?? null };
          this.loaded = { ...this.loaded, [name]: true };
        },
        (error: unknown) => this.fail(error),
      );
    }
  }

  /**
   * Starts a task; every earlier one becomes stale. `current()` tells the task, between its awaits,
   * whether it is still the newest (a multi-step task can stop early). The task starts untracked: what
   * it reads before its first await does not become a dependency of the effect that called `run`.
   */
  run(task: (current: () => boolean) => Promise<R | null>): void {
    const token = this.#newest.begin();
    const current = () => this.#newest.isCurrent(token);
    this.pending = true;
    untrack(() => task(current)).then(
      (result) => {
        if (!current() || result === null) return;
        this.result = result;
        this.problem = '';
        this.pending = false;
        this.painted += 1;
      },
      (error: unknown) => {
        if (current()) this.fail(error);
      },
    );
  }

  /** Nothing to compute (empty input): tasks in flight are dropped. */
  idle(): void {
    this.#newest.cancel();
    this.pending = false;
  }

  fail(error: unknown): void {
    this.problem = problemText(error, this.#fallback);
    this.pending = false;
  }
}
