/**
 * The backend the worker's runs use, and telling the page about it. backend-choice.ts's rules decide from
 * what the device offers, the reader's menu and what was measured; this keeps those inputs, announces
 * every decision ('backend'), and releases the sessions of a backend no longer in use.
 *
 * WASM first: the worker starts on the wasm build (14.2 MB), whatever is decided. Where WebGPU is wanted
 * (the reader chose it, it won here before, or nothing decides and both must be timed), its build (26.8 MB)
 * is fetched only when the page says its figures are live and it is idle (`upgrade`), or when the reader
 * picks WebGPU in the menu; wasm answers meanwhile. Then: a chosen or remembered WebGPU is warmed up on the
 * first model and switched to; an undecided choice times the first model on both backends in the
 * background (backend-timing.ts) and keeps the faster. When WebGPU breaks, everything moves to wasm for good.
 */
import { chooseBackend, fasterBackend, needsWebGPUBuild, type Backend, type Decision, type Measurements, type Preference, type StoredChoice } from './backend-choice.ts';
import { timeBackends, warmUp } from './backend-timing.ts';
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
  /** The WebGPU build: not asked for, on its way (download, then warm-up), or ready to run. */
  private webgpuBuild: 'none' | 'starting' | 'ready' = 'none';
  /** The page said its figures are live: from then on a wanted WebGPU build may be fetched. */
  private live = false;
  private preference: Preference = 'auto';
  private stored: StoredChoice['measured'] = null;
  private measurements: Measurements | null = null;
  /** null only while the backends are timed (runs then use wasm). */
  private backend: Backend | null = null;
  /** The first model opened and the widget's sample for it: what a measurement times and a warm-up runs. */
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

  /** The runtime (wasm build) is up: the first decision. */
  ready(hasWebGPU: boolean): void {
    this.hasWebGPU = hasWebGPU;
    this.decide();
  }

  /** After a menu change: decides again; a reader who picks WebGPU gets its build now, not after idle. */
  reconsider(): void {
    this.decide();
    if (this.backend === null && this.first) this.startMeasuring(this.first.entry, this.first.sample);
    if (this.preference === 'webgpu' || this.live) this.startWebGPU();
  }

  /** The page's figures are live and it is idle: fetch the WebGPU build if it is wanted. */
  upgrade(): void {
    this.live = true;
    this.startWebGPU();
  }

  /** A model opened: the first one is what a measurement times; timed now if a timing is due. */
  opened(entry: ModelEntry, sample: Feeds | null): void {
    this.first ??= { entry, sample };
    if (this.backend === null) this.startMeasuring(entry, sample);
  }

  webgpuUsable(): boolean {
    return this.hasWebGPU && !this.webgpuBroken;
  }

  /** WebGPU failed where wasm works: it is broken on this page. Everything moves to wasm and the reader is told. */
  fallBackToWasm(notice = true): void {
    if (this.webgpuBroken) return;
    this.webgpuBroken = true;
    this.sessions.release('webgpu');
    this.decide('fallback');
    if (notice) this.deps.post({ type: 'notice', message: WEBGPU_FALLBACK_NOTICE });
  }

  private decision(): Decision {
    return chooseBackend({
      hasWebGPU: this.webgpuUsable(),
      preference: this.preference,
      stored: this.stored,
      measurements: this.measurements,
    });
  }

  /** Picks the backend and tells the page; releases sessions of the backend no longer in use. */
  private decide(why: 'fallback' | null = null): void {
    const decision = this.decision();
    const previous = this.backend;
    let said: Extract<FromWorker, { type: 'backend' }>['why'];
    if (needsWebGPUBuild(decision) && this.webgpuBuild !== 'ready') {
      // WebGPU is wanted but its build is not here yet: wasm answers until it is.
      this.backend = 'wasm';
      said = 'first';
    } else {
      this.backend = decision.kind === 'use' ? decision.backend : null;
      said = why ?? (decision.kind === 'use' ? decision.why : null);
    }
    this.deps.post({
      type: 'backend',
      hasWebGPU: this.webgpuUsable(),
      backend: this.backend,
      why: said,
      measurements: this.measurements ?? this.stored?.ms ?? null,
    });
    if (previous && this.backend && previous !== this.backend) this.sessions.release(previous);
  }

  /**
   * Fetches and starts the WebGPU build, once, if the decision wants it; then warms it up and switches
   * (a chosen or remembered WebGPU) or times both backends (nothing decides). Not awaited by the caller.
   */
  private startWebGPU(): void {
    if (!this.webgpuUsable() || this.webgpuBuild !== 'none' || !needsWebGPUBuild(this.decision())) return;
    this.webgpuBuild = 'starting';
    this.sessions.startWebGPU().then(
      () => this.webgpuArrived(),
      () => {
        // The build could not be fetched or started: WebGPU is unusable here. The reader is told only if
        // they asked for it; an automatic timing just stays on wasm.
        this.webgpuBuild = 'none';
        return this.sessions.serial(async () => this.fallBackToWasm(this.preference === 'webgpu'));
      },
    ).catch(() => undefined);
  }

  private async webgpuArrived(): Promise<void> {
    const decision = this.decision();
    if (decision.kind === 'use' && decision.backend === 'webgpu' && this.first) {
      const ok = await warmUp(this.sessions, this.first.entry, 'webgpu', this.first.sample ?? sampleFeeds(this.first.entry.info.inputs));
      if (!ok) {
        await this.sessions.serial(async () => this.fallBackToWasm());
        return;
      }
    }
    await this.sessions.serial(async () => {
      this.webgpuBuild = 'ready';
      this.decide();
      if (this.backend === null && this.first) this.startMeasuring(this.first.entry, this.first.sample);
    });
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
