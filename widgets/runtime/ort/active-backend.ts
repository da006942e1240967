/**
 * The backend the worker's runs use, and telling the page about it. backend-choice.ts's rules decide from
 * what the device offers, the reader's menu and what was measured; this keeps those inputs, announces
 * every decision ('backend'), and releases the sessions of a backend no longer in use. When nothing decides
 * (auto, nothing remembered), the first model opened is timed on both backends in the background
 * (backend-timing.ts) and runs use wasm meanwhile. When WebGPU breaks, everything moves to wasm for good.
 */
import { chooseBackend, fasterBackend, type Backend, type Measurements, type Preference, type StoredChoice } from './backend-choice.ts';
import { timeBackends } from './backend-timing.ts';
import { WEBGPU_FALLBACK_NOTICE } from './messages.ts';
import type { Feeds, FromWorker } from './protocol.ts';
import { sampleFeeds } from './sample-feeds.ts';
import type { ModelEntry, Sessions } from './sessions.ts';

export interface ActiveBackendDeps {
  post(message: FromWorker): void;
  now(): number;
}

export class ActiveBackend {
  private hasWebGPU = false;
  private webgpuBroken = false;
  private preference: Preference = 'auto';
  private stored: StoredChoice['measured'] = null;
  private measurements: Measurements | null = null;
  /** null until decided, and while the backends are timed (runs then use wasm). */
  private backend: Backend | null = null;
  /** The first model opened and the widget's sample for it: what a measurement times. */
  private first: { entry: ModelEntry; sample: Feeds | null } | null = null;
  private measuring: Promise<void> | null = null;
  private readonly sessions: Sessions;
  private readonly deps: ActiveBackendDeps;

  constructor(sessions: Sessions, deps: ActiveBackendDeps) {
    this.sessions = sessions;
    this.deps = deps;
  }

  /** The backend for the next run: the decided one, or wasm while undecided. */
  get current(): Backend {
    return this.backend ?? 'wasm';
  }

  /** What the page remembered and the reader's menu, before the runtime starts. */
  remember(preference: Preference, stored: StoredChoice['measured']): void {
    this.preference = preference;
    this.stored = stored;
  }

  /** The reader's menu; takes effect at the next `reconsider()` (or when the runtime is ready). */
  prefer(preference: Preference): void {
    this.preference = preference;
  }

  /** The runtime is up: the first decision. */
  ready(hasWebGPU: boolean): void {
    this.hasWebGPU = hasWebGPU;
    this.decide();
  }

  /** After a menu change: decides again, and times the first model if that is now what decides. */
  reconsider(): void {
    this.decide();
    if (this.backend === null && this.first) this.startMeasuring(this.first.entry, this.first.sample);
  }

  /** A model opened: if undecided, it is timed (unless a timing is already running). */
  opened(entry: ModelEntry, sample: Feeds | null): void {
    this.first ??= { entry, sample };
    if (this.backend === null) this.startMeasuring(entry, sample);
  }

  webgpuUsable(): boolean {
    return this.hasWebGPU && !this.webgpuBroken;
  }

  /** WebGPU failed where wasm works: it is broken on this page. Everything moves to wasm and the reader is told. */
  fallBackToWasm(): void {
    if (this.webgpuBroken) return;
    this.webgpuBroken = true;
    this.sessions.release('webgpu');
    this.decide('fallback');
    this.deps.post({ type: 'notice', message: WEBGPU_FALLBACK_NOTICE });
  }

  /** Picks the backend and tells the page; releases sessions of the backend no longer in use. */
  private decide(why: 'fallback' | null = null): void {
    const decision = chooseBackend({
      hasWebGPU: this.webgpuUsable(),
      preference: this.preference,
      stored: this.stored,
      measurements: this.measurements,
    });
    const previous = this.backend;
    this.backend = decision.kind === 'use' ? decision.backend : null;
    this.deps.post({
      type: 'backend',
      hasWebGPU: this.webgpuUsable(),
      backend: this.backend,
      why: why ?? (decision.kind === 'use' ? decision.why : null),
      measurements: this.measurements ?? this.stored?.ms ?? null,
    });
    if (previous && this.backend && previous !== this.backend) this.sessions.release(previous);
  }

  /**
   * Times the model on both backends in the background and keeps the faster; the page stores the result.
   * Not awaited by the caller: runs requested meanwhile are answered on wasm between the timing's steps.
   */
  private startMeasuring(entry: ModelEntry, sample: Feeds | null): void {
    if (this.measuring) return;
    this.measuring = this.measure(entry, sample)
      .catch(() => undefined)
      .finally(() => (this.measuring = null));
  }

  private async measure(entry: ModelEntry, sample: Feeds | null): Promise<void> {
    const feeds = sample ?? sampleFeeds(entry.info.inputs);
    const measurements: Measurements = feeds
      ? await timeBackends(this.sessions, entry, feeds, () => this.webgpuUsable(), this.deps)
      : { wasm: null, webgpu: null };
    await this.sessions.serial(async () => {
      // The reader may have picked a backend in the menu meanwhile: their choice stands.
      if (this.backend !== null) return;
      const winner = fasterBackend(measurements);
      if (!winner) {
        // Nothing could be timed (no sample, or the sample does not fit the model): wasm, unremembered.
        this.backend = 'wasm';
        this.deps.post({ type: 'backend', hasWebGPU: this.webgpuUsable(), backend: 'wasm', why: null, measurements: null });
        return;
      }
      this.measurements = measurements;
      this.deps.post({ type: 'measured', backend: winner, measurements });
      this.decide();
      // The loser's session (GPU buffers, or a second copy of the weights) is recreated if ever needed.
      if (this.backend) this.sessions.release(this.backend === 'wasm' ? 'webgpu' : 'wasm');
    });
  }
}
